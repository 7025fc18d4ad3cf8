import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Outcome } from '../model/outcome.js';
import type { Allowlist } from '../verdict/suppress.js';

/** The allowlist a folder may carry at its top: fingerprints of accepted findings, one a line. */
export const FOLDER_ALLOWLIST = '.airlockallow';

const FINGERPRINT = /^[0-9a-f]{32}$/;

/** `<fingerprint>  # why` per line; blank lines and `#` comments are ignored. */
function parseAllowlist(text: string, file: string): { fingerprints: Set<string>; errors: string[] } {
  const errors: string[] = [];
  const fingerprints = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    if (FINGERPRINT.test(line)) fingerprints.add(line);
    else errors.push(`${file}:${i + 1}: not a finding fingerprint (32 hex digits): ${JSON.stringify(line.slice(0, 40))}`);
  });
  return { fingerprints, errors };
}

/** Allowlists the user named (`--allowlist FILE`): a bad one is an error, exit 2. */
export function readUserAllowlists(files: string[]): Outcome<Allowlist[]> {
  const lists: Allowlist[] = [];
  const errors: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      errors.push(`${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}: cannot read allowlist`);
      continue;
    }
    const parsed = parseAllowlist(text, file);
    lists.push({ by: file, fingerprints: parsed.fingerprints });
    errors.push(...parsed.errors);
  }
  return errors.length > 0 ? fail(...errors) : ok(lists);
}

/**
 * The allowlist inside a scanned folder, if any. Its bad lines are reported as notices and
 * skipped: a folder someone else prepared must not be able to stop the scan.
 */
export function readFolderAllowlist(root: string, notices: string[]): Allowlist[] {
  const file = join(root, FOLDER_ALLOWLIST);
  try {
    if (!statSync(file).isFile()) return [];
  } catch {
    return [];
  }
  const parsed = parseAllowlist(readFileSync(file, 'utf8'), file);
  notices.push(...parsed.errors.map((e) => `line ignored: ${e}`));
  return [{ by: file, fingerprints: parsed.fingerprints, root }];
}
