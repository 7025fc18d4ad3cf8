import { renderBwrap } from './render-bwrap.js';
import { renderClaude } from './render-claude.js';
import { renderCompose } from './render-compose.js';
import { renderCowork } from './render-cowork.js';
import { renderDevcontainer } from './render-devcontainer.js';
import { renderDocker } from './render-docker.js';
import { renderJson } from './render-json.js';
import type { Renderer } from './rendering.js';

export const TARGETS = ['cowork', 'docker', 'compose', 'devcontainer', 'bwrap', 'claude', 'json'] as const;
export type Target = (typeof TARGETS)[number];

export interface TargetSpec {
  /** One line for `airlock plan --help`. */
  help: string;
  render: Renderer;
  /** Whether the target can share a single file (otherwise clean files beside flagged ones are left out). */
  canMountFiles: boolean;
  /** Whether the target can make a mount read-only (otherwise --rw is refused as meaningless). */
  hasReadOnly: boolean;
  /** Where the roots appear inside the sandbox unless --dest; undefined when the paths stay the host's. */
  defaultDest: string | undefined;
}

/** Every target has its renderer and help: adding one to TARGETS does not compile until both exist. */
export const TARGET_SPECS = {
  cowork: { help: 'the folders to add in Claude Cowork, step by step', render: renderCowork, canMountFiles: false, hasReadOnly: false, defaultDest: undefined },
  docker: { help: '`docker run` --mount flags', render: renderDocker, canMountFiles: true, hasReadOnly: true, defaultDest: '/workspace' },
  compose: { help: 'a compose.yaml `volumes:` block (long syntax)', render: renderCompose, canMountFiles: true, hasReadOnly: true, defaultDest: '/workspace' },
  devcontainer: { help: 'devcontainer.json `workspaceMount`, `workspaceFolder` and `mounts`', render: renderDevcontainer, canMountFiles: true, hasReadOnly: true, defaultDest: '/workspaces' },
  bwrap: { help: 'bubblewrap --ro-bind / --bind arguments', render: renderBwrap, canMountFiles: true, hasReadOnly: true, defaultDest: '/workspace' },
  claude: { help: 'a .claude/settings.json fragment: permissions.deny Read/Edit rules, additionalDirectories', render: renderClaude, canMountFiles: true, hasReadOnly: true, defaultDest: undefined },
  json: { help: 'the plan alone, as JSON (mounts with destinations, and what is left out)', render: renderJson, canMountFiles: true, hasReadOnly: true, defaultDest: '/workspace' },
} as const satisfies Record<Target, TargetSpec>;

export const isTarget = (name: string): name is Target => (TARGETS as readonly string[]).includes(name);
