import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hookScript, installHook, uninstallHook } from '../git/hooks.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { HOOK_HELP } from './help-text.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './usage-error.js';


const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));

export async function runHook(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(HOOK_HELP);
    return EXIT.go;
  }
  const [action, ...extra] = positionals;
  if (extra.length > 0 || (action !== 'install' && action !== 'uninstall')) {
    throw new UsageError(`airlock hook takes install or uninstall, not "${positionals.join(' ')}"`);
  }
  if (values.force && action === 'uninstall') throw new UsageError('--force goes with install');
  const result =
    action === 'install'
      ? installHook(process.cwd(), hookScript(process.execPath, BIN), values.force ?? false)
      : uninstallHook(process.cwd());
  if (!result.ok) {
    for (const error of result.errors) io.err(`airlock: ${safe(error)}\n`);
    return EXIT.usage;
  }
  io.out(action === 'install' ? `installed ${safe(result.value)}\n` : `${safe(result.value)}\n`);
  return EXIT.go;
}
