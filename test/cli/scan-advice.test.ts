import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scanJson } from '../helpers/cli.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

describe('scan gives advice on the folder\'s container builds', () => {
  it('a Dockerfile installing with a token build arg: advice in json, text and markdown, no change to the verdict', () => {
    const root = join(useTempDir(), 'app');
    writeTree(root, {
      'Dockerfile': 'FROM node:22\nARG NPM_TOKEN\nCOPY . .\nRUN npm ci\n',
      'deploy/compose.yml': 'services:\n  api:\n    build:\n      context: ..\n      args:\n        GITHUB_TOKEN: ${GITHUB_TOKEN}\n',
      'src/index.js': 'console.log(1);\n',
    });
    const { status, report } = scanJson([root]);
    expect(status).toBe(0);
    expect(report.verdict).toBe('go');
    const advice = (report as unknown as { advice: { topic: string; path: string; line?: number }[] }).advice;
    expect(advice.map((a) => `${a.topic} ${a.path}${a.line ? `:${a.line}` : ''}`)).toEqual(['container-build-secrets Dockerfile:4', 'container-build-secrets deploy/compose.yml']);
    const text = runCli(['scan', root]).stdout;
    expect(text).toMatch(/Advice \(2; never part of the verdict/);
    const markdown = runCli(['scan', '--format', 'markdown', root]).stdout;
    expect(markdown).toMatch(/^# airlock scan: GO\n/);
    expect(markdown).toContain('### Dependency installs that run with secrets in a container build');
    expect(markdown).toContain("- `Dockerfile` line 4: `npm ci` runs with NPM\\_TOKEN");
  });

  it('no advice key in json when there is none (the contract is unchanged)', () => {
    const root = join(useTempDir(), 'plain');
    writeTree(root, { 'Dockerfile': 'FROM node:22\nRUN npm ci\n' });
    expect(Object.keys(scanJson([root]).report)).not.toContain('advice');
  });
});
