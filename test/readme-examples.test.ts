import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_DIR, runCli } from './helpers/cli.js';
import { useTempDir, writeTree } from './helpers/temp-dir.js';

const README = readFileSync(join(REPO_DIR, 'README.md'), 'utf8');

/** The fenced blocks of README.md in a language, with leading indentation (list items) removed. */
function blocks(language: string): string[] {
  const found: string[] = [];
  for (const match of README.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)) {
    if (match[2] !== language) continue;
    const indent = match[1]!.length;
    found.push(match[3]!.split('\n').map((line) => line.slice(indent)).join('\n'));
  }
  return found;
}

describe('README examples', () => {
  it('has YAML blocks to check', () => {
    expect(blocks('yaml').length).toBeGreaterThanOrEqual(2);
  });

  it('every YAML block parses', () => {
    for (const block of blocks('yaml')) expect(() => parse(block) as unknown).not.toThrow();
  });

  it('the custom rule example passes `airlock rules test --rules DIR` and finds its own example in a scan', () => {
    const ruleBlocks = blocks('yaml').filter((block) => /^rules:/m.test(block));
    expect(ruleBlocks).toHaveLength(1);
    const dir = useTempDir();
    writeTree(dir, { 'rules/acme.yml': ruleBlocks[0]!, 'project/config.txt': `${(parse(ruleBlocks[0]!) as { rules: { examples: string[] }[] }).rules[0]!.examples[0]}\n` });
    const tested = runCli(['rules', 'test', '--rules', join(dir, 'rules')]);
    expect(tested.stderr).toBe('');
    expect(tested.status).toBe(0);
    const scanned = runCli(['scan', '--rules', join(dir, 'rules'), '--format', 'json', join(dir, 'project')]);
    expect(scanned.status).toBe(1);
    expect((JSON.parse(scanned.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('acme-api-key');
  });

  it('links only to files that are in the repository', () => {
    for (const match of README.matchAll(/\]\(((?!https?:|#)[^)]+)\)/g)) {
      expect(() => readFileSync(join(REPO_DIR, match[1]!))).not.toThrow();
    }
    expect(README).not.toMatch(/\.\.\/shared\//);
  });
});
