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
  pipeline: ['model', 'engine', 'rules', 'walk', 'verdict', 'git', 'mount'],
  cli: ['model', 'pipeline', 'rules', 'report', 'git', 'mount', 'stage'],
};

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const moduleOf = (file: string) => relative(SRC, file).split('/')[0]!;

function internalImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => moduleOf(join(file, '..', s)));
}

function forbiddenImports(own: string, targets: string[]): string[] {
  return targets.filter((target) => target !== own && !(ALLOWED[own] ?? []).includes(target));
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

  it('catches a violation (the check can fail)', () => {
    expect(forbiddenImports('engine', ['model', 'pipeline', 'cli'])).toEqual(['pipeline', 'cli']);
    expect(forbiddenImports('model', ['engine'])).toEqual(['engine']);
  });
});
