import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BIP39_ENGLISH, hasBip39Checksum, hasLuhnCheckDigit, START_FINDERS, VALIDATORS } from '../../../src/engine/validators/index.js';
import { breakLastDigit, breakMnemonic, fakeCard, fakeIban, fakeMnemonic, fakeNanpPhone, fakeSsn, luhnDigit } from '../../helpers/fake-personal-data.js';

const { 'payment-card': isCard, 'us-ssn': isSsn, iban: isIban, email: isEmail, phone: isPhone } = VALIDATORS;

describe('payment cards: issuer range, length and Luhn', () => {
  it.each([
    ['Visa 16', '4', 16],
    ['Visa 13', '4', 13],
    ['Mastercard 5x', '53', 16],
    ['Mastercard 2-series', '2720', 16],
    ['Amex', '37', 15],
    ['Discover', '6011', 16],
    ['JCB', '3530', 16],
    ['Diners', '36', 14],
  ])('accepts a generated %s number, with or without group separators', (_, prefix, length) => {
    for (let i = 0; i < 20; i++) {
      const card = fakeCard(prefix, length);
      expect(isCard(card)).toBe(true);
      expect(isCard(card.replace(/(\d{4})(?=\d)/g, '$1 '))).toBe(true);
      expect(isCard(breakLastDigit(card))).toBe(false);
    }
  });

  it.each([
    ['a Luhn-valid number of no issuer', '9' + '0'.repeat(14) + luhnDigit('9' + '0'.repeat(14))],
    ['Amex length on a Visa prefix', fakeCard('4', 15)],
    ['one repeated digit', '4444444444444448'.replace(/8$/, '4')],
    ['too short', '4' + luhnDigit('4')],
    ['letters', '4111-aaaa-1111-1111'],
  ])('rejects %s', (_, value) => expect(isCard(value)).toBe(false));

  it('computes Luhn on known small cases', () => {
    expect(hasLuhnCheckDigit('18')).toBe(true);
    expect(hasLuhnCheckDigit('19')).toBe(false);
    expect(hasLuhnCheckDigit('0')).toBe(true);
  });
});

describe('US SSN: area, group and serial', () => {
  it('accepts generated numbers', () => {
    for (let i = 0; i < 100; i++) expect(isSsn(fakeSsn())).toBe(true);
  });
  it.each(['000-12-3456', '666-12-3456', '912-12-3456', '123-00-4567', '123-45-0000', '078-05-1120', '123456789', '12-345-6789'])(
    'rejects %s',
    (value) => expect(isSsn(value)).toBe(false),
  );
});

describe('IBAN: country length and mod 97', () => {
  it.each([['DE', 18], ['GB', 18], ['FR', 23], ['NL', 14], ['NO', 11]])('accepts generated %s IBANs, grouped or not', (country, body) => {
    for (let i = 0; i < 20; i++) {
      const iban = fakeIban(country as string, body as number);
      expect(isIban(iban)).toBe(true);
      expect(isIban(iban.replace(/(.{4})(?=.)/g, '$1 '))).toBe(true);
      expect(isIban(breakLastDigit(iban))).toBe(false);
    }
  });
  it('rejects a valid checksum at the wrong length for its country, and an unknown country', () => {
    expect(isIban(fakeIban('DE', 17))).toBe(false);
    expect(isIban(fakeIban('QQ', 18))).toBe(false);
  });
});

describe('e-mail addresses', () => {
  it.each(['ada.okafor@posteo.de', 'j+tag@mail.co.uk', "o'neil@fastmail.fm", 'x_y@sub.domain.travel'])('accepts %s', (value) =>
    expect(isEmail(value)).toBe(true),
  );
  it.each([
    'user@example.com',
    'ops@mail.example.org',
    'a@b.test',
    'root@localhost',
    'logo@2x.png',
    'icon@3x.webp',
    'pkg@1.2.3',
    'a..b@mail.de',
    'a@-bad.de',
    '@posteo.de',
    'a@b@posteo.de',
  ])('rejects %s', (value) => expect(isEmail(value)).toBe(false));
});

describe('phone numbers: E.164 and NANP plausibility', () => {
  it('accepts generated North American numbers in several spellings', () => {
    for (let i = 0; i < 50; i++) {
      const phone = fakeNanpPhone();
      const digits = phone.replace(/\D/g, '');
      for (const form of [phone, `+1 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`, `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`]) {
        expect(isPhone(form)).toBe(true);
      }
    }
  });
  it.each(['+44 20 7946 0321', '+49 30 901820', '+33 1 42 68 53 00'])('accepts international %s', (value) => expect(isPhone(value)).toBe(true));
  it.each([
    ['area code starting with 1', '(123) 456-7890'],
    ['exchange starting with 0', '(212) 056-7890'],
    ['N11 area', '(411) 555-2671'],
    ['fiction block', '(212) 555-0142'],
    ['middle digit 9 (reserved)', '(295) 456-7890'],
    ['country code 0', '+0 123 456 7890'],
    ['too short', '+44 12'],
    ['one digit repeated', '+22 2222 2222'],
    ['letters', '+44 20 CALL NOW'],
  ])('rejects %s', (_, value) => expect(isPhone(value)).toBe(false));
});

describe('national IDs', () => {
  it.each([
    ['12345678Z', true],
    ['X1234567L', true],
    ['12345678A', false],
    ['Y1234567L', false],
    ['11111111H', false],
  ])('Spanish DNI/NIE %s → %s', (value, expected) => expect(VALIDATORS['es-dni'](value)).toBe(expected));

  it.each([
    ['811228-9874', true],
    ['811228-9875', false],
    ['811328-9874', false],
    ['811288-9874', false],
  ])('Swedish personnummer %s → %s', (value, expected) => expect(VALIDATORS['se-personnummer'](value)).toBe(expected));
});

describe('BIP-39 seed phrases', () => {
  it('ships the standard English list unchanged (2,048 words, the published SHA-256)', () => {
    expect(BIP39_ENGLISH).toHaveLength(2048);
    const digest = createHash('sha256').update(BIP39_ENGLISH.join('\n') + '\n').digest('hex');
    expect(digest).toBe('2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda');
  });

  it.each([12, 15, 18, 21, 24] as const)('accepts a generated %i-word phrase, and rejects it with the checksum broken', (n) => {
    for (let i = 0; i < 20; i++) {
      const phrase = fakeMnemonic(n);
      expect(VALIDATORS['bip39-mnemonic'](phrase)).toBe(true);
      expect(VALIDATORS['bip39-mnemonic'](breakMnemonic(phrase))).toBe(false);
    }
  });

  it('finds the phrase in a numbered list or between words outside the list', () => {
    const phrase = fakeMnemonic(12);
    expect(VALIDATORS['bip39-mnemonic'](phrase.split(' ').map((w, i) => `${i + 1}. ${w}`).join('\n'))).toBe(true);
    expect(VALIDATORS['bip39-mnemonic'](`recovery phrase:\n${phrase}\nwritten 2024-03-01`)).toBe(true);
  });

  it('counts only whole runs: a 12-word window of a longer run of list words is not a phrase', () => {
    const phrase = fakeMnemonic(12);
    expect(VALIDATORS['bip39-mnemonic'](`ability ${phrase}`)).toBe(false);
  });

  it('rejects test patterns: repeated words and the list in order, whatever their checksum', () => {
    const zeros = [...Array(11).fill('abandon'), 'about'];
    expect(hasBip39Checksum(zeros)).toBe(true);
    expect(VALIDATORS['bip39-mnemonic'](zeros.join(' '))).toBe(false);
    expect(VALIDATORS['bip39-mnemonic'](BIP39_ENGLISH.slice(0, 300).join('\n'))).toBe(false);
  });

  it('rejects words outside the list and lengths other than 12–24 by threes', () => {
    const phrase = fakeMnemonic(12).split(' ');
    expect(VALIDATORS['bip39-mnemonic']([...phrase.slice(0, 11), 'bitcoin'].join(' '))).toBe(false);
    expect(hasBip39Checksum(phrase.slice(0, 11))).toBe(false);
  });
});

describe('where a seed phrase written as words can begin (content.starts: bip39-phrase)', () => {
  const find = START_FINDERS['bip39-phrase'];
  const startsOf = (text: string) => find(text).map((at) => text.slice(at, text.indexOf(' ', at) === -1 ? undefined : text.indexOf(' ', at)).trim());

  it('points at every word of a run holding 12 list words in a row, numbered or not, and nowhere else', () => {
    const phrase = fakeMnemonic(12);
    const words = phrase.split(' ');
    // Prose of words of the right length, outside the list or broken by short words, points nowhere.
    const prose = 'Tonight we should review deploy logs before merging the branch; cache layers are quirky.\n'.repeat(200);
    expect(find(prose)).toEqual([]);
    // A run that holds the phrase: each of its words (the run begins at "zebra", a word outside the list).
    const text = `${prose}Note: zebra ${phrase}\n`;
    expect(startsOf(text)).toEqual(['zebra', ...words]);
    const numbered = words.map((w, i) => `${i + 1}. ${w}`).join('\n');
    expect(find(numbered).map((at) => numbered.slice(at).split(/\s/)[0])).toEqual(words);
  });

  it('does not point at 11 list words, nor across a capital, a long word or punctuation', () => {
    const words = fakeMnemonic(12).split(' ');
    expect(find(words.slice(0, 11).join(' '))).toEqual([]);
    expect(find([...words.slice(0, 6), 'Seven', ...words.slice(6)].join(' '))).toEqual([]);
    expect(find([...words.slice(0, 6), 'extraordinary', ...words.slice(6)].join(' '))).toEqual([]);
    expect(find([...words.slice(0, 6), ';', ...words.slice(6)].join(' '))).toEqual([]);
  });
});
