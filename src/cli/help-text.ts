/** Help for each command: plain text, so `--help` loads none of the command's code. */

export const SCAN_HELP = `Usage: airlock scan [options] [PATH...]

Scans every file a mount of each PATH would expose (default: the current folder):
dotfiles, git-ignored files, node_modules and .git included, and every object in
the history of each .git found. Prints the findings and a verdict: GO, REVIEW
or NO-GO.

Options:
  --format FORMAT        text (default), json or sarif
  --fail-on LEVEL        exit 1 on: block (default: a NO-GO verdict), review
                         (NO-GO or REVIEW), incomplete (NO-GO, or anything left
                         unread for size, time, errors or permissions), or never;
                         combine with commas, e.g. review,incomplete
  --rules DIR            also load the rule files (*.yml) in DIR; repeatable
  --exclude GLOB         leave out paths matching GLOB (gitignore syntax); repeatable.
                         A .airlockignore file at a folder's top is applied too.
                         Exclusions are always counted in the output.
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
  --show-secrets         print secrets in full (they are masked by default)
  --jobs N               worker threads (default: one per core; 1 = none)
  -h, --help             show this help

Exit codes: 0 GO (and REVIEW unless --fail-on review; an incomplete scan unless
--fail-on incomplete), 1 NO-GO, 2 usage error.
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
