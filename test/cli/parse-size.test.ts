import { describe, expect, it } from 'vitest';
import { parseSize } from '../../src/cli/parse-size.js';
import { UsageError } from '../../src/cli/usage-error.js';

describe('parseSize', () => {
  it.each([
    ['10485760', 10485760],
    ['1', 1],
    ['512k', 512 * 1024],
    ['512K', 512 * 1024],
    ['512KB', 512 * 1024],
    ['512KiB', 512 * 1024],
    ['10M', 10 * 1024 ** 2],
    ['10 MB', 10 * 1024 ** 2],
    ['1G', 1024 ** 3],
    ['1gib', 1024 ** 3],
    [' 2m ', 2 * 1024 ** 2],
    ['100b', 100],
  ])('reads %j as %i bytes', (text, bytes) => {
    expect(parseSize(text, '--max-file-size')).toBe(bytes);
  });

  it.each([
    ['', '--max-file-size takes a size in bytes (e.g. 10485760, 512K, 10M), not ""'],
    ['ten', '--max-file-size takes a size in bytes (e.g. 10485760, 512K, 10M), not "ten"'],
    ['1.5M', '--max-file-size takes a size in bytes (e.g. 10485760, 512K, 10M), not "1.5M"'],
    ['-1', '--max-file-size takes a size in bytes (e.g. 10485760, 512K, 10M), not "-1"'],
    ['10T', '--max-file-size takes a size in bytes (e.g. 10485760, 512K, 10M), not "10T"'],
    ['0', '--max-file-size must be more than 0'],
    ['0k', '--max-file-size must be more than 0'],
  ])('rejects %j with a usage error', (text, message) => {
    expect(() => parseSize(text, '--max-file-size')).toThrow(new UsageError(message));
  });
});
