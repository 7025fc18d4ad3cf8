// Positives of the labelled set: values a generator makes, of the shapes credentials have.
// Deterministic (a seeded PRNG), so the labelled set can be rebuilt byte for byte.

/** mulberry32, the seeded PRNG the rule compiler draws examples with (from the build). */
export const { mulberry32: seededRandom } = (await import('../../dist/rules/provider-values.js' as string)) as typeof import('../../src/rules/provider-values.ts');

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const SYMBOLS = '!#$%&*+-.:;<>=?@^_~/|';
export const CHARSETS = {
  hex: DIGITS + 'abcdef',
  base62: DIGITS + LOWER + UPPER,
  base64: DIGITS + LOWER + UPPER + '+/',
  base64url: DIGITS + LOWER + UPPER + '-_',
  lowerDigits: DIGITS + LOWER,
  upperDigits: DIGITS + UPPER,
  password: DIGITS + LOWER + UPPER + SYMBOLS,
} as const;

export interface Labelled {
  value: string;
  label: 0 | 1;
  /** The shape of a positive, or where a negative came from. */
  kind: string;
}

/** The user-name half of a name:secret pair: looks chosen by a person. */
const NAMES = ['deploy', 'ci-bot', 'svc_backup', 'admin', 'jenkins', 'app-reader', 'grafana', 'etl', 'mirror', 'ops'];

export function generatePositives(seed: number, perShape: number): Labelled[] {
  const random = seededRandom(seed);
  const pick = (set: string, length: number) => Array.from({ length }, () => set[Math.floor(random() * set.length)]).join('');
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const shapes: Record<string, () => string> = {
    hex: () => pick(CHARSETS.hex, [16, 20, 24, 32, 40, 48, 64][between(0, 6)]!),
    'hex-upper': () => pick(CHARSETS.hex, [16, 24, 32, 40][between(0, 3)]!).toUpperCase(),
    base62: () => pick(CHARSETS.base62, between(16, 64)),
    base64: () => {
      const body = pick(CHARSETS.base64, 4 * between(4, 16));
      return body.slice(0, body.length - between(0, 2)).padEnd(body.length, '=');
    },
    base64url: () => pick(CHARSETS.base64url, between(20, 64)),
    'lower-digits': () => pick(CHARSETS.lowerDigits, between(16, 40)),
    'upper-digits': () => pick(CHARSETS.upperDigits, between(16, 40)),
    password: () => pick(CHARSETS.password, between(10, 28)),
    'short-password': () => pick(CHARSETS.base62, between(8, 12)),
    'name:secret': () => `${NAMES[between(0, NAMES.length - 1)]}:${pick(CHARSETS.base62, between(16, 32))}`,
    uuid: () => {
      const h = pick(CHARSETS.hex, 32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[between(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
    },
  };
  const out: Labelled[] = [];
  for (const [kind, make] of Object.entries(shapes)) {
    for (let i = 0; i < perShape; i++) out.push({ value: make(), label: 1, kind });
  }
  return out;
}
