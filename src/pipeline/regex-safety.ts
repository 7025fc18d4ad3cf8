import { Worker } from 'node:worker_threads';
import { adversarialInputs } from '../rules/adversarial-inputs.js';
import type { RuleDefinition } from '../rules/syntax.js';
import type { CacheFolder } from './cache-dir.js';
import { openSafetyVerdicts } from './regex-safety-cache.js';
import type { SafetyEvent, SafetyJob } from './regex-safety-worker.js';

/**
 * How long one rule may take on one adversarial input (1 MB), in CPU time of its thread:
 * linear patterns take milliseconds. A run still going after HARD_LIMIT_FACTOR times the
 * budget (wall-clock, however busy the machine) is stopped and fails the rule.
 */
export const REGEX_BUDGET_MS = 1000;
const HARD_LIMIT_FACTOR = 2;

export interface RegexSafetyFailure {
  ruleId: string;
  file: string;
  message: string;
}

export interface RegexSafetyOptions {
  budgetMs?: number;
  jobs: number;
  /** Where verdicts are remembered (see regex-safety-cache.ts), if anywhere. */
  cache?: CacheFolder;
}

const seconds = (ms: number) => `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} s`;

/**
 * Runs every content rule over inputs built from its own pattern (see `adversarialInputs`),
 * in worker threads under a watchdog: an input that keeps a regex busy longer than the budget
 * fails the rule, naming the input's shape, and the worker is replaced. One failure per rule.
 */
export async function checkRegexSafety(definitions: RuleDefinition[], options: RegexSafetyOptions): Promise<RegexSafetyFailure[]> {
  const budgetMs = options.budgetMs ?? REGEX_BUDGET_MS;
  const verdicts = openSafetyVerdicts(options.cache, budgetMs);
  const rules = definitions.filter((d) => d.content);
  const failures: RegexSafetyFailure[] = [];
  const failed = new Set<number>();
  const todo: number[] = [];
  for (const [i, rule] of rules.entries()) {
    const known = verdicts.get(rule);
    if (known === undefined) todo.push(i);
    else if (known !== null) failures.push({ ruleId: rule.id, file: rule.file, message: known });
  }

  const workerUrl = new URL('./regex-safety-worker.js', import.meta.url);
  const shapeOf = (rule: number, input: number) => adversarialInputs(rules[rule]!)[input]?.shape ?? `input ${input}`;
  const fail = (rule: number, message: string) => {
    failed.add(rule);
    failures.push({ ruleId: rules[rule]!.id, file: rules[rule]!.file, message });
    verdicts.set(rules[rule]!, message);
  };

  const hardLimitMs = budgetMs * HARD_LIMIT_FACTOR;
  /** One worker at a time takes rules from `todo` until none is left; a stuck one is replaced. */
  const lane = () =>
    new Promise<void>((resolve, reject) => {
      let worker: Worker;
      let timer: NodeJS.Timeout | undefined;
      let current: number | undefined;
      const takeNext = () => {
        current = todo.shift();
        if (current === undefined) {
          void worker.terminate();
          resolve();
        } else worker.postMessage({ rule: current } satisfies SafetyJob);
      };
      /** Fails the rule and moves on to the next one, with a fresh worker: one failure per rule is enough. */
      const failAndMoveOn = (event: { rule: number; input: number }, outcome: string) => {
        fail(event.rule, `its pattern can backtrack catastrophically: matching ${shapeOf(event.rule, event.input)} ${outcome} (budget ${seconds(budgetMs)})`);
        worker.removeAllListeners();
        void worker.terminate();
        start();
        takeNext();
      };
      const onEvent = (event: SafetyEvent) => {
        if (event.type === 'start') {
          timer = setTimeout(() => failAndMoveOn(event, `was stopped after ${seconds(hardLimitMs)}`), hardLimitMs);
        } else if (event.type === 'end') {
          clearTimeout(timer);
          if (event.ms > budgetMs) failAndMoveOn(event, `took ${seconds(event.ms)} of CPU`);
        } else {
          if (!failed.has(event.rule)) verdicts.set(rules[event.rule]!, null);
          takeNext();
        }
      };
      /** A worker that dies on a rule (out of memory, say) fails that rule; one that cannot start is a bug. */
      const onError = (error: Error) => {
        clearTimeout(timer);
        if (current === undefined) return reject(error);
        fail(current, `checking its pattern stopped the worker: ${error.message.split('\n')[0]}`);
        worker.removeAllListeners();
        start();
        takeNext();
      };
      const start = () => {
        worker = new Worker(workerUrl, { workerData: { definitions: rules } });
        worker.on('message', onEvent);
        worker.on('error', onError);
      };
      start();
      takeNext();
    });
  await Promise.all(Array.from({ length: Math.min(Math.max(1, options.jobs), todo.length) }, lane));

  verdicts.save();
  return failures.sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId));
}
