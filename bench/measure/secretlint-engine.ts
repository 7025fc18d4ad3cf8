// secretlint's engine the way its CLI drives it (@secretlint/node's executeOnFiles): list the
// files, then for each, with os.cpus().length files in flight, createRawSource (read, detect
// text or binary) and lintSource with the recommended preset; every result is kept until the
// end, as the CLI keeps them for its formatter. The profiler stays at its default (enabled).
import { cpus } from 'node:os';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { createRawSource } from '@secretlint/source-creator';
import { listFiles } from '../lib/list-files.ts';

const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };
const files = process.argv.slice(2).flatMap((root) => listFiles(root));
const results: Awaited<ReturnType<typeof lintSource>>[] = [];
let next = 0;
async function lane(): Promise<void> {
  while (next < files.length) {
    const filePath = files[next++]!;
    results.push(await lintSource({ source: await createRawSource(filePath), options: { config } }));
  }
}
await Promise.all(Array.from({ length: cpus().length }, lane));
const messages = results.reduce((sum, result) => sum + result.messages.length, 0);
console.log(JSON.stringify({ files: files.length, messages }));
