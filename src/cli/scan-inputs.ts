import type { ParseArgsOptionsConfig } from 'node:util';
import { ok, type Outcome } from '../model/outcome.js';
import { readUserAllowlists } from '../pipeline/allowlists.js';
import { userConfigDirectory } from '../pipeline/user-decisions.js';
import type { AirlockConfig, DataConfig } from '../rules/data-config.js';
import { readConfig } from './read-config.js';
import type { ScanOptions } from '../pipeline/scan.js';
import { parseDuration } from './parse-duration.js';
import { parseSize } from './parse-size.js';
import { UsageError } from './usage-error.js';

/** The default of --max-file-size. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
/**
 * The most --max-file-size may be: a file is matched as one string, and V8 cannot make a
 * string much longer than 512 MiB; holding more would also make memory unbounded.
 */
export const MAX_FILE_SIZE_LIMIT = 512 * 1024 * 1024;

/** The flags every command that scans takes (scan, plan, stage), in parseArgs form. */
export const SCAN_INPUT_OPTIONS = {
  rules: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  allowlist: { type: 'string', multiple: true },
  'no-folder-config': { type: 'boolean' },
  'no-user-config': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'no-cache': { type: 'boolean' },
  jobs: { type: 'string' },
  'file-timeout': { type: 'string' },
  config: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

export interface ScanInputValues {
  rules?: string[];
  exclude?: string[];
  allowlist?: string[];
  'no-folder-config'?: boolean;
  'no-user-config'?: boolean;
  'max-file-size'?: string;
  'no-cache'?: boolean;
  jobs?: string;
  'file-timeout'?: string;
  config?: string;
}

/** What those flags mean for a scan. */
export interface ScanInputs {
  ruleDirs: string[];
  excludes: string[];
  allowlists: NonNullable<ScanOptions['allowlists']>;
  refuseFolderConfig: boolean;
  /** Where the user's decisions are read from; undefined under `--no-user-config`. */
  userConfigDir?: string;
  maxFileSize: number;
  useCache: boolean;
  jobs?: number;
  fileTimeoutMs?: number;
  /** The `data` section of `--config FILE`. */
  data?: DataConfig;
}

/** One of `allowed`, or a usage error naming the flag. */
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

/** Bad flag values throw a UsageError; unreadable or malformed allowlist and config files come back as errors. */
export async function readScanInputs(values: ScanInputValues): Promise<Outcome<ScanInputs>> {
  const maxFileSize = values['max-file-size'] ? parseSize(values['max-file-size'], '--max-file-size') : DEFAULT_MAX_FILE_SIZE;
  if (maxFileSize > MAX_FILE_SIZE_LIMIT) {
    throw new UsageError(`--max-file-size can be at most 512M (a file is matched as one string), not "${values['max-file-size']}"`);
  }
  const jobs = parseJobs(values.jobs);
  const fileTimeoutMs = values['file-timeout'] ? parseDuration(values['file-timeout'], '--file-timeout') : undefined;
  const allowlists = readUserAllowlists(values.allowlist ?? []);
  if (!allowlists.ok) return allowlists;
  const config: Outcome<AirlockConfig> = values.config === undefined ? ok({}) : await readConfig(values.config);
  if (!config.ok) return config;
  return ok({
    ruleDirs: values.rules ?? [],
    excludes: values.exclude ?? [],
    allowlists: allowlists.value,
    refuseFolderConfig: values['no-folder-config'] ?? false,
    userConfigDir: values['no-user-config'] ? undefined : userConfigDirectory(),
    maxFileSize,
    useCache: !values['no-cache'],
    jobs,
    fileTimeoutMs,
    data: config.value.data,
  });
}
