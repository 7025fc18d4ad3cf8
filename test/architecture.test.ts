import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The direction of imports (ARCHITECTURE.md): each module may import only the modules listed
 * for it. Nothing imports `cli`; the engine never imports I/O-bound layers.
 */
const ALLOWED: Record<string, string[]> = {
  model: [],
  engine: ['model'],
  rules: ['model', 'engine'],
  walk: ['model'],
  git: ['model'],
  verdict: ['model'],
  report: ['model'],
  mount: ['model', 'report'],
  stage: ['model', 'mount'],
  advice: ['model'],
  pipeline: ['model', 'engine', 'rules', 'walk', 'verdict', 'git', 'mount', 'advice'],
  audit: ['model', 'engine', 'pipeline', 'advice', 'verdict'],
  cli: ['model', 'pipeline', 'rules', 'report', 'git', 'mount', 'stage', 'tui', 'audit'],
  tui: ['model', 'pipeline', 'verdict', 'mount', 'report'],
};

/**
 * Modules a layer may import only with a dynamic `import()`, so a command that does not need
 * them never loads them: `cli` loads the TUI (React and ink) only when it opens it.
 */
const DYNAMIC_ONLY: Record<string, string[]> = { cli: ['tui'] };

/** npm packages only one module may import: React and ink belong to the TUI. */
const PACKAGE_OWNERS: Record<string, string> = { ink: 'tui', react: 'tui', 'react/jsx-runtime': 'tui' };

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

const moduleOf = (file: string) => relative(SRC, file).split('/')[0]!;

interface Import {
  specifier: string;
  isDynamic: boolean;
}

/** Every import of a source text: static (`import … from`, `export … from`, `import '…'`) and dynamic (`import('…')`). */
function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const m of text.matchAll(/\bimport\s*\(\s*'([^']+)'/g)) found.push({ specifier: m[1]!, isDynamic: true });
  for (const m of text.matchAll(/(?:\bfrom|^\s*import)\s+'([^']+)'/gm)) found.push({ specifier: m[1]!, isDynamic: false });
  return found;
}

/** The modules under src/ a file imports, and whether each import is dynamic. */
function internalImports(file: string): { module: string; isDynamic: boolean }[] {
  return importsOf(readFileSync(file, 'utf8'))
    .filter((i) => i.specifier.startsWith('.'))
    .map((i) => ({ module: moduleOf(join(file, '..', i.specifier)), isDynamic: i.isDynamic }));
}

function forbiddenImports(own: string, imports: { module: string; isDynamic: boolean }[] | string[]): string[] {
  const list = imports.map((i) => (typeof i === 'string' ? { module: i, isDynamic: false } : i));
  return list
    .filter(({ module, isDynamic }) => module !== own && (!(ALLOWED[own] ?? []).includes(module) || ((DYNAMIC_ONLY[own] ?? []).includes(module) && !isDynamic)))
    .map(({ module, isDynamic }) => (isDynamic ? `${module} (dynamic)` : module));
}

/** Packages a file imports that belong to another module. */
function misplacedPackages(own: string, text: string): string[] {
  return importsOf(text)
    .map((i) => i.specifier)
    .filter((s) => Object.hasOwn(PACKAGE_OWNERS, s) && PACKAGE_OWNERS[s] !== own);
}

describe('import direction', () => {
  const files = sourceFiles(SRC).filter((f) => moduleOf(f) !== 'bin.ts');

  it('knows every module under src/', () => {
    const modules = new Set(files.map(moduleOf));
    expect([...modules].sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it.each(files.map((f) => [relative(SRC, f), f] as const))('%s imports only what its layer allows', (_name, file) => {
    expect(forbiddenImports(moduleOf(file), internalImports(file))).toEqual([]);
  });

  it.each(files.map((f) => [relative(SRC, f), f] as const))('%s imports React and ink only inside tui', (_name, file) => {
    expect(misplacedPackages(moduleOf(file), readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('has JSX only in tui (a .tsx file compiles to an import of react/jsx-runtime)', () => {
    expect(files.filter((f) => f.endsWith('.tsx') && moduleOf(f) !== 'tui')).toEqual([]);
  });

  it('loads tui from cli, dynamically, from nowhere else', () => {
    const importers = files.filter((f) => internalImports(f).some((i) => i.module === 'tui') && moduleOf(f) !== 'tui');
    expect(importers.map((f) => relative(SRC, f))).toEqual(['cli/tui-command.ts']);
    expect(internalImports(importers[0]!).filter((i) => i.module === 'tui')).toEqual([{ module: 'tui', isDynamic: true }]);
  });

  it('catches a violation (the check can fail)', () => {
    expect(forbiddenImports('engine', ['model', 'pipeline', 'cli'])).toEqual(['pipeline', 'cli']);
    expect(forbiddenImports('model', ['engine'])).toEqual(['engine']);
    expect(forbiddenImports('cli', [{ module: 'tui', isDynamic: false }])).toEqual(['tui']);
    expect(forbiddenImports('cli', [{ module: 'tui', isDynamic: true }])).toEqual([]);
    expect(forbiddenImports('tui', [{ module: 'cli', isDynamic: true }])).toEqual(['cli (dynamic)']);
    expect(forbiddenImports('pipeline', [{ module: 'tui', isDynamic: true }])).toEqual(['tui (dynamic)']);
    expect(importsOf("import { a } from './a.js';\nimport type { B } from '../b.js';\nconst c = await import('../tui/index.js');")).toEqual([
      { specifier: '../tui/index.js', isDynamic: true },
      { specifier: './a.js', isDynamic: false },
      { specifier: '../b.js', isDynamic: false },
    ]);
    expect(misplacedPackages('cli', "import { render } from 'ink';")).toEqual(['ink']);
    expect(misplacedPackages('tui', "import { render } from 'ink';")).toEqual([]);
  });
});
