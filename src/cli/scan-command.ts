import { parseArgs } from 'node:util';
import { FORMATS, RENDERERS, type Format } from '../report/formats.js';
import { SCAN_HELP } from './help-text.js';
import type { Io } from './io.js';
import { parseSize } from './parse-size.js';
import { createProgressLine } from './progress.js';
import { readUserAllowlists } from '../pipeline/allowlists.js';
import { EXIT, UsageError } from './usage-error.js';
import { VERSION } from '../model/version.js';

/** The default of --max-file-size. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export const FAIL_ON = ['block', 'review', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];


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
      'no-cache': { type: 'boolean' },
      allowlist: { type: 'string', multiple: true },
      'no-folder-config': { type: 'boolean' },
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
  const progress = io.isErrTerminal && !values.staged ? createProgressLine(io.err) : undefined;
  // Only the pipeline this run needs is loaded: --staged never loads the folder walker.
  const allowlists = readUserAllowlists(values.allowlist ?? []);
  if (!allowlists.ok) {
    for (const error of allowlists.errors) io.err(`airlock: ${error}\n`);
    return EXIT.usage;
  }
  const common = {
    ruleDirs: values.rules ?? [],
    maxFileSize,
    showSecrets: values['show-secrets'] ?? false,
    allowlists: allowlists.value,
    refuseFolderConfig: values['no-folder-config'] ?? false,
  };
  if (values.staged && values.exclude) throw new UsageError('--exclude does not apply to --staged (use pathspecs)');
  const result = values.staged
    ? await (await import('../pipeline/scan-staged.js')).scanStaged({ ...common, cwd: process.cwd(), pathspecs: positionals })
    : await (await import('../pipeline/scan.js')).scan({
        onProgress: progress ? (p) => progress.update(p) : undefined,
        ...common,
        roots: positionals.length > 0 ? positionals : ['.'],
        excludes: values.exclude ?? [],
        history: !values['no-history'],
        useCache: !values['no-cache'],
        jobs: parseJobs(values.jobs),
      });
  progress?.clear();
  if (!result.ok) {
    for (const error of result.errors) io.err(`airlock: ${error}\n`);
    return EXIT.usage;
  }
  if (!values.staged) {
    const { planScan } = await import('../pipeline/plan-scan.js');
    const plan = planScan(result.value, { acceptReview: false, rw: [], canMountFiles: true });
    if (plan.ok) result.value.plan = (await import('../mount/plan.js')).toMountPlan(plan.value);
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
