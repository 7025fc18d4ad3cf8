import { renderBwrap } from './render-bwrap.js';
import { renderBwrapArgs } from './render-bwrap-args.js';
import { renderClaude } from './render-claude.js';
import { renderCompose } from './render-compose.js';
import { renderCowork } from './render-cowork.js';
import { renderDevcontainer } from './render-devcontainer.js';
import { renderDocker } from './render-docker.js';
import { renderJson } from './render-json.js';
import { fail } from '../model/outcome.js';
import type { Renderer, RenderInput } from './rendering.js';
import { TARGET_SPECS, type Target } from './targets.js';

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

/**
 * The one way to render a plan: a collapsed plan (with masks) goes only to a target that can
 * apply masks, because one that ignored them would mount every flagged path under the roots.
 */
export function renderPlan(target: Target, input: RenderInput): ReturnType<Renderer> {
  if ((input.plan.masks?.length ?? 0) > 0 && !TARGET_SPECS[target].canMask) {
    return fail(`${target} cannot hide a path inside a mount: its plan must stay split (--collapse never)`);
  }
  return RENDERERS[target](input);
}
