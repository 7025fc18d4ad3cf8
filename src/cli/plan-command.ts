import { parseArgs } from 'node:util';
import { checkDestinationBase, rootDestinations } from '../mount/destinations.js';
import { TARGET_SPECS, TARGETS, isTarget } from '../mount/targets.js';
import { planScan } from '../pipeline/plan-scan.js';
import { DEFAULT_MAX_FILE_SIZE, scan } from '../pipeline/scan.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import type { Verdict } from '../model/result.js';
import type { Io } from './io.js';
import { parseSize } from './parse-size.js';
import { parseJobs, pick } from './scan-command.js';
import { EXIT, UsageError } from './usage-error.js';

export const ACCEPT_LEVELS = ['review'] as const;

export const PLAN_HELP = `Usage: airlock plan --target TARGET [options] [PATH...]

Scans each PATH (default: the current folder) as \`airlock scan\` does, then prints
the least-privilege mount plan for one sandbox, ready to paste:
  - nothing flagged is mounted, nor a .git whose history holds a finding, nor
    anything left unscanned (excluded, too large, unreadable);
  - a clean folder is one mount; only folders holding a flagged file are split,
    and their clean files are mounted one by one (Cowork shares folders only,
    so it lists them as left out);
  - every mount is read-only unless --rw names it or a folder above it.
The plan goes to stdout; what is left out, and why, goes to stderr.

Targets:
${TARGETS.map((t) => `  ${t.padEnd(14)} ${TARGET_SPECS[t].help}`).join('\n')}

Options:
  --target TARGET        where the plan goes (required; see above)
  --rw PATH              mount PATH read-write: a folder or file in the plan, or a
                         folder above some of its mounts; repeatable. A PATH
                         inside a mount splits that mount around it.
  --accept review        keep files whose findings are all review-level
  --dest DIR             where the folders appear inside the sandbox (default:
                         /workspace/<folder name>, /workspaces/… for devcontainer)
  --rules DIR            also load the rule files (*.yml) in DIR; repeatable
  --exclude GLOB         leave paths out of the scan, and so out of the plan
  --max-file-size SIZE   files larger than this are not read, so left out (10M)
  --no-history           do not read .git history; every .git is then left out
  --jobs N               worker threads (default: one per core; 1 = none)
  -h, --help             show this help

Exit codes: 0 plan printed, 1 nothing is safe to mount, 2 usage error.
`;

export const VERDICT_LABEL = { go: 'GO', review: 'REVIEW', 'no-go': 'NO-GO' } as const satisfies Record<Verdict, string>;

function printErrors(errors: string[], io: Io): number {
  for (const error of errors) io.err(`airlock: ${safe(error)}\n`);
  return EXIT.usage;
}

export async function runPlan(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      rw: { type: 'string', multiple: true },
      accept: { type: 'string' },
      dest: { type: 'string' },
      rules: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'max-file-size': { type: 'string' },
      'no-history': { type: 'boolean' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(PLAN_HELP);
    return EXIT.go;
  }
  if (values.target === undefined) throw new UsageError(`--target is required: one of ${TARGETS.join(', ')}`);
  if (!isTarget(values.target)) throw new UsageError(`--target must be one of ${TARGETS.join(', ')}, not "${values.target}"`);
  const target = values.target;
  const spec = TARGET_SPECS[target];
  const acceptReview = values.accept !== undefined && pick(values.accept, ACCEPT_LEVELS, '--accept', 'review') === 'review';
  const rw = values.rw ?? [];
  if (rw.length > 0 && !spec.hasReadOnly) throw new UsageError(`--rw does not apply to ${target}: every folder it is given is writable`);
  if (values.dest !== undefined && spec.defaultDest === undefined) throw new UsageError(`--dest does not apply to ${target}: it uses the folders where they are`);
  const destError = values.dest === undefined ? undefined : checkDestinationBase(values.dest);
  if (destError) throw new UsageError(destError);

  const result = await scan({
    roots: positionals.length > 0 ? positionals : ['.'],
    ruleDirs: values.rules ?? [],
    excludes: values.exclude ?? [],
    maxFileSize: values['max-file-size'] ? parseSize(values['max-file-size'], '--max-file-size') : DEFAULT_MAX_FILE_SIZE,
    showSecrets: false,
    history: !values['no-history'],
    jobs: parseJobs(values.jobs),
  });
  if (!result.ok) return printErrors(result.errors, io);
  const planned = planScan(result.value, { acceptReview, rw, canMountFiles: spec.canMountFiles });
  if (!planned.ok) return printErrors(planned.errors, io);
  const plan = planned.value;
  const base = (values.dest ?? spec.defaultDest ?? '/').replace(/\/+$/, '');
  const rendered = spec.render({ plan, destinations: rootDestinations(plan.roots, base) });
  if (!rendered.ok) return printErrors(rendered.errors, io);

  for (const notice of result.value.notices) io.err(`airlock: ${notice}\n`);
  io.out(rendered.value.text);
  const { mounts, excluded } = plan;
  const writable = mounts.filter((m) => m.mode === 'rw').length;
  const modes = !spec.hasReadOnly ? 'all writable: no read-only choice' : writable > 0 ? `${writable} read-write` : 'all read-only';
  io.err(`airlock: ${VERDICT_LABEL[result.value.verdict]} scan; plan for ${target}: ${mounts.length} mount${mounts.length === 1 ? '' : 's'} (${modes}), ${excluded.length} left out\n`);
  for (const e of excluded) io.err(`  - ${safe(e.path)}: ${safe(e.reason)}\n`);
  for (const note of rendered.value.notes) io.err(`airlock: ${note}\n`);
  return mounts.length > 0 ? EXIT.go : EXIT.noGo;
}
