// Builds bench/randomness/labelled.jsonl: generated positives and harvested negatives.
// `node --experimental-strip-types bench/randomness/build-labelled.ts [ROOT...]`
// (default roots: the project's node_modules and the real repositories in /tmp/h13real).
// The committed file is what `npm run bench:randomness` scores; rebuild only to change it.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePositives, seededRandom, type Labelled } from './generate-positives.ts';
import { harvestFile, sampleFiles } from './harvest-negatives.ts';

const here = dirname(fileURLToPath(import.meta.url));
const roots = process.argv.slice(2);
if (roots.length === 0) roots.push(join(here, '../../node_modules'));

const NEGATIVES = 4000;
const positives = generatePositives(13, 160);
const seen = new Set<string>();
const pool: Labelled[] = [];
for (const root of roots) {
  for (const file of sampleFiles(root, 7, 4000)) {
    for (const value of harvestFile(file)) {
      if (seen.has(value.value)) continue;
      seen.add(value.value);
      pool.push(value);
    }
  }
}
// A deterministic sample of the pool (Fisher-Yates with a fixed seed).
const random = seededRandom(14);
for (let i = pool.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [pool[i], pool[j]] = [pool[j]!, pool[i]!];
}
const negatives = pool.slice(0, NEGATIVES);
const lines = [...positives, ...negatives].map((v) => JSON.stringify(v));
writeFileSync(join(here, 'labelled.jsonl'), lines.join('\n') + '\n');
console.log(`${positives.length} positives, ${negatives.length} negatives (of ${pool.length} harvested) from ${roots.join(', ')}`);
