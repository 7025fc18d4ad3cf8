/**
 * National identity numbers with a check that can be computed.
 * - Spain, DNI and NIE: eight digits (NIE: X, Y or Z for the first, as 0, 1, 2) and a control
 *   letter, the number mod 23 in TRWAGMYFPDXBNJZSQVHLCKE.
 * - Sweden, personnummer: YYMMDD, a separator (`-`, or `+` past 100 years), three digits and a
 *   Luhn check digit over the ten digits; the date must exist (day + 60 for a samordningsnummer).
 */
import { hasLuhnCheckDigit } from './payment-card.js';

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

export function isSpanishId(text: string): boolean {
  const match = /^([XYZ]?)(\d{7,8})-?([A-Z])$/.exec(text.toUpperCase());
  if (!match) return false;
  const [, nie, digits, letter] = match as unknown as [string, string, string, string];
  if (nie === '' ? digits.length !== 8 : digits.length !== 7) return false;
  const number = Number((nie === '' ? '' : String('XYZ'.indexOf(nie))) + digits);
  if (/^(\d)\1+$/.test(digits)) return false;
  return DNI_LETTERS[number % 23] === letter;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isSwedishPersonnummer(text: string): boolean {
  const match = /^(\d\d)(\d\d)(\d\d)[-+](\d{4})$/.exec(text);
  if (!match) return false;
  const [, , month, day, rest] = match as unknown as [string, string, string, string, string];
  const monthNumber = Number(month);
  let dayNumber = Number(day);
  if (dayNumber > 60) dayNumber -= 60;
  if (monthNumber < 1 || monthNumber > 12 || dayNumber < 1 || dayNumber > DAYS_IN_MONTH[monthNumber - 1]!) return false;
  return hasLuhnCheckDigit(match[1]! + month + day + rest);
}
