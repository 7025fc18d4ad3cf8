import { UsageError } from './usage-error.js';

const UNITS = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as const;

/** `10485760`, `512k`, `10M`, `1G` → bytes. */
export function parseSize(text: string, flag: string): number {
  const match = /^(\d+)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!match) throw new UsageError(`${flag} takes a size in bytes (e.g. 10485760, 512K, 10M), not "${text}"`);
  const value = Number(match[1]) * UNITS[match[2]!.toLowerCase() as keyof typeof UNITS];
  if (value <= 0) throw new UsageError(`${flag} must be more than 0`);
  return value;
}
