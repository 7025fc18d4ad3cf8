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
process.exitCode = tooOld ? 2 : await (await import('./cli/main.js')).main(process.argv.slice(2));
