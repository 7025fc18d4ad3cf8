import { parseArgs } from 'node:util';
import { escapeForTerminal as safe } from '../report/escape.js';
import { FORMATS, RENDERERS, type Format } from '../report/formats.js';
import { SCAN_HELP } from './help-text.js';
import type { Io } from './io.js';
import { parseSize } from './parse-size.js';
import { parseDuration } from './parse-duration.js';
import { parseFailOn, shouldFail } from './fail-on.js';
import { EXIT, UsageError } from './usage-error.js';
import { VERSION } from '../model/version.js';

/** The default of --max-file-size. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
/**
 * The most --max-file-size may be: a file is matched as one string, and V8 cannot make a
 * string much longer than 512 MiB; holding more would also make memory unbounded.
 */
export const MAX_FILE_SIZE_LIMIT = 512 * 1024 * 1024;



function pick<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
}

function parseJobs(text: string | undefined): number | undefined {
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
      jobs: { type: 'string' },
      'file-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(SCAN_HELP);
    return EXIT.go;
  }
  const format: Format = pick(values.format, FORMATS, '--format', 'text');
  const failOn = parseFailOn(values['fail-on']);
  const maxFileSize = values['max-file-size'] ? parseSize(values['max-file-size'], '--max-file-size') : DEFAULT_MAX_FILE_SIZE;
  if (maxFileSize > MAX_FILE_SIZE_LIMIT) throw new UsageError(`--max-file-size can be at most 512M (a file is matched as one string), not "${values['max-file-size']}"`);
  // Only the pipeline this run needs is loaded: --staged never loads the folder walker.
  const fileTimeoutMs = values['file-timeout'] ? parseDuration(values['file-timeout'], '--file-timeout') : undefined;
  const common = { ruleDirs: values.rules ?? [], maxFileSize, showSecrets: values['show-secrets'] ?? false, fileTimeoutMs };
  if (values.staged && values.exclude) throw new UsageError('--exclude does not apply to --staged (use pathspecs)');
  const result = values.staged
    ? await (await import('../pipeline/scan-staged.js')).scanStaged({ ...common, cwd: process.cwd(), pathspecs: positionals })
    : await (await import('../pipeline/scan.js')).scan({
        ...common,
        roots: positionals.length > 0 ? positionals : ['.'],
        excludes: values.exclude ?? [],
        history: !values['no-history'],
        useCache: !values['no-cache'],
        jobs: parseJobs(values.jobs),
      });
  if (!result.ok) {
    for (const error of result.errors) io.err(`airlock: ${safe(error)}\n`);
    return EXIT.usage;
  }
  for (const notice of result.value.notices) io.err(`airlock: ${safe(notice)}\n`);
  const isColor = format === 'text' && io.isTerminal && !io.env.NO_COLOR;
  io.out(RENDERERS[format](result.value, { version: VERSION, isColor }));
  return shouldFail(result.value, failOn) ? EXIT.noGo : EXIT.go;
}
