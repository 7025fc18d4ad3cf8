import { ok } from '../model/outcome.js';
import { bwrapArguments } from './render-bwrap.js';
import type { Renderer } from './rendering.js';

/**
 * bubblewrap arguments as data, not shell text: every argument ends with a NUL byte, so no path
 * (spaces, quotes, line breaks) is split or mangled. For `$(…)`-free use in a script:
 * `mapfile -d '' binds < <(airlock plan DIR --target bwrap-args); bwrap … "${binds[@]}" -- cmd`.
 */
export const renderBwrapArgs: Renderer = (input) => {
  const args = bwrapArguments(input).flat();
  return ok({
    text: args.map((arg) => `${arg}\0`).join(''),
    notes: [`Read them into an array and pass it to bwrap: mapfile -d '' binds < <(airlock plan … --target bwrap-args); bwrap --ro-bind /usr /usr --proc /proc --dev /dev "\${binds[@]}" -- CMD`],
  });
};
