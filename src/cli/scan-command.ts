import { parseArgs } from 'node:util';
import { toMountPlan } from '../mount/plan.js';
import { planScan } from '../pipeline/plan-scan.js';
import { DEFAULT_MAX_FILE_SIZE, scan } from '../pipeline/scan.js';
import { scanStaged } from '../pipeline/scan-staged.js';
import { FORMATS, RENDERERS, type Format } from '../report/formats.js';
import type { Io } from './io.js';
import { parseSize } from './parse-size.js';
import { EXIT, UsageError } from './usage-error.js';
import { VERSION } from './version.js';

export const FAIL_ON = ['block', 'review', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

export const SCAN_HELP = `Usage: airlock scan [options] [PATH...]

Scans every file a mount of each PATH would expose (default: the current folder):
dotfiles, git-ignored files, node_modules and .git included, and every object in
the history of each .git found. Prints the findings, a verdict (GO, REVIEW or
NO-GO) and the read-only mount plan that leaves out everything flagged (JSON:
"plan"; export it with \`airlock plan --target\`).

Options:
  --format FORMAT        text (default), json or sarif
  --fail-on LEVEL        exit 1 on: block (default), review, or never
  --rules DIR            also load the rule files (*.yml) in DIR; repeatable
  --exclude GLOB         leave out paths matching GLOB (gitignore syntax); repeatable.
                         A .airlockignore file at a folder's top is applied too.
                         Exclusions are always counted in the output, and what
                         they kept out is left out of the mount plan.
  --max-file-size SIZE   files larger than this are not read (default 10M);
                         they make the scan incomplete
  --staged               scan what is staged for the next commit (the index, not
                         the working tree); PATHs then limit it as pathspecs
  --no-history           do not scan the history inside .git folders
  --show-secrets         print secrets in full (they are masked by default)
  --jobs N               worker threads (default: one per core; 1 = none)
  -h, --help             show this help

Exit codes: 0 GO (and REVIEW unless --fail-on review), 1 NO-GO, 2 usage error.
`;

export function pick<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
}

export function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs takes a whole number from 1 to 256, not "${text}"`);
  return jobs;
}

export async function runScan(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      rules: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'max-file-size': { type: 'string' },
      'show-secrets': { type: 'boolean' },
      staged: { type: 'boolean' },
      'no-history': { type: 'boolean' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(SCAN_HELP);
    return EXIT.go;
  }
  const format: Format = pick(values.format, FORMATS, '--format', 'text');
  const failOn: FailOn = pick(values['fail-on'], FAIL_ON, '--fail-on', 'block');
  const maxFileSize = values['max-file-size'] ? parseSize(values['max-file-size'], '--max-file-size') : DEFAULT_MAX_FILE_SIZE;
  const common = { ruleDirs: values.rules ?? [], maxFileSize, showSecrets: values['show-secrets'] ?? false };
  if (values.staged && values.exclude) throw new UsageError('--exclude does not apply to --staged (use pathspecs)');
  const result = values.staged
    ? await scanStaged({ ...common, cwd: process.cwd(), pathspecs: positionals })
    : await scan({
        ...common,
        roots: positionals.length > 0 ? positionals : ['.'],
        excludes: values.exclude ?? [],
        history: !values['no-history'],
        jobs: parseJobs(values.jobs),
      });
  if (!result.ok) {
    for (const error of result.errors) io.err(`airlock: ${error}\n`);
    return EXIT.usage;
  }
  if (!values.staged) {
    const plan = planScan(result.value, { acceptReview: false, rw: [], canMountFiles: true });
    if (plan.ok) result.value.plan = toMountPlan(plan.value);
    else result.value.notices.push(`no mount plan: ${plan.errors.join('; ')}`);
  }
  for (const notice of result.value.notices) io.err(`airlock: ${notice}\n`);
  const isColor = format === 'text' && io.isTerminal && !io.env.NO_COLOR;
  io.out(RENDERERS[format](result.value, { version: VERSION, isColor }));
  const { verdict } = result.value;
  if (failOn === 'never') return EXIT.go;
  if (verdict === 'no-go' || (verdict === 'review' && failOn === 'review')) return EXIT.noGo;
  return EXIT.go;
}
