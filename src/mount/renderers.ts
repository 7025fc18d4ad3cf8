import { renderBwrap } from './render-bwrap.js';
import { renderBwrapArgs } from './render-bwrap-args.js';
import { renderClaude } from './render-claude.js';
import { renderCompose } from './render-compose.js';
import { renderCowork } from './render-cowork.js';
import { renderDevcontainer } from './render-devcontainer.js';
import { renderDocker } from './render-docker.js';
import { renderJson } from './render-json.js';
import type { Renderer } from './rendering.js';
import type { Target } from './targets.js';

/** Every target's renderer: adding one to TARGETS does not compile until it is written here. */
export const RENDERERS = {
  cowork: renderCowork,
  docker: renderDocker,
  compose: renderCompose,
  devcontainer: renderDevcontainer,
  bwrap: renderBwrap,
  'bwrap-args': renderBwrapArgs,
  claude: renderClaude,
  json: renderJson,
} as const satisfies Record<Target, Renderer>;
