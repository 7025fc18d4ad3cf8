import { escapeForTerminal } from '../report/escape.js';
import { processIo, type Io } from './io.js';
import { describeParseError } from './parse-error.js';
import { lookLikeCommand } from './unknown-command.js';
import { wantsTui } from './tui-choice.js';
import { EXIT, UsageError } from './usage-error.js';
import { VERSION } from '../model/version.js';

type Run = (args: string[], io: Io) => Promise<number>;

/**
 * The commands; each names its help text (an export of help-text.ts, which the compiler checks),
 * so none can ship without it. A command's code, and the help text, are loaded only when asked for: `scan --staged` in a git hook loads no more than
 * it needs (the help text alone brought in the mount planner's modules).
 */
type HelpText = keyof typeof import('./help-text.js');
const COMMANDS = {
  scan: { summary: 'scan folders and print findings and a verdict', help: 'SCAN_HELP', load: async () => (await import('./scan-command.js')).runScan },
  plan: { summary: 'print the least-privilege mount plan for a sandbox (--target)', help: 'PLAN_HELP', load: async () => (await import('./plan-command.js')).runPlan },
  stage: { summary: 'make a sanitized copy to mount instead (--to DIR)', help: 'STAGE_HELP', load: async () => (await import('./stage-command.js')).runStage },
  audit: { summary: 'audit a home folder for credentials, with advice', help: 'AUDIT_HELP', load: async () => (await import('./audit-command.js')).runAuditCommand },
  rules: { summary: 'list the rules, or test each against its own examples', help: 'RULES_HELP', load: async () => (await import('./rules-command.js')).runRules },
  hook: { summary: 'install or remove the git pre-commit hook', help: 'HOOK_HELP', load: async () => (await import('./hook-command.js')).runHook },
} as const satisfies Record<string, { summary: string; help: HelpText; load: () => Promise<Run> }>;

type CommandName = keyof typeof COMMANDS;
const isCommand = (name: string | undefined): name is CommandName => name !== undefined && Object.hasOwn(COMMANDS, name);

export const MAIN_HELP = `airlock ${VERSION} — check folders before you share them with a sandbox

Usage:
  airlock [PATH...]          on a terminal: scan in the terminal UI (progress,
                             verdict, findings folder by folder, a mount plan to
                             adjust and export); otherwise the same as
                             \`airlock scan PATH...\`
${Object.entries(COMMANDS)
  .map(([name, c]) => `  airlock ${name.padEnd(18)} ${c.summary}`)
  .join('\n')}
  airlock help COMMAND       help for one command

The terminal UI opens when stdin and stdout are both terminals and none of
--format, --staged, --help or --no-tui is given (those print the plain scan).
It takes the scan options (--fail-on, --rules, --exclude, --max-file-size,
--show-secrets, ...) and exits as \`airlock scan\` would. Keys: j/k or arrows
move, Enter expands a finding, Tab switches to the mount plan, w toggles a
mount ro/rw, e exports the plan for a target (printed to stdout on exit),
a accepts a finding, i keeps a file with findings to review in the plan, x
leaves a file out, u undoes, o opens the file in $EDITOR at the line, ? shows
every key, q quits. Decisions are saved in ~/.config/airlock (every scan reads
them; --no-user-config ignores them), never in a scanned folder.

Run \`airlock scan --help\` for the scan options. Secrets are always masked unless
--show-secrets is given; airlock makes no network calls and never writes into
the folders it scans.
`;

/** Runs one command line and returns the exit code. Never throws. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === '--version' || first === '-V') {
      io.out(`${VERSION}\n`);
      return EXIT.go;
    }
    if (first === '--help' || first === '-h') {
      io.out(MAIN_HELP);
      return EXIT.go;
    }
    if (first === 'help') {
      const topic = rest[0];
      if (topic === undefined) io.out(MAIN_HELP);
      else if (isCommand(topic)) io.out((await import('./help-text.js'))[COMMANDS[topic].help]);
      else throw new UsageError(`no help for "${topic}": not a command`);
      return EXIT.go;
    }
    if (isCommand(first)) return await (await COMMANDS[first].load())(rest, io);
    const mistyped = lookLikeCommand(argv, Object.keys(COMMANDS));
    if (mistyped) throw new UsageError(mistyped);
    // No command: the TUI on a terminal, the plain scan otherwise (tui-choice.ts).
    if (wantsTui(argv, io)) return await (await import('./tui-command.js')).runTuiCommand(argv, io);
    return await (await COMMANDS.scan.load())(argv, io);
  } catch (error) {
    const isParseError = (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true;
    const isUsage = error instanceof UsageError || isParseError;
    const text = isParseError ? describeParseError(error as NodeJS.ErrnoException) : ((error as Error).message.split('\n')[0] ?? '');
    const message = escapeForTerminal(text);
    io.err(isUsage ? `airlock: ${message}\nRun \`airlock --help\` for usage.\n` : `airlock: internal error: ${message}\n`);
    return EXIT.usage;
  }
}
