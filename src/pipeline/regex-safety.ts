import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { VERSION } from '../model/version.js';
import { ADVERSARIAL_SIZE, adversarialInputs } from '../rules/adversarial-inputs.js';
import type { RuleDefinition } from '../rules/syntax.js';
import type { SafetyEvent, SafetyJob } from './regex-safety-worker.js';

/**
 * How long one rule may take on one adversarial input (1 MB), in CPU time of its thread:
 * linear patterns take milliseconds. A run still going after HARD_LIMIT_FACTOR times the
 * budget (wall-clock, however busy the machine) is stopped and fails the rule.
 */
export const REGEX_BUDGET_MS = 1000;
const HARD_LIMIT_FACTOR = 3;

export interface RegexSafetyFailure {
  ruleId: string;
  file: string;
  message: string;
}

export interface RegexSafetyOptions {
  budgetMs?: number;
  jobs: number;
  /** Where rules that passed are remembered (by pattern, flags, keywords and examples), if anywhere. */
  cacheDir?: string;
}

export interface RegexSafetyReport {
  failures: RegexSafetyFailure[];
  /** Adversarial inputs run (not counting rules remembered from an earlier run). */
  inputs: number;
}

/** Bump when the inputs change, so that earlier passes are not trusted. */
const GENERATOR = 1;

function ruleKey(definition: RuleDefinition, budgetMs: number): string {
  const { id, content, examples } = definition;
  return createHash('sha256')
    .update(JSON.stringify([GENERATOR, VERSION, budgetMs, ADVERSARIAL_SIZE, id, content, examples]))
    .digest('hex')
    .slice(0, 32);
}

function loadPassed(file: string | undefined): Set<string> {
  if (!file) return new Set();
  try {
    return new Set((JSON.parse(readFileSync(file, 'utf8')) as { passed: string[] }).passed);
  } catch {
    return new Set();
  }
}

function savePassed(dir: string, file: string, passed: Set<string>): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ passed: [...passed] }), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // a cache that cannot be written only costs time
  }
}

const seconds = (ms: number) => `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} s`;

/**
 * Runs every content rule over inputs built from its own pattern (see `adversarialInputs`),
 * in worker threads under a watchdog: an input that keeps a regex busy longer than the budget
 * fails the rule, naming the input's shape, and the worker is replaced. One failure per rule.
 */
export async function checkRegexSafety(definitions: RuleDefinition[], options: RegexSafetyOptions): Promise<RegexSafetyReport> {
  const budgetMs = options.budgetMs ?? REGEX_BUDGET_MS;
  const cacheFile = options.cacheDir ? join(options.cacheDir, 'regex-safety.json') : undefined;
  const passed = loadPassed(cacheFile);
  const rules = definitions.filter((d) => d.content);
  const todo = rules.map((_, i) => i).filter((i) => !passed.has(ruleKey(rules[i]!, budgetMs)));
  const failures: RegexSafetyFailure[] = [];
  const failed = new Set<number>();
  let inputs = 0;
  if (todo.length === 0) return { failures, inputs };

  const workerUrl = new URL('./regex-safety-worker.js', import.meta.url);
  const shapeOf = (rule: number, input: number) => adversarialInputs(rules[rule]!)[input]?.shape ?? `input ${input}`;
  const fail = (rule: number, message: string) => {
    failed.add(rule);
    failures.push({ ruleId: rules[rule]!.id, file: rules[rule]!.file, message });
  };

  await new Promise<void>((resolve, reject) => {
    let running = 0;
    const run = (job: SafetyJob | undefined) => {
      if (!job) {
        if (running === 0) resolve();
        return;
      }
      running++;
      const worker = new Worker(workerUrl, { workerData: { definitions: rules } });
      let timer: NodeJS.Timeout | undefined;
      const next = () => {
        const rule = todo.shift();
        if (rule === undefined) return undefined;
        worker.postMessage({ rule } satisfies SafetyJob);
        return rule;
      };
      const stop = (then: SafetyJob | undefined) => {
        clearTimeout(timer);
        worker.removeAllListeners();
        void worker.terminate();
        running--;
        run(then);
      };
      worker.on('message', (event: SafetyEvent) => {
        if (event.type === 'start') {
          inputs++;
          timer = setTimeout(() => {
            fail(event.rule, `its pattern can backtrack catastrophically: matching ${shapeOf(event.rule, event.input)} was stopped after ${seconds(budgetMs * HARD_LIMIT_FACTOR)} (budget ${seconds(budgetMs)})`);
            const rule = todo.shift();
            stop(rule === undefined ? undefined : { rule });
          }, budgetMs * HARD_LIMIT_FACTOR);
        } else if (event.type === 'end') {
          clearTimeout(timer);
          if (event.ms > budgetMs && !failed.has(event.rule)) {
            fail(event.rule, `its pattern can backtrack catastrophically: matching ${shapeOf(event.rule, event.input)} took ${seconds(event.ms)} (budget ${seconds(budgetMs)})`);
          }
        } else {
          if (!failed.has(event.rule)) passed.add(ruleKey(rules[event.rule]!, budgetMs));
          if (next() === undefined) stop(undefined);
        }
      });
      worker.on('error', reject);
      worker.postMessage(job);
    };
    const first = Math.max(1, Math.min(options.jobs, todo.length));
    for (let i = 0; i < first; i++) {
      const rule = todo.shift();
      if (rule !== undefined) run({ rule });
    }
  });

  if (options.cacheDir && cacheFile) savePassed(options.cacheDir, cacheFile, passed);
  failures.sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId));
  return { failures, inputs };
}
