import { existsSync, lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ScanResult } from '../model/result.js';
import { flagPaths } from '../mount/flag-paths.js';
import { scan } from '../pipeline/scan.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { partitionSkipped } from '../report/tally.js';
import { checkStageDestination } from '../stage/check-destination.js';
import { copyTree } from '../stage/copy-tree.js';
import { formatStagedReport } from '../stage/staged-report.js';
import type { Io } from './io.js';
import { ACCEPT_LEVELS, countSuppressions, VERDICT_LABEL } from './plan-command.js';
import { STAGE_HELP } from './help-text.js';
import { pick, readScanInputs, SCAN_INPUT_OPTIONS } from './scan-inputs.js';
import { EXIT, UsageError } from './usage-error.js';


const findingLines = (result: ScanResult) => {
  const lines = new Map<string, Set<number>>();
  for (const f of result.findings.flatMap((finding) => [finding, ...(finding.locations ?? [])])) {
    if (f.source !== 'file' || f.line === undefined) continue;
    lines.set(f.path, (lines.get(f.path) ?? new Set()).add(f.line));
  }
  return lines;
};

export async function runStage(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      accept: { type: 'string' },
      ...SCAN_INPUT_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(STAGE_HELP);
    return EXIT.go;
  }
  if (positionals.length !== 1) throw new UsageError(`stage takes exactly one PATH (got ${positionals.length})`);
  if (values.to === undefined) throw new UsageError('--to DIR is required: where to make the sanitized copy');
  const acceptReview = values.accept !== undefined && pick(values.accept, ACCEPT_LEVELS, '--accept', 'review') === 'review';
  const source = positionals[0]!;
  if (!existsSync(source) || !lstatSync(source).isDirectory()) throw new UsageError(`${source}: not a folder`);
  const place = checkStageDestination(source, values.to);
  if (!place.ok) throw new UsageError(place.errors[0]!);
  const inputs = await readScanInputs(values);
  if (!inputs.ok) {
    for (const error of inputs.errors) io.err(`airlock: ${error}\n`);
    return EXIT.usage;
  }
  const original = await scan({ ...inputs.value, roots: [place.value.source], showSecrets: false, history: true });
  if (!original.ok) {
    for (const error of original.errors) io.err(`airlock: ${error}\n`);
    return EXIT.usage;
  }
  for (const notice of original.value.notices) io.err(`airlock: ${notice}\n`);
  const root = original.value.roots[0]!;
  const { destination } = place.value;
  mkdirSync(destination, { recursive: true });
  const summary = copyTree(root, destination, { flags: flagPaths(original.value, { acceptReview }).get(root)!, findingLines: findingLines(original.value) });
  const reportName = existsSync(join(destination, 'STAGED.md')) ? 'STAGED.airlock.md' : 'STAGED.md';
  writeFileSync(join(destination, reportName), formatStagedReport(summary, new Date()), { flag: 'wx' });

  // The copy is judged on its own: no exclusions or allowlists carried over from the original.
  const copy = await scan({ ...inputs.value, roots: [destination], excludes: [], allowlists: [], userConfigDir: undefined, showSecrets: false, history: true });
  if (!copy.ok) {
    for (const error of copy.errors) io.err(`airlock: ${error}\n`);
    return EXIT.usage;
  }
  const lines = [
    `Staged ${safe(root)} → ${safe(destination)}`,
    `  copied    ${summary.copied} ${summary.copied === 1 ? 'entry' : 'entries'} (files and links)`,
    ...summary.redacted.map((r) => `  redacted  ${safe(r.path)} (${r.values} value${r.values === 1 ? '' : 's'})`),
    ...summary.leftOut.map((e) => `  left out  ${safe(e.path)} — ${safe(e.reason)}`),
    ...[...countSuppressions(original.value)].map(([by, count]) => `  copied    ${count} suppressed finding${count === 1 ? '' : 's'} (${safe(by)})`),
    `  wrote     ${reportName}`,
    `Scan of the original: ${VERDICT_LABEL[original.value.verdict]}. Scan of the copy: ${VERDICT_LABEL[copy.value.verdict]}.`,
  ];
  const { unread } = partitionSkipped(original.value);
  if (unread.length > 0) {
    const reasons = [...new Set(unread.map((s) => s.reason))].join(', ');
    lines.push(
      `The copy is INCOMPLETE: ${unread.length} file${unread.length === 1 ? ' was' : 's were'} left out unread (${reasons}), so what needs ${unread.length === 1 ? 'it' : 'them'} will not work in the sandbox.`,
      `  To read and copy larger files, stage again with --max-file-size SIZE (at most 512M); or check them and copy them by hand.`,
    );
  }
  const blocking = copy.value.findings.filter((f) => f.severity === 'block');
  if (blocking.length > 0) {
    lines.push(`Do not mount the copy: it still has ${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'}:`);
    lines.push(...blocking.map((f) => `  ${safe(f.path)} (${f.ruleId})`));
  } else lines.push(`Mount ${safe(destination)} instead of ${safe(root)}.`);
  io.out(`${lines.join('\n')}\n`);
  return blocking.length > 0 ? EXIT.noGo : EXIT.go;
}
