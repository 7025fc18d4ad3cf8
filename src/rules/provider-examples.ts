import { shannonEntropy } from '../engine/entropy.js';
import { generateValue, seededRandom, type ValueShape } from './provider-values.js';

/**
 * Generated examples for a provider entry: random values of its shape in the places people
 * leave them, and near misses (too short, too long, the provider's name absent, a placeholder).
 * Deterministic: the values come from a generator seeded with the rule id, so a file of
 * entries always compiles to the same rules.
 */

/** How a provider's name and credential kind are written in identifiers. */
export interface Spellings {
  /** The name as typed in lower case: `brevo`. */
  name: string;
  /** For identifiers in code: `Brevo`. */
  pascal: string;
  /** The kind as a snake_case word: `api_key`. */
  kindSnake: string;
  /** The kind in a header: `Api-Key`. */
  kindHeader: string;
}

const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function spellings(names: readonly string[], kind: string): Spellings {
  const name = names.find((n) => /^[a-z0-9]+$/.test(n)) ?? names[0]!;
  return {
    name,
    pascal: words(name).map(capital).join('') || capital(name),
    kindSnake: words(kind).join('_'),
    kindHeader: words(kind).map(capital).join('-'),
  };
}

/** The contexts a credential is written in, each a function of the spellings and the value. */
export const CONTEXTS = {
  env: (s: Spellings, v: string) => `${s.name.toUpperCase()}_${s.kindSnake.toUpperCase()}=${v}\n`,
  code: (s: Spellings, v: string) => `const client = new ${s.pascal}Client("${v}");\n`,
  yaml: (s: Spellings, v: string) => `${s.name}:\n  ${s.kindSnake}: ${v}\n  timeout: 30\n`,
  shell: (s: Spellings, v: string) => `curl -s -H "X-${s.pascal}-${s.kindHeader}: ${v}" https://api.example.test/v1/items\n`,
  log: (s: Spellings, v: string) => `2026-01-12T10:04:55Z DEBUG ${s.name} client ready ${s.kindSnake}=${v}\n`,
  json: (s: Spellings, v: string) => `{"${s.name}": {"${s.kindSnake}": "${v}", "retries": 3}}\n`,
} as const;
export type ContextName = keyof typeof CONTEXTS;

/** Contexts for the examples a rule carries; the test suite writes every context as a file. */
const EXAMPLE_CONTEXTS: ContextName[] = ['env', 'code', 'yaml', 'shell'];

/** A value of the shape whose every random character is the first of its class: `0000…`, `AAAA…`. */
export const placeholderValue = (shape: ValueShape) => generateValue(shape, () => 0);

export interface GeneratedExamples {
  examples: string[];
  negative_examples: string[];
}

/** A random value of the shape random enough to pass the rule's entropy floor (short values sometimes are not). */
export function randomValue(shape: ValueShape, random: () => number): string {
  let value = generateValue(shape, random);
  for (let tries = 0; tries < 20 && shannonEntropy(value) < shape.minEntropy + 0.1; tries++) value = generateValue(shape, random);
  return value;
}

export function generateExamples(id: string, shape: ValueShape, s: Spellings, headers: readonly string[]): GeneratedExamples {
  const random = seededRandom(id);
  const value = () => randomValue(shape, random);
  const examples = EXAMPLE_CONTEXTS.map((context) => CONTEXTS[context](s, value()));
  if (headers[0]) examples.push(`headers = {"${headers[0]}": "${value()}"}\n`);
  const negative_examples = [
    CONTEXTS.env(s, generateValue(shape, random, -2)),
    CONTEXTS.code(s, generateValue(shape, random, 3)),
    `${s.kindSnake.toUpperCase()}=${value()}\nconst client = new HttpClient("${value()}");\n`,
    CONTEXTS.env(s, placeholderValue(shape)),
  ];
  return { examples, negative_examples };
}
