import { parentPort, workerData } from 'node:worker_threads';
import { findHits } from '../engine/match-content.js';
import { adversarialInputs } from '../rules/adversarial-inputs.js';
import { compileRule } from '../rules/compile.js';
import type { RuleDefinition } from '../rules/syntax.js';

/** Main thread → worker: run the adversarial inputs of rule number `rule`. */
export interface SafetyJob {
  rule: number;
}

/** Worker → main thread: an input is about to run, has run (`ms` of CPU), or the rule is done. */
export type SafetyEvent =
  | { type: 'start'; rule: number; input: number }
  | { type: 'end'; rule: number; input: number; ms: number }
  | { type: 'done'; rule: number };

/**
 * A worker thread that runs rules' regexes over adversarial inputs and says when each run
 * starts and ends, so the main thread can stop it when one takes too long: a regex cannot be
 * interrupted from inside its own thread. Building an input is not timed, only matching.
 */
const { definitions } = workerData as { definitions: RuleDefinition[] };

/**
 * This thread's CPU time in ms (Node 23.9+), so that a busy machine does not fail a rule;
 * wall-clock time where it is not available.
 */
const threadCpu = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
const now = threadCpu
  ? () => {
      const { user, system } = threadCpu.call(process);
      return (user + system) / 1000;
    }
  : () => performance.now();

parentPort!.on('message', ({ rule }: SafetyJob) => {
  const definition = definitions[rule]!;
  const compiled = compileRule(definition);
  if (compiled.ok) {
    const inputs = adversarialInputs(definition);
    for (let input = 0; input < inputs.length; input++) {
      const text = inputs[input]!.build();
      parentPort!.postMessage({ type: 'start', rule, input } satisfies SafetyEvent);
      const started = now();
      findHits(text, compiled.value);
      parentPort!.postMessage({ type: 'end', rule, input, ms: now() - started } satisfies SafetyEvent);
    }
  }
  parentPort!.postMessage({ type: 'done', rule } satisfies SafetyEvent);
});
