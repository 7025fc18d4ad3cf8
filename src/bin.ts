#!/usr/bin/env node
import { endQuietlyOnClosedPipe } from './cli/io.js';
import { main } from './cli/main.js';

endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
