import { fail, ok } from '../model/outcome.js';
import { quoteCsvField } from './quote.js';
import { dockerMountSpecs } from './render-docker.js';
import { lineBreakErrors, masksOf, withDestination, type Renderer } from './rendering.js';

const mountSpec = (fields: string[]) => fields.map(quoteCsvField).join(',');

/**
 * devcontainer.json properties. The first root is the workspace: when it is clean it is the
 * `workspaceMount` (read-only unless --rw); when it holds anything flagged, the workspace is an
 * empty tmpfs and its clean parts are bound into it from `mounts`, so the default mount of the
 * whole folder never happens. Other roots go to `mounts`. The strings are docker `--mount`
 * specs, so the CSV quoting is docker's. A collapsed plan mounts its roots whole and adds its
 * masks to `mounts` (docker mounts in order of depth: each mask lands on top of its root).
 */
export const renderDevcontainer: Renderer = (input) => {
  const errors = lineBreakErrors(input, 'devcontainer');
  const workspace = input.plan.roots[0]!;
  const workspaceFolder = input.destinations.get(workspace)!;
  const mounts = input.plan.mounts.map(withDestination(input));
  for (const path of new Set([workspaceFolder, ...[...mounts, ...masksOf(input)].flatMap((m) => [m.path, m.destination])])) {
    if (path.includes('${')) errors.push(`${JSON.stringify(path)}: devcontainer.json would substitute the \${…} in it; rename it, use --dest, or use \`airlock stage\``);
  }
  if (errors.length > 0) return fail(...errors);
  const isWholeRoot = (m: (typeof mounts)[number]) => m.root === workspace && m.rel === '';
  const wholeRoot = mounts.find(isWholeRoot);
  const specs = dockerMountSpecs(input, { source: 'source', target: 'target' });
  const document = {
    workspaceMount: wholeRoot ? specs[mounts.indexOf(wholeRoot)]! : mountSpec(['type=tmpfs', `target=${workspaceFolder}`]),
    workspaceFolder,
    mounts: specs.filter((_, i) => i >= mounts.length || !isWholeRoot(mounts[i]!)),
  };
  const notes = [
    'Merge these properties into .devcontainer/devcontainer.json (they replace the default mount of the whole folder).',
    'A devcontainer built from dockerComposeFile ignores workspaceMount and mounts: use --target compose for it instead.',
  ];
  if (!wholeRoot) notes.push(`${workspaceFolder} is an empty in-memory folder holding the clean parts; files created at its top are lost when the container stops.`);
  return ok({ text: `${JSON.stringify(document, null, 2)}\n`, notes });
};
