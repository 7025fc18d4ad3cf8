import { describe, expect, it } from 'vitest';
import { leadingLiterals, WILDCARD } from '../../src/rules/leading-literals.js';

describe('the texts every match of a pattern begins with', () => {
  it('reads alternatives, optional characters and small classes, a tab as a tab', () => {
    expect(leadingLiterals('(?<![\\w-])--(?:key|token)[ \\t]=')).toEqual(['--key =', '--key\t=', '--token =', '--token\t=']);
    expect(leadingLiterals('api[_-]?key')).toEqual(['apikey', 'api_key', 'api-key']);
    expect(leadingLiterals('sk_[a-z0-9]{4}x')).toEqual([`sk_${WILDCARD.repeat(4)}x`]);
  });

  it('reads a class it cannot spell out as one unknown character, and gives up when a match may begin with anything', () => {
    // A class holding an escaped letter (a hex escape) is one unknown character, not an x.
    expect(leadingLiterals('ab[\\x41-]c')).toEqual([`ab${WILDCARD}c`]);
    expect(leadingLiterals('\\w+token')).toBeUndefined();
  });
});
