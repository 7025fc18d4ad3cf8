import type { PlanOversize } from '../model/result.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A plan too large to read, in plain words: the size, what collapsing gives, and `airlock stage` (each command on a line of its own, indented). */
export function describeOversize(o: PlanOversize): string[] {
  return [
    `${plural(o.mounts, 'mount')}: more than a person can check (${o.limit} at most).`,
    `Collapsed, it is ${plural(o.collapsed.mounts, 'mount')} with ${plural(o.collapsed.masks, 'masked path')}: airlock plan --target ${o.collapsed.targets.join('|')} does that by itself.`,
    ...(o.stage.length > 0 ? ['Or mount a sanitized copy instead:', ...o.stage.map((command) => `  ${command}`)] : []),
  ];
}
