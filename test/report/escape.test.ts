import { describe, expect, it } from 'vitest';
import { escapeForTerminal } from '../../src/report/escape.js';

describe('escapeForTerminal', () => {
  it.each([
    ['plain text', 'src/app/config.ts', 'src/app/config.ts'],
    ['non-ASCII letters', 'données/été ✓.txt', 'données/été ✓.txt'],
    ['an escape sequence (recolour)', '\x1b[32mGO\x1b[0m', '\\x1b[32mGO\\x1b[0m'],
    ['a newline (fake a second line)', 'a\nNO-GO', 'a\\x0aNO-GO'],
    ['a carriage return (overwrite the line)', 'secret\rGO    ', 'secret\\x0dGO    '],
    ['a tab', 'a\tb', 'a\\x09b'],
    ['a NUL', 'a\x00b', 'a\\x00b'],
    ['DEL', 'a\x7fb', 'a\\x7fb'],
    ['a C1 control (CSI)', 'a\x9bb', 'a\\x9bb'],
    ['a right-to-left override', 'invoice\u202Etxt.exe', 'invoice\\u202etxt.exe'],
    ['bidi isolates', '\u2066a\u2069', '\\u2066a\\u2069'],
    ['the Arabic letter mark', 'a\u061cb', 'a\\u061cb'],
    ['left-to-right and right-to-left marks', '\u200e\u200f', '\\u200e\\u200f'],
  ])('%s', (_, input, output) => {
    expect(escapeForTerminal(input)).toBe(output);
  });
});
