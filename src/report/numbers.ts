/**
 * Numbers as people read them, without `Intl`: the first `toLocaleString` call loads locale
 * data, a sizeable part of a git hook's start-up.
 */

/** An integer with thousands separators: 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  const digits = Math.trunc(Math.abs(n)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** "1 file", "2 files", "1,024 entries". */
export const plural = (n: number, word: string, many = `${word}s`) => `${formatCount(n)} ${n === 1 ? word : many}`;

/** A size in the largest binary unit that keeps it above 1: "3.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
