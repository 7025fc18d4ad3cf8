#!/usr/bin/env node
import { endQuietlyOnClosedPipe } from './cli/io.js';
import { nodeTooOld } from './cli/node-version.js';

endQuietlyOnClosedPipe();
const tooOld = nodeTooOld(process.versions.node);
if (tooOld) process.stderr.write(`${tooOld}\n`);
process.exitCode = tooOld ? 2 : await (await import('./cli/main.js')).main(process.argv.slice(2));
