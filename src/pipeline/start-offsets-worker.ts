import { parentPort, workerData } from 'node:worker_threads';
import { compileRules, startOffsetTable } from '../rules/compile.js';
import type { RuleDefinition } from '../rules/syntax.js';

/**
 * A thread that works out the shipped rules' start offsets for the rules cache, and ends: it
 * compiles every rule and runs it on its examples, and the memory that takes (regex code for
 * 1,200 patterns, 40–80 MB) goes with the thread, not into the scan's peak.
 */
const { definitions } = workerData as { definitions: RuleDefinition[] };
const compiled = compileRules(definitions);
parentPort!.postMessage(compiled.ok ? startOffsetTable(compiled.value) : null);
