#!/usr/bin/env node
import { restartWithSteadyAllocator } from './cli/allocator.js';
import { useCompileCacheForHook } from './cli/compile-cache.js';
import { endQuietlyOnClosedPipe } from './cli/io.js';
import { nodeTooOld } from './cli/node-version.js';

endQuietlyOnClosedPipe();
const tooOld = nodeTooOld(process.versions.node);
if (tooOld) process.stderr.write(`${tooOld}\n`);
else {
  restartWithSteadyAllocator(process.argv.slice(2));
  useCompileCacheForHook(process.argv.slice(2), process.cwd());
}
// The commands come from the bundle of dist/ that `npm run build` makes last (scripts/bundle.ts):
// a handful of files to load instead of a hundred and more.
const BUNDLED_MAIN = './bundle/main.js';
process.exitCode = tooOld ? 2 : await ((await import(BUNDLED_MAIN)) as typeof import('./cli/main.js')).main(process.argv.slice(2));
