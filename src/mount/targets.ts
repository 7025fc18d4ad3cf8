/** Where a plan can go. A closed set: each has its help and capabilities here and its renderer in `renderers.ts`. */
export const TARGETS = ['cowork', 'docker', 'compose', 'devcontainer', 'bwrap', 'bwrap-args', 'claude', 'json'] as const;
export type Target = (typeof TARGETS)[number];

export interface TargetSpec {
  /** One line for `airlock plan --help`. */
  help: string;
  /** Whether the target can share a single file (otherwise clean files beside flagged ones are left out). */
  canMountFiles: boolean;
  /** Whether the target can make a mount read-only (otherwise --rw is refused as meaningless). */
  hasReadOnly: boolean;
  /** Where the roots appear inside the sandbox unless --dest; undefined when the paths stay the host's. */
  defaultDest: string | undefined;
  /**
   * Whether the target can hide a path inside a mount (an empty tmpfs over a folder, /dev/null
   * over a file), so that a plan too large to read collapses to whole roots with masks.
   */
  canMask: boolean;
}

/**
 * Every target's help and capabilities. Plain data, so `airlock plan --help` loads no renderer;
 * adding a target to TARGETS does not compile until it has an entry here and in RENDERERS.
 */
export const TARGET_SPECS = {
  cowork: { help: 'the folders to add in Claude Cowork, step by step', canMountFiles: false, hasReadOnly: false, defaultDest: undefined, canMask: false },
  docker: { help: '`docker run` --mount flags', canMountFiles: true, hasReadOnly: true, defaultDest: '/workspace', canMask: true },
  compose: { help: 'a compose.yaml `volumes:` block (long syntax)', canMountFiles: true, hasReadOnly: true, defaultDest: '/workspace', canMask: true },
  devcontainer: { help: 'devcontainer.json workspaceMount, workspaceFolder and mounts', canMountFiles: true, hasReadOnly: true, defaultDest: '/workspaces', canMask: true },
  bwrap: { help: 'bubblewrap --ro-bind / --bind arguments, shell-quoted', canMountFiles: true, hasReadOnly: true, defaultDest: '/workspace', canMask: true },
  'bwrap-args': { help: 'the same, NUL-separated for a script (mapfile -d \'\')', canMountFiles: true, hasReadOnly: true, defaultDest: '/workspace', canMask: true },
  claude: { help: '.claude/settings.json deny rules and additionalDirectories', canMountFiles: true, hasReadOnly: true, defaultDest: undefined, canMask: true },
  json: { help: 'the plan alone, as JSON, with each mount\'s destination', canMountFiles: true, hasReadOnly: true, defaultDest: '/workspace', canMask: false },
} as const satisfies Record<Target, TargetSpec>;

export const isTarget = (name: string): name is Target => (TARGETS as readonly string[]).includes(name);
