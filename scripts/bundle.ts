// Last step of `npm run build`: bundles tsc's output (dist/) into dist/bundle/, which bin.js
// loads. Node resolves, reads and links each ES module on its own: a git hook's `scan --staged`
// loaded 123 of airlock's files, a fifth of its run. From the bundle it loads 9.
//
// - `core` holds every module a scan needs (the static imports of the scan commands), except
//   those importing a package (yaml, zod, ink …) directly or through another: in one chunk, such
//   an import would load the package on every start.
// - Everything else (other commands, report formats, archive readers, the TUI) keeps rollup's
//   own chunks, loaded by the `import()` that loads it now.
// - The bundle lies two folders down, as the modules did (dist/<folder>/<file>.js), so the paths
//   they name from `import.meta.url` (../../rules, ../prebuilt/, ./worker.js, ../bin.js) hold;
//   the worker threads' modules are entries, under the names those URLs give.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rollup, type GetModuleInfo } from '@rollup/wasm-node';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const OUT = `${DIST}bundle`;

/** Entry name → module: the CLI, and the file of each worker thread (see pipeline/). */
const ENTRIES = {
  main: 'cli/main.js',
  worker: 'pipeline/worker.js',
  'start-offsets-worker': 'pipeline/start-offsets-worker.js',
  'regex-safety-worker': 'pipeline/regex-safety-worker.js',
};
/** The modules whose static imports make up a scan. */
const SCAN = ['cli/main.js', 'cli/scan-command.js', 'pipeline/scan.js', 'pipeline/scan-staged.js', 'report/text.js'];

const isPackage = (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('node:');

/** The modules `core` holds: reachable from SCAN by static imports, and importing no package. */
function coreModules(info: GetModuleInfo): Set<string> {
  const importsPackage = new Map<string, boolean>();
  const loadsPackage = (id: string): boolean => {
    const known = importsPackage.get(id);
    if (known !== undefined) return known;
    importsPackage.set(id, false); // an import cycle adds nothing the other modules do not
    const module = info(id);
    const result = module?.isExternal ? isPackage(id) : (module?.importedIds ?? []).some(loadsPackage);
    importsPackage.set(id, result);
    return result;
  };
  const reached = new Set<string>();
  const pending = SCAN.map((path) => DIST + path);
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const module = info(id);
    if (reached.has(id) || !module || module.isExternal) continue;
    reached.add(id);
    pending.push(...module.importedIds);
  }
  return new Set([...reached].filter((id) => !loadsPackage(id)));
}

async function bundle(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  const problems: string[] = [];
  const build = await rollup({
    input: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, DIST + path])),
    external: (id) => isPackage(id) || id.startsWith('node:'),
    onwarn: (warning) => problems.push(`${warning.code ?? 'WARNING'}: ${warning.message}`),
  });
  let core: Set<string> | undefined;
  await build.write({
    dir: OUT,
    format: 'es',
    chunkFileNames: '[name]-[hash].js',
    manualChunks: (id, { getModuleInfo }) => ((core ??= coreModules(getModuleInfo)).has(id) ? 'core' : undefined),
  });
  await build.close();
  // A warning (a missing export, an import cycle, `this` at the top of a module) may change what runs: the build fails on it.
  if (problems.length > 0) throw new Error(`bundling dist/ warned:\n${problems.join('\n')}`);
}

await bundle();
