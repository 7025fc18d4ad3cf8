import { fail, ok } from '../model/outcome.js';
import type { EntryKind } from './plan.js';
import { escapeGitignore } from './quote.js';
import type { Renderer } from './rendering.js';

/** Rules for one path: `//` starts an absolute path; a folder also gets `/**` for what is inside. */
function rules(tool: 'Read' | 'Edit', path: string, kind: EntryKind): string[] {
  const pattern = `/${escapeGitignore(path)}`;
  return kind === 'dir' ? [`${tool}(${pattern})`, `${tool}(${pattern}/**)`] : [`${tool}(${pattern})`];
}

/**
 * A `.claude/settings.json` fragment for Claude Code opened in the first root: every excluded
 * path denied to Read and Edit, every read-only mount denied to Edit (least privilege: Claude
 * Code edits only --rw paths), and the other roots as `additionalDirectories`.
 */
export const renderClaude: Renderer = (input) => {
  const { plan } = input;
  // A collapsed plan's masks are all in `excluded` (denied below); a deny rule cannot be undone
  // deeper down, so a --rw path inside a read-only root needs the split plan.
  const nested = plan.masks ? plan.mounts.filter((m) => m.mode === 'rw' && plan.mounts.some((o) => o.mode === 'ro' && m.path.startsWith(`${o.path}/`))) : [];
  if (nested.length > 0) return fail(`claude cannot make ${nested[0]!.path} editable inside a read-only folder: use --collapse never`);
  const deny = [
    ...plan.excluded.flatMap((e) => [...rules('Read', e.path, e.kind), ...rules('Edit', e.path, e.kind)]),
    ...plan.mounts.filter((m) => m.mode === 'ro').flatMap((m) => rules('Edit', m.path, m.kind)),
  ];
  const extraRoots = plan.roots.slice(1).filter((root) => plan.mounts.some((m) => m.root === root));
  const permissions = { deny, ...(extraRoots.length > 0 ? { additionalDirectories: extraRoots } : {}) };
  const notes = [
    `Merge into ${plan.roots[0]}/.claude/settings.json (or settings.local.json) and start Claude Code there.`,
    'These rules govern Claude Code\'s own file tools; a shell command it runs can still read the files unless its sandbox is on. For a hard boundary use a container target or `airlock stage`.',
  ];
  if (plan.mounts.every((m) => m.mode === 'ro')) notes.push('Everything is read-only for Claude Code: pass --rw PATH for the folders it may edit.');
  return ok({ text: `${JSON.stringify({ permissions }, null, 2)}\n`, notes });
};
