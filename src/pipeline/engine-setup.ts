import { createRuleSet, type RuleSet } from '../engine/rule-set.js';
import { compileRules, type StartOffsetTable } from '../rules/compile.js';
import type { RuleDefinition } from '../rules/syntax.js';

/** Plain data that rebuilds the engine anywhere (main thread or worker): no functions, no regexes (bytes are data). */
export interface EngineSetup {
  definitions: RuleDefinition[];
  useSecretlint: boolean;
  /** The shipped rules' start offsets, from the rules cache (their definitions then hold no examples). */
  startOffsets?: StartOffsetTable;
  /** The main prefilter's automaton as the main thread has it: a worker takes it instead of building its own. */
  prefilterImage?: Uint8Array;
}

export function buildRuleSet(setup: EngineSetup): RuleSet {
  const compiled = compileRules(setup.definitions, setup.startOffsets);
  // Definitions were compiled once already on the main thread; failing here is a bug.
  if (!compiled.ok) throw new Error(`rules failed to compile in worker: ${compiled.errors[0]}`);
  return createRuleSet(compiled.value, { useSecretlint: setup.useSecretlint, ...(setup.prefilterImage ? { prefilterImage: setup.prefilterImage } : {}) });
}

/**
 * What a scan's results depend on in the setup: the rules without their examples (a rule from
 * the rules cache comes without them, freshly loaded with them, and finds the same) and whether
 * secretlint runs. Results cached under one are reused under the other.
 */
export const setupIdentity = (setup: EngineSetup) => ({
  definitions: setup.definitions.map(({ examples: _examples, negative_examples: _negatives, ...rest }) => rest),
  useSecretlint: setup.useSecretlint,
});
