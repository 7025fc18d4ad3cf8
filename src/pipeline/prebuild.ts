import { chmodSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openCacheFolder } from './cache-dir.js';
import { PREBUILT_DIR } from './prebuilt.js';
import { prepareEngine } from './prepare.js';

/**
 * Run by `npm run build` after the compiler: loads the shipped rules as a first scan would and
 * keeps its rules cache and automaton in `dist/prebuilt/` (see pipeline/prebuilt.ts).
 */
rmSync(PREBUILT_DIR, { recursive: true, force: true });
mkdirSync(PREBUILT_DIR, { recursive: true });
const engine = await prepareEngine([], openCacheFolder(PREBUILT_DIR, true));
if (!engine.ok) {
  process.stderr.write(`prebuild: the shipped rules did not load:\n${engine.errors.join('\n')}\n`);
  process.exit(1);
}
await engine.value.keepRules?.();
// Cache files are private to their user; these are part of the program, read by every user.
for (const name of readdirSync(PREBUILT_DIR)) chmodSync(join(PREBUILT_DIR, name), 0o644);
