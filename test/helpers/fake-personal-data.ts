import { createHash, randomBytes, randomInt } from 'node:crypto';
import { BIP39_ENGLISH } from '../../src/engine/validators/index.js';

/**
 * Synthetic personal data, generated at test time with their check digits computed here (not
 * by the validators under test): random values of the right shape, never anyone's.
 */

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/** The digit that makes `body` pass the Luhn check. */
export function luhnDigit(body: string): string {
  let sum = 0;
  [...body].reverse().forEach((ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return String((10 - (sum % 10)) % 10);
}

/** A card number of an issuer prefix and total length, with its Luhn digit. */
export function fakeCard(prefix = '4', length = 16): string {
  const body = prefix + digits(length - prefix.length - 1);
  return body + luhnDigit(body);
}

/** The same number with its last digit changed: fails Luhn. */
export const breakLastDigit = (number: string) => number.slice(0, -1) + String((Number(number.at(-1)) + 1) % 10);

/** An IBAN of a country and national-number length, with ISO 7064 check digits computed by BigInt. */
export function fakeIban(country = 'DE', bodyLength = 18): string {
  const body = digits(bodyLength);
  const numeric = [...(body + country + '00')].map((ch) => (/\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55))).join('');
  const check = String(98n - (BigInt(numeric) % 97n)).padStart(2, '0');
  return country + check + body;
}

export function fakeSsn(): string {
  const area = String(randomInt(1, 900)).padStart(3, '0');
  const safeArea = area === '666' ? '667' : area;
  return `${safeArea}-${String(randomInt(1, 100)).padStart(2, '0')}-${String(randomInt(1, 10000)).padStart(4, '0')}`;
}

/** A North American number outside the fiction block: area and exchange 2xx–8xx, no N11. */
export function fakeNanpPhone(): string {
  const pick = () => `${randomInt(2, 9)}${randomInt(0, 9)}${randomInt(2, 10)}`;
  return `(${pick()}) ${pick()}-${digits(4)}`;
}

const FIRST = ['Ada', 'Bram', 'Chiara', 'Dmitri', 'Elif', 'Farah', 'Goran', 'Hana', 'Ines', 'Jonas', 'Kofi', 'Lena'];
const LAST = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Novak', 'Haddad', 'Silva', 'Kowalski', 'Berg', 'Duarte'];
const DOMAINS = ['mailbox.org', 'posteo.de', 'fastmail.fm', 'proton.me', 'gmx.net'];

/** Rows of synthetic customers: a name, an e-mail address at a real-looking domain, a phone. */
export function fakeCustomers(count: number): { name: string; email: string; phone: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[randomInt(FIRST.length)]!;
    const last = LAST[randomInt(LAST.length)]!;
    return { name: `${first} ${last}`, email: `${first}.${last}${i}@${DOMAINS[i % DOMAINS.length]}`.toLowerCase(), phone: fakeNanpPhone() };
  });
}

/** A BIP-39 phrase of `words` words from fresh random entropy, its checksum computed here. */
export function fakeMnemonic(words: 12 | 15 | 18 | 21 | 24 = 12): string {
  for (;;) {
    const entropy = randomBytes((words * 4) / 3);
    const hash = createHash('sha256').update(entropy).digest();
    const bits = [...entropy].map((b) => b.toString(2).padStart(8, '0')).join('') + hash[0]!.toString(2).padStart(8, '0').slice(0, words / 3);
    const phrase = Array.from({ length: words }, (_, i) => BIP39_ENGLISH[parseInt(bits.slice(i * 11, i * 11 + 11), 2)]!);
    if (new Set(phrase).size === words) return phrase.join(' ');
  }
}

/** The same phrase with its last word replaced by another list word that breaks the checksum. */
export function breakMnemonic(phrase: string): string {
  const words = phrase.split(' ');
  const last = BIP39_ENGLISH.indexOf(words.at(-1)!);
  // Changing only the last word's checksum bits (the low n/3 bits) by one always breaks it.
  words[words.length - 1] = BIP39_ENGLISH[last ^ 1]!;
  return words.join(' ');
}
