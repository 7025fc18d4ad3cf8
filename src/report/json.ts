import type { ScanResult } from '../model/result.js';
import { gathered } from './pieces.js';

/**
 * The JSON contract (docs/json-output.md). Other tools read it: add fields, never rename or
 * remove. Version 2: `verdict` may be "incomplete" (version 1 said "go" or "review" while
 * `complete` was false). Written in pieces (`jsonChunks`, below), never held as one string.
 */
export function formatJson(result: ScanResult): Iterable<string> {
  const document = {
    version: 2,
    verdict: result.verdict,
    complete: result.isComplete,
    roots: result.roots,
    findings: result.findings,
    suppressed: result.suppressed,
    skipped: result.skipped.map(({ root, path, reason, detail, file }) => ({ root, path, reason, detail, ...(file ? { file } : {}) })),
    excluded: result.excluded,
    notices: result.notices,
    ...(result.plan ? { plan: result.plan } : {}),
    // Additive, outside the contract's required fields: set-up advice, and what an audit checked.
    ...(result.advice && result.advice.length > 0 ? { advice: result.advice } : {}),
    ...(result.audit ? { audit: result.audit } : {}),
    stats: result.stats,
  };
  return jsonChunks(document);
}

/**
 * `JSON.stringify(value, null, 2)` in pieces, so a report with hundreds of thousands of findings
 * is never one string (nor its copy as bytes on the way out): a 200,000-finding scan rendered
 * whole held about 900 MiB, written in pieces no more than the findings themselves. Joined, the
 * pieces are the same text, byte for byte.
 *
 * Containers that hold a long list (more than `LONG` items, at most `DEPTH` levels down) are
 * written a member at a time; anything else is stringified whole, as one piece.
 */

/** A list written item by item as it is read, never held whole (SARIF's results, mapped from the findings). */
export class JsonList {
  constructor(readonly items: Iterable<unknown>) {}

  /** Deeper than `jsonChunks` looks, or given to JSON.stringify: the list, held whole. */
  toJSON(): unknown[] {
    return [...this.items];
  }
}

/** Lists longer than this are written an item at a time. */
const LONG = 64;
/** How deep a long list is looked for: the JSON report's findings are one level down, SARIF's results four. */
const DEPTH = 4;

const isOmitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';
const isPlainContainer = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/** Whether `value` holds a long list (or a lazy one) within `depth` levels: then it is written in pieces. */
function holdsLongList(value: unknown, depth: number): boolean {
  if (value instanceof JsonList) return true;
  if (!isPlainContainer(value) || depth < 0) return false;
  const members = Array.isArray(value) ? value : Object.values(value);
  if (Array.isArray(value) && value.length > LONG) return true;
  return members.some((member) => holdsLongList(member, depth - 1));
}

/** JSON.stringify's text for `value`, its lines indented by `indent` (a JSON string holds no raw newline). */
function whole(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2);
  return indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}

function* members(open: string, close: string, entries: Iterable<[string, unknown]>, indent: string, depth: number): Generator<string> {
  const inner = `${indent}  `;
  let isFirst = true;
  for (const [prefix, value] of entries) {
    yield `${isFirst ? open : ','}\n${inner}${prefix}`;
    isFirst = false;
    yield* pieces(value, inner, depth - 1);
  }
  yield isFirst ? `${open}${close}` : `\n${indent}${close}`;
}

function* arrayEntries(items: Iterable<unknown>): Generator<[string, unknown]> {
  // In an array, what JSON cannot hold is written as null.
  for (const item of items) yield ['', isOmitted(item) ? null : item];
}

function* objectEntries(object: object): Generator<[string, unknown]> {
  // In an object, what JSON cannot hold is left out with its key.
  for (const [key, value] of Object.entries(object)) if (!isOmitted(value)) yield [`${JSON.stringify(key)}: `, value];
}

function* pieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (value instanceof JsonList) yield* members('[', ']', arrayEntries(value.items), indent, depth);
  else if (!holdsLongList(value, depth)) yield whole(value, indent);
  else if (Array.isArray(value)) yield* members('[', ']', arrayEntries(value), indent, depth);
  else yield* members('{', '}', objectEntries(value as object), indent, depth);
}

/** The pieces of `JSON.stringify(value, null, 2)` followed by a newline, gathered into strings of some 64 KiB. */
export function* jsonChunks(value: unknown): Generator<string> {
  yield* gathered(pieces(value, '', DEPTH));
  yield '\n';
}
