/**
 * Payment card numbers: 12 to 19 digits (spaces or dashes between groups allowed), an issuer
 * prefix with a length that issuer uses, and the Luhn check digit. A number of one repeated
 * digit is a test pattern, not a card.
 */

/** The Luhn (mod 10) check over a string of digits. */
export function hasLuhnCheckDigit(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

interface Issuer {
  /** Inclusive ranges of the number's leading digits, all of one width. */
  ranges: readonly (readonly [number, number])[];
  lengths: readonly number[];
}

/** Issuer identification ranges and the lengths each issues (public scheme facts). */
const ISSUERS: Record<string, Issuer> = {
  visa: { ranges: [[4, 4]], lengths: [13, 16, 19] },
  mastercard: { ranges: [[51, 55], [2221, 2720]], lengths: [16] },
  amex: { ranges: [[34, 34], [37, 37]], lengths: [15] },
  discover: { ranges: [[6011, 6011], [644, 649], [65, 65]], lengths: [16, 17, 18, 19] },
  diners: { ranges: [[300, 305], [36, 36], [38, 39]], lengths: [14, 15, 16, 17, 18, 19] },
  jcb: { ranges: [[3528, 3589]], lengths: [16, 17, 18, 19] },
  unionpay: { ranges: [[62, 62]], lengths: [16, 17, 18, 19] },
  maestro: { ranges: [[50, 50], [56, 58], [63, 63], [67, 67]], lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
};

function issuerOf(digits: string): string | undefined {
  for (const [name, issuer] of Object.entries(ISSUERS)) {
    if (!issuer.lengths.includes(digits.length)) continue;
    for (const [low, high] of issuer.ranges) {
      const width = String(low).length;
      const prefix = Number(digits.slice(0, width));
      if (prefix >= low && prefix <= high) return name;
    }
  }
  return undefined;
}

export function isPaymentCard(text: string): boolean {
  const digits = text.replace(/[ -]/g, '');
  if (!/^\d{12,19}$/.test(digits) || /^(\d)\1+$/.test(digits)) return false;
  return issuerOf(digits) !== undefined && hasLuhnCheckDigit(digits);
}
