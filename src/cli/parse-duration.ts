import { UsageError } from './usage-error.js';

const UNITS = { ms: 1, s: 1000, '': 1000 } as const;
/** A day: anything longer is a mistake, not a budget. */
const MAX_MS = 24 * 60 * 60 * 1000;

/** `10` or `10s` (seconds), `2.5s`, `500ms` → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`${flag} takes a time in seconds (e.g. 10, 2.5s, 500ms), not "${text}"`);
  const ms = Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase() as keyof typeof UNITS];
  if (!(ms >= 1) || ms > MAX_MS) throw new UsageError(`${flag} must be from 1ms to 24 hours, not "${text}"`);
  return Math.round(ms);
}
