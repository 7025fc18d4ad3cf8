import { describe, expect, it } from 'vitest';
import { createNameMatcher } from '../../src/engine/name-matcher.js';
import picomatch from 'picomatch';

const GLOBS = ['.env', 'id_rsa', '*.p12', 'id_*', 'msal_token_cache.{json,bin}', 'bitwarden_export_*.{json,csv}', '.*_history', 'data?.db'];
const NAMES = ['.env', '.env.local', 'id_rsa', 'id_rsa.pub', 'cert.p12', 'p12', 'msal_token_cache.bin', 'msal_token_cache.txt', 'bitwarden_export_2024.csv', '.bash_history', 'bash_history', 'data1.db', 'data12.db', 'index.js'];

describe('createNameMatcher', () => {
  it('agrees with picomatch on single-segment globs', () => {
    const matcher = createNameMatcher(GLOBS);
    const reference = picomatch(GLOBS, { dot: true });
    for (const name of NAMES) expect(matcher(name), name).toBe(reference(name));
  });

  it('matches everything when a glob has nothing to hold on to, nothing when there are no globs', () => {
    expect(createNameMatcher(['*'])('anything')).toBe(true);
    expect(createNameMatcher(['a[bc]'])('zzz')).toBe(true); // richer syntax: never wrongly excludes
    expect(createNameMatcher([])('anything')).toBe(false);
  });
});
