import { describe, expect, it } from 'vitest';
import { anchorOf, leadingLiterals, WILDCARD } from '../../src/rules/leading-literals.js';

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

describe('the characters every match has at fixed places (anchor)', () => {
  it('takes the longest run of fixed characters to search for, and the others to check', () => {
    expect(anchorOf('(?<secret>[a-f0-9](?<![A-Za-z0-9_:-][a-f0-9])[a-f0-9]{23}:[a-f0-9]{64})', '')).toEqual({ text: ':', offset: 24, others: [] });
    expect(anchorOf('(?<![\\w-])[A-Za-z0-9]{4}_[a-z]{2}-x9(?![\\w-])', '')).toEqual({ text: '-x9', offset: 7, others: [[4, '_'.charCodeAt(0)]] });
    expect(anchorOf('EAA[A-Za-z0-9]{90,500}', '')).toEqual({ text: 'EAA', offset: 0, others: [] });
  });

  it('counts a letter read from a class of its two cases as unknown, and gives none where case or the start is open', () => {
    expect(anchorOf('[Ww]ebhook_[a-z]{4}', '')).toEqual({ text: '_', offset: 7, others: [] });
    expect(anchorOf('EAA[A-Za-z0-9]{90}', 'i')).toBeUndefined();
    expect(anchorOf('(?:sk|rk)_[a-z]{8}', '')).toBeUndefined();
    expect(anchorOf('[A-Za-z0-9]{32}', '')).toBeUndefined();
  });
});
