import { PLAN_CHOICES, type AcceptedFinding, type PlanChoice, type PlanChoiceKind } from '../model/decisions.js';

/**
 * The text of the user's two decision files, pure: read, and changed a line at a time so a
 * hand edit elsewhere in the file survives. The allowlist is `.airlockallow`'s format (a
 * fingerprint a line, `#` comments), so `--allowlist` reads it too.
 */

const FINGERPRINT = /^[0-9a-f]{32}$/;

export const ALLOWLIST_HEADER =
  '# airlock: findings you accepted (in the TUI, key a, or by hand). One fingerprint a line; `#` starts a comment.\n' +
  '# Read by every scan unless --no-user-config; no secret is stored here.\n';

export const PLAN_CHOICES_HEADER =
  '# airlock: files with findings you kept in the mount plan (keep) or left out of it (leave-out), in the TUI (keys i and x).\n' +
  '# One a line: keep|leave-out, the file as a JSON string, for keep the fingerprints of the findings you reviewed.\n';

/** The comment of a line, without line breaks, so it stays one line. */
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ');

export function parseAllowlistText(text: string, file: string): { accepted: AcceptedFinding[]; errors: string[] } {
  const accepted: AcceptedFinding[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const hash = raw.indexOf('#');
    const line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (!line) return;
    if (!FINGERPRINT.test(line)) errors.push(`${file}:${i + 1}: not a finding fingerprint (32 hex digits): ${JSON.stringify(line.slice(0, 40))}`);
    else accepted.push({ fingerprint: line, ...(hash === -1 ? {} : { note: raw.slice(hash + 1).trim() }) });
  });
  return { accepted, errors };
}

export const allowlistLine = (entry: AcceptedFinding, date: string): string =>
  `${entry.fingerprint}  # ${oneLine(entry.note ?? '')}${entry.note ? ' ' : ''}accepted ${date}`;

/** Adds lines for `add` (those not listed yet) and drops the lines of `remove`; other lines are kept as they are. */
export function updateAllowlistText(text: string, add: readonly AcceptedFinding[], remove: ReadonlySet<string>, date: string): string {
  const lines = (text || ALLOWLIST_HEADER).replace(/\n$/, '').split('\n');
  const fingerprintOf = (line: string) => line.replace(/#.*/, '').trim();
  const kept = lines.filter((line) => !remove.has(fingerprintOf(line)));
  const present = new Set(kept.map(fingerprintOf));
  for (const entry of add) {
    if (present.has(entry.fingerprint)) continue;
    present.add(entry.fingerprint);
    kept.push(allowlistLine(entry, date));
  }
  return `${kept.join('\n')}\n`;
}

const CHOICE_LINE = /^(keep|leave-out)\s+("(?:[^"\\]|\\.)*")(?:\s+([0-9a-f]{32}(?:,[0-9a-f]{32})*))?\s*(?:#\s*(.*))?$/;
const DATE = /\b(\d{4}-\d{2}-\d{2})\b/;

function parseChoiceLine(line: string): PlanChoice | undefined {
  const match = CHOICE_LINE.exec(line);
  if (!match) return undefined;
  let path: unknown;
  try {
    path = JSON.parse(match[2]!);
  } catch {
    return undefined;
  }
  if (typeof path !== 'string' || !path.startsWith('/')) return undefined;
  const date = DATE.exec(match[4] ?? '')?.[1];
  return { path, choice: match[1] as PlanChoiceKind, fingerprints: match[3] ? match[3].split(',') : [], ...(date ? { date } : {}) };
}

/** The last line for a file wins. */
export function parsePlanChoicesText(text: string, file: string): { choices: PlanChoice[]; errors: string[] } {
  const byPath = new Map<string, PlanChoice>();
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const choice = parseChoiceLine(line);
    if (choice) byPath.set(choice.path, choice);
    else errors.push(`${file}:${i + 1}: not a plan choice (${Object.keys(PLAN_CHOICES).join('|')} "/absolute/path" [fingerprints]): ${JSON.stringify(line.slice(0, 60))}`);
  });
  return { choices: [...byPath.values()], errors };
}

export const planChoiceLine = (choice: PlanChoice, date: string): string =>
  `${choice.choice} ${JSON.stringify(choice.path)}${choice.fingerprints.length > 0 ? ` ${choice.fingerprints.join(',')}` : ''}  # ${choice.date ?? date}`;

/** Replaces the lines of the files in `set` and `clear` (a file's old line goes), then adds `set`'s. */
export function updatePlanChoicesText(text: string, set: readonly PlanChoice[], clear: ReadonlySet<string>, date: string): string {
  const lines = (text || PLAN_CHOICES_HEADER).replace(/\n$/, '').split('\n');
  const changed = new Set([...clear, ...set.map((c) => c.path)]);
  const kept = lines.filter((line) => {
    const choice = parseChoiceLine(line.trim());
    return !choice || !changed.has(choice.path);
  });
  return `${[...kept, ...set.map((c) => planChoiceLine(c, date))].join('\n')}\n`;
}
