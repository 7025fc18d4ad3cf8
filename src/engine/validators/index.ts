/**
 * Validators of personal and financial data, the one public face of this folder: each takes a
 * matched value and says whether it is a real-looking instance (a checksum, a range, a date),
 * so that a number of the right shape is not enough. Pure functions; rules name them with
 * `content.verify`.
 */
import { bip39PhraseStarts, isBip39Mnemonic } from './bip39.js';
import { isEmailAddress } from './email.js';
import { isIban } from './iban.js';
import { isSpanishId, isSwedishPersonnummer } from './national-id.js';
import { isPaymentCard } from './payment-card.js';
import { namesPersonalFields } from './personal-fields.js';
import { isPhoneNumber } from './phone.js';
import { isUsSsn } from './us-ssn.js';

export { hasLuhnCheckDigit } from './payment-card.js';
export { hasBip39Checksum } from './bip39.js';
export { BIP39_ENGLISH } from './bip39-english.js';

export const VALIDATORS = {
  'payment-card': isPaymentCard,
  'us-ssn': isUsSsn,
  iban: isIban,
  email: isEmailAddress,
  phone: isPhoneNumber,
  'es-dni': isSpanishId,
  'se-personnummer': isSwedishPersonnummer,
  /** Any national ID this folder can check. */
  'national-id': (value: string) => isSpanishId(value) || isSwedishPersonnummer(value),
  'bip39-mnemonic': isBip39Mnemonic,
  'personal-fields': namesPersonalFields,
} as const satisfies Record<string, (value: string) => boolean>;

export type ValidatorName = keyof typeof VALIDATORS;

/**
 * Passes over a text that find where a rule's match can begin (every such place, and maybe
 * more), for rules with no keyword to anchor them; rules name one with `content.starts`. The
 * text is read once, instead of the rule's pattern trying every character.
 */
export const START_FINDERS = {
  'bip39-phrase': bip39PhraseStarts,
} as const satisfies Record<string, (text: string) => number[]>;

export const START_FINDER_NAMES = Object.keys(START_FINDERS) as (keyof typeof START_FINDERS)[];
