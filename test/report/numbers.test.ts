import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, plural } from '../../src/report/numbers.js';

describe('numbers for people', () => {
  it('groups thousands as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 12345, 999999, 1000000, 113635, -4200]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });

  it('says one or many, and sizes in binary units', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(1024, 'entry', 'entries')).toBe('1,024 entries');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3 * 1024 * 1024 + 200 * 1024)).toBe('3.2 MB');
  });
});
