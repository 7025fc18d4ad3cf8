import { PLAN_READABLE_MOUNTS } from '../mount/collapse-plan.js';
import { TARGET_SPECS, TARGETS } from '../mount/targets.js';

/** Help for each command: plain text, so `--help` loads none of the command's code. */

export const SCAN_HELP = `Usage: airlock scan [options] [PATH...]

Scans every file a mount of each PATH would expose (default: the current folder):
dotfiles, git-ignored files, node_modules and .git included, and every object in
the history of each .git found. Prints the findings, a verdict (GO, REVIEW or
NO-GO) and the read-only mount plan that leaves out everything flagged (JSON:
"plan"; export it with \`airlock plan --target\`).

Options:
  --format FORMAT        text (default), json, sarif, markdown or html (one
                         self-contained page: what to do first, findings by risk)
  --fail-on LEVEL        exit 1 on: incomplete (default: NO-GO, or INCOMPLETE:
                         anything left unread for size, time, errors or
                         permissions), block (NO-GO only), review (NO-GO,
                         INCOMPLETE or REVIEW), or never
  --rules DIR            also load the rule files (*.yml) in DIR; repeatable
  --config FILE          a YAML configuration; its data section (all optional):
                           data:
                             severity: review   # or block: personal data,
                                                # proprietary files, dumps block
                             terms: [Nightjar, Globex]   # whole words to flag
                             email_domains: [acme.com]   # company addresses
                             min_personal_values: 10     # distinct e-mails,
                                                # cards… before a file counts
  --exclude GLOB         leave out paths matching GLOB (gitignore syntax); repeatable.
                         A .airlockignore file at a folder's top is applied too.
                         Exclusions are always counted in the output, and what
                         they kept out is left out of the mount plan.
                         (A folder's .airlockallow lists accepted fingerprints; a
                         line with airlock:allow, gitleaks:allow or "pragma:
                         allowlist secret" accepts the finding on it.)
  --max-file-size SIZE   files larger than this are not read (default 10M, at
                         most 512M); they make the scan incomplete
  --file-timeout TIME    stop matching a file after this long (default 10s; e.g.
                         2.5s, 500ms); such a file makes the scan incomplete
  --staged               scan what is staged for the next commit (the index, not
                         the working tree); PATHs then limit it as pathspecs
  --no-history           do not scan the history inside .git folders
  --no-cache             scan every file again, ignoring results cached from earlier
                         scans of unchanged files (~/.cache/airlock, or
                         $AIRLOCK_CACHE_DIR; AIRLOCK_CACHE_DIR=off disables it)
  --allowlist FILE       accept the findings whose fingerprints FILE lists (one a
                         line, # comments); repeatable. Suppressed findings are
                         always counted and listed with their source.
  --no-folder-config     obey nothing the scanned folders say about themselves: no
                         .airlockignore, no .airlockallow, no airlock:allow comments
  --no-user-config       ignore your own decisions: the findings you accepted in
                         the TUI (~/.config/airlock/allowlist, the allowlist
                         format) and the files you kept in or left out of the
                         plan (~/.config/airlock/plan-choices). The folder is
                         $AIRLOCK_CONFIG_DIR, else $XDG_CONFIG_HOME/airlock.
                         They are read by default; what they suppress is listed
                         with that file as its source.
  --show-secrets         print secrets in full (they are masked by default)
  --jobs N               worker threads (default: one per core; 1 = none)
  --no-tui               \`airlock PATH\` without \`scan\` opens the terminal UI when
                         stdin and stdout are terminals; this prints the plain
                         scan instead (as do --format and --staged)
  -h, --help             show this help

Verdicts: NO-GO (a blocking finding), INCOMPLETE (nothing blocking, but something
was not read), REVIEW (findings to look at), GO (nothing found in a complete scan).
INFO findings never change the verdict: a token of the right shape whose checksum
fails (ghp_, npm_ … made up or mistyped) is INFO, since it is not a real token.
Exit codes: 0 GO or REVIEW (REVIEW is 1 with --fail-on review), 1 NO-GO or
INCOMPLETE (INCOMPLETE is 0 with --fail-on block), 2 usage error.
`;

export const AUDIT_HELP = `Usage: airlock audit [--home DIR] [options]

Audits a developer machine's home folder (default: yours) for the credentials a
stolen laptop, a malicious package or an agent could take, in three parts:

1. A catalog of where credentials live (SSH and GnuPG keys, AWS, gcloud, Azure,
   kube, Docker, npm, Yarn, PyPI, Cargo, RubyGems, Maven, netrc, pgpass, MySQL,
   git credentials, gh, glab, Vault, Terraform, Claude Code, Codex, Gemini,
   Cursor, Continue, Aider, Copilot, browser password and cookie stores,
   password managers and their exports, crypto wallets, shell and REPL
   histories): each place is checked even where a content scan would not look,
   with whether a key has a passphrase, whether a file holds a literal secret
   (a \${VAR} reference is not one) and whether other accounts can read it;
   each item says what it gives an attacker and how to fix it.
2. A content scan of the home with every rule, as \`airlock scan\` does.
   Caches and package stores (~/.cache, ~/.npm/_cacache, node_modules,
   ~/.cargo/registry, ~/.rustup, ~/go/pkg, ~/.m2/repository, ~/Library/Caches,
   ...) are not read; the report lists each one by name.
3. Advice on the supply-chain posture (never part of the verdict; airlock
   changes nothing): install scripts not disabled, no minimum release age for
   new package versions (npm, pnpm, Yarn, Bun, uv), registry tokens in ~/.npmrc
   or ~/.pypirc, agent tools that run commands without asking or run hooks,
   local MCP servers started with literal keys, and container builds that
   install dependencies with secrets in their environment.

Options:
  --home DIR             the home folder to audit (default: $HOME)
  --format FORMAT        text (default), json, sarif, markdown or html
  --include-caches       read the caches and package stores too
  --fail-on LEVEL        as for \`airlock scan\` (default incomplete: exit 1 on
                         NO-GO or on anything left unread; block: NO-GO only)
  --exclude GLOB         leave out paths matching GLOB (gitignore); repeatable
  --rules DIR            also load the rule files (*.yml) in DIR; repeatable
  --allowlist FILE       accept the findings whose fingerprints FILE lists
  --config FILE          YAML configuration: data rules, terms (see scan --help)
  --no-folder-config     obey no .airlockignore, .airlockallow or allow comment
                         found in the home
  --no-user-config       ignore the findings you accepted in the TUI
                         (~/.config/airlock; see scan --help)
  --max-file-size SIZE   files larger than this are not read (default 10M)
  --file-timeout TIME    stop matching a file after this long (default 10s)
  --no-history           do not scan the history inside .git folders
  --no-cache             ignore results cached from earlier scans
  --show-secrets         print secrets in full (they are masked by default)
  --jobs N               worker threads (default: one per core)
  -h, --help             show this help

Exit codes as for scan: 0 GO or REVIEW, 1 NO-GO or INCOMPLETE (see --fail-on),
2 usage error. Example: airlock audit --format html > report.html
`;

export const RULES_HELP = `Usage: airlock rules list|test [--rules DIR]...

  list     print every rule: id, severity, category and name
  test     check every rule against its own examples and negative examples,
           and run each content pattern over adversarial inputs built from it
           (1 MB each: long runs of the characters it accepts, near-misses
           repeated); exit 1 if an example does not match, a negative example
           does, or a pattern takes over 1 s of CPU on an input, or is still
           running after 2 s (it can backtrack catastrophically)

Options:
  --rules DIR   also load the rule files (*.yml) in DIR; repeatable
  --json        (list) print the rules as JSON
  --no-cache    (test) check every pattern again; patterns that passed are
                otherwise remembered in the cache folder (see scan --help)
`;

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

export const PLAN_HELP = `Usage: airlock plan --target TARGET [options] [PATH...]

Scans each PATH (default: the current folder) as \`airlock scan\` does, then
prints the least-privilege mount plan for one sandbox, ready to paste:
  - nothing flagged is mounted, nor a .git whose history holds a finding, nor
    anything left unscanned (excluded, too large, unreadable);
  - a clean folder is one mount; only folders holding a flagged file are split,
    and their clean files are mounted one by one (Cowork shares folders only,
    so it lists them as left out);
  - every mount is read-only unless --rw names it or a folder above it.
The plan goes to stdout; what is left out, and why, goes to stderr.
A plan of more than ${PLAN_READABLE_MOUNTS} mounts is more than a person can check: airlock says
so and proposes \`airlock stage\`; targets that can hide a path inside a mount
(${TARGETS.filter((t) => TARGET_SPECS[t].canMask).join(', ')})
then mount each folder whole and mask the flagged paths instead.

Targets:
${TARGETS.map((t) => `  ${t.padEnd(14)} ${TARGET_SPECS[t].help}`).join('\n')}

Options:
  --target TARGET        where the plan goes (required; see above)
  --rw PATH              mount PATH read-write: a folder or file in the plan,
                         or a folder above some of its mounts; repeatable.
                         A PATH inside a mount splits that mount around it.
  --accept review        keep files whose findings are all review-level
  --dest DIR             where the folders appear inside the sandbox (default
                         /workspace/<name>; /workspaces/<name> for devcontainer)
  --collapse WHEN        mount each folder whole and mask its flagged paths:
                         auto (past ${PLAN_READABLE_MOUNTS} mounts, the default), always, never
  --rules DIR            also load the rule files (*.yml) in DIR; repeatable
  --config FILE          YAML configuration: data rules, terms (see scan --help)
  --exclude GLOB         leave paths out of the scan, and so out of the plan
  --allowlist FILE       accept the findings whose fingerprints FILE lists: they
                         are then in the plan (as with \`airlock scan\`)
  --no-folder-config     obey no .airlockignore, .airlockallow or allow comment
  --no-user-config       ignore your decisions in ~/.config/airlock: accepted
                         findings, files kept in or left out of the plan
  --max-file-size SIZE   files larger than this are not read, so left out (10M)
  --no-history           do not read .git history; every .git is then left out
  --no-cache             scan every file again (see \`airlock scan --help\`)
  --file-timeout TIME    stop matching a file after this long (default 10s), so
                         it is left out
  --jobs N               worker threads (default: one per core; 1 = none)
  -h, --help             show this help

Exit codes: 0 plan printed, 1 nothing is safe to mount, 2 usage error.
`;

export const STAGE_HELP = `Usage: airlock stage PATH --to DIR [options]

Makes a sanitized copy of the folder PATH in DIR, to mount instead of PATH:
  - clean files are copied with their permissions (links are never followed;
    a link is copied only when it points inside PATH);
  - files with a blocking finding are left out (and review findings, unless
    --accept review), as is anything that could not be scanned;
  - dotenv files (.env, .env.*, *.env) are rewritten with every value replaced
    by "redacted-by-airlock", keys kept, so code still starts;
  - .git is left out unless its whole history is clean;
  - DIR/STAGED.md lists what was left out or redacted, and why.
Then DIR is scanned again and the verdict printed. PATH is never written to.
airlock refuses (exit 2) when DIR is PATH, is inside PATH, or exists and is not
empty.

Options:
  --to DIR               where to make the copy (required; new or empty folder)
  --accept review        copy files whose findings are all review-level
  --rules DIR            also load the rule files (*.yml) in DIR; repeatable
  --config FILE          YAML configuration: data rules, terms (see scan --help)
  --exclude GLOB         leave paths out of the scan, and so out of the copy
  --allowlist FILE       accept and copy the findings FILE lists by fingerprint
  --no-folder-config     obey no .airlockignore, .airlockallow or allow comment
  --no-user-config       ignore your decisions in ~/.config/airlock (accepted
                         findings, plan choices) for the original's scan
  --max-file-size SIZE   files larger than this are not read, so left out (10M)
  --no-cache             scan every file again (see \`airlock scan --help\`)
  --file-timeout TIME    stop matching a file after this long (default 10s), so
                         it is left out
  --jobs N               worker threads (default: one per core; 1 = none)
  -h, --help             show this help

Exit codes: 0 copy made and it scans GO (or REVIEW), 1 the copy still has a
blocking finding (do not mount it), 2 usage error or refusal.
`;
