// `npm run bench:randomness`: scores the labelled set (bench/randomness/labelled.jsonl) with
// each randomness measure and prints precision, recall and F1 at the chosen thresholds, and
// each measure's best threshold. Reads the built measures from dist/.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Encode } from '../../src/engine/randomness/index.ts';

// The built measures (src/ imports `.js` names that only the compiled tree resolves).
const { classRandomness, charsPerToken, randomness, countBpeTokens } = (await import('../../dist/engine/randomness/index.js' as string)) as typeof import('../../src/engine/randomness/index.ts');
const { shannonEntropy } = (await import('../../dist/engine/entropy.js' as string)) as typeof import('../../src/engine/entropy.ts');
import type { Labelled } from './generate-positives.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rows: Labelled[] = readFileSync(join(here, 'labelled.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

const loadStart = performance.now();
const encode = (createRequire(import.meta.url)(`gpt-tokenizer/cjs/encoding/${process.env.BPE ?? 'cl100k_base'}`) as { encode: Encode }).encode;
const loadMs = performance.now() - loadStart;

/** Each measure: a score where higher means "more likely generated". */
interface Measure {
  name: string;
  score: (value: string) => number;
  /** The threshold we chose (score >= threshold => generated). */
  chosen: number;
  format: (t: number) => string;
}
const timed = (fn: (v: string) => number) => {
  let ms = 0;
  const wrapped = (v: string) => {
    const t = performance.now();
    const r = fn(v);
    ms += performance.now() - t;
    return r;
  };
  return Object.assign(wrapped, { ms: () => ms });
};
const entropy = timed(shannonEntropy);
const klass = timed((v) => Math.log10(Math.max(classRandomness(v), 1e-12)));
const tokens = timed((v) => -charsPerToken(v, encode));
const measures: Measure[] = [
  { name: 'Shannon entropy (bits/char)', score: entropy, chosen: 3.3, format: (t) => t.toFixed(2) },
  { name: 'class probability (log10 p)', score: klass, chosen: -1, format: (t) => t.toFixed(1) },
  { name: 'tokenizer (-chars/token)', score: tokens, chosen: -2.2, format: (t) => t.toFixed(2) },
  { name: 'randomness (rules use it)', score: randomness, chosen: 0.45, format: (t) => t.toFixed(2) },
  {
    name: 'class p AND tokenizer',
    score: (v) => Math.min(klass(v) + 1, tokens(v) + 2.2),
    chosen: 0,
    format: (t) => t.toFixed(2),
  },
  {
    name: 'entropy AND class p',
    score: (v) => Math.min(entropy(v) - 3.3, klass(v) + 1),
    chosen: 0,
    format: (t) => t.toFixed(2),
  },
];

interface Figures {
  precision: number;
  recall: number;
  f1: number;
  fp: number;
  fn: number;
}
function figures(scores: number[], threshold: number): Figures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const isPositive = s >= threshold;
    if (isPositive && rows[i]!.label === 1) tp++;
    else if (isPositive) fp++;
    else if (rows[i]!.label === 1) fn++;
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  return { precision, recall, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall), fp, fn };
}
const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
const positives = rows.filter((r) => r.label === 1).length;
console.log(`labelled set: ${positives} generated values, ${rows.length - positives} written values`);
console.log(`tokenizer: gpt-tokenizer ${process.env.BPE ?? 'cl100k_base'}, loaded in ${loadMs.toFixed(0)} ms\n`);
console.log('measure                        threshold  precision  recall    F1   false+  false-  | best threshold: P / R / F1');
const scored = new Map<string, number[]>();
for (const measure of measures) {
  const scores = rows.map((r) => measure.score(r.value));
  scored.set(measure.name, scores);
  const chosen = figures(scores, measure.chosen);
  const candidates = [...new Set(scores)].sort((a, b) => a - b);
  let best = { threshold: measure.chosen, ...chosen };
  for (let i = 0; i < candidates.length; i += Math.max(1, Math.floor(candidates.length / 2000))) {
    const f = figures(scores, candidates[i]!);
    if (f.f1 > best.f1) best = { threshold: candidates[i]!, ...f };
  }
  console.log(
    `${measure.name.padEnd(30)} ${measure.format(measure.chosen).padStart(9)}  ${pct(chosen.precision)}   ${pct(chosen.recall)} ${pct(chosen.f1)} ${String(chosen.fp).padStart(7)} ${String(chosen.fn).padStart(7)}  | ${measure.format(best.threshold)}: ${pct(best.precision)} / ${pct(best.recall)} / ${pct(best.f1)}`,
  );
}
const agree = rows.filter((r) => countBpeTokens(r.value) === encode(r.value).length).length;
console.log(`\nairlock's own cl100k counter (engine/randomness/bpe.ts) agrees with gpt-tokenizer's encoder on ${agree} of ${rows.length} values`);
console.log(`time for ${rows.length} values: entropy ${entropy.ms().toFixed(0)} ms, class probability ${klass.ms().toFixed(0)} ms, tokenizer ${tokens.ms().toFixed(0)} ms`);

// Recall by shape at the chosen thresholds, and where the false alarms come from.
const kinds = [...new Set(rows.map((r) => r.kind))];
console.log('\nrecall by generated shape:            ' + measures.slice(0, 4).map((m) => m.name.split(' ')[0]!.padStart(9)).join(''));
for (const kind of kinds.filter((k) => rows.some((r) => r.kind === k && r.label === 1))) {
  const cells = measures.slice(0, 4).map((m) => {
    const scores = scored.get(m.name)!;
    const idx = rows.flatMap((r, i) => (r.kind === kind ? [i] : []));
    return pct(idx.filter((i) => scores[i]! >= m.chosen).length / idx.length).padStart(9);
  });
  console.log(`  ${kind.padEnd(36)}${cells.join('')}`);
}
console.log('\nfalse alarms by source of written values (count flagged / values):');
for (const kind of kinds.filter((k) => rows.some((r) => r.kind === k && r.label === 0))) {
  const idx = rows.flatMap((r, i) => (r.kind === kind ? [i] : []));
  const cells = measures.slice(0, 4).map((m) => `${idx.filter((i) => scored.get(m.name)![i]! >= m.chosen).length}/${idx.length}`.padStart(9));
  console.log(`  ${kind.padEnd(36)}${cells.join('')}`);
}
if (process.argv.includes('--show-false')) {
  const name = process.argv[process.argv.indexOf('--show-false') + 1] ?? measures[1]!.name;
  const m = measures.find((x) => x.name.startsWith(name))!;
  const s = scored.get(m.name)!;
  for (const [i, r] of rows.entries()) if ((s[i]! >= m.chosen) !== (r.label === 1)) console.log(r.label, m.format(s[i]!), r.kind, r.value);
}
