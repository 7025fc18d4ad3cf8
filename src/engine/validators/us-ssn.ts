/**
 * US Social Security numbers as written (AAA-GG-SSSS, dashes or spaces): the area is never 000,
 * 666 or 900–999, the group never 00, the serial never 0000. Numbers the SSA voided after they
 * were printed in advertisements are not anyone's.
 */
const VOIDED = new Set(['078051120', '219099999']);

export function isUsSsn(text: string): boolean {
  const match = /^(\d{3})[- ](\d{2})[- ](\d{4})$/.exec(text);
  if (!match) return false;
  const [, area, group, serial] = match as unknown as [string, string, string, string];
  const areaNumber = Number(area);
  if (areaNumber === 0 || areaNumber === 666 || areaNumber >= 900) return false;
  if (group === '00' || serial === '0000') return false;
  return !VOIDED.has(area + group + serial);
}
