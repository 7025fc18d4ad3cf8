/**
 * Validators of personal and financial data, the one public face of this folder: each takes a
 * matched value and says whether it is a real-looking instance (a checksum, a range, a date),
 * so that a number of the right shape is not enough. Pure functions; rules name them with
 * `content.verify`.
 */
import { isBip39Mnemonic } from './bip39.js';
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
