import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hookScript, installHook, uninstallHook } from '../git/hooks.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './usage-error.js';

export const HOOK_HELP = `Usage: airlock hook install [--force] | airlock hook uninstall

  install     write the git pre-commit hook of the repository you are in (in
              core.hooksPath when set): it runs \`airlock scan --staged\` and stops
              a commit whose staged changes hold a blocking secret
  uninstall   remove that hook (and restore the one --force replaced)

Options:
  --force     replace a pre-commit hook airlock did not write; the old one is
              kept as pre-commit.airlock-backup

Bypass the hook for one commit with \`git commit --no-verify\`.
`;

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
    for (const error of result.errors) io.err(`airlock: ${error}\n`);
    return EXIT.usage;
  }
  io.out(action === 'install' ? `installed ${result.value}\n` : `${result.value}\n`);
  return EXIT.go;
}
