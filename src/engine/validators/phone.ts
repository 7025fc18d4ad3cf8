/**
 * Telephone numbers as people write them. Either E.164 (`+` and a country code, 8 to 15 digits
 * in all) or a North American (NANP) number of ten digits: an area code and exchange that do
 * not start with 0 or 1 and are not N11 service codes, an area code whose middle digit is not
 * 9 (reserved), and not the 555-0100…0199 block set aside for fiction. Separators: spaces,
 * dots, dashes and parentheses around the area code.
 */
function isNanp(ten: string): boolean {
  const area = ten.slice(0, 3);
  const exchange = ten.slice(3, 6);
  const isServiceCode = (code: string) => code[1] === '1' && code[2] === '1';
  if (!/^[2-9]\d\d[2-9]\d{6}$/.test(ten) || area[1] === '9') return false;
  if (isServiceCode(area) || isServiceCode(exchange)) return false;
  return !(exchange === '555' && ten.slice(6, 8) === '01');
}

export function isPhoneNumber(text: string): boolean {
  const trimmed = text.trim();
  if (!/^\+?[\d ().-]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '');
  if (/^(\d)\1+$/.test(digits)) return false;
  if (trimmed.startsWith('+')) {
    if (digits.startsWith('1')) return digits.length === 11 && isNanp(digits.slice(1));
    return /^[2-9]\d{7,14}$/.test(digits);
  }
  if (digits.length === 11 && digits.startsWith('1')) return isNanp(digits.slice(1));
  return digits.length === 10 && isNanp(digits);
}
