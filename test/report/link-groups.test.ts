import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scanJson } from '../helpers/cli.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

describe('links that leave the folder, many in one folder (/etc/alternatives)', () => {
  it('are one group per folder in the text report, and each one in the JSON and the plan', () => {
    const base = useTempDir();
    const root = join(base, 'etc');
    writeTree(root, { 'hosts': '127.0.0.1 localhost\n', 'alternatives/README': 'links\n', 'one/keep.txt': 'x\n' });
    for (let i = 0; i < 8; i++) symlinkSync(`/usr/bin/tool-${i}`, join(root, 'alternatives', `tool-${i}`));
    symlinkSync('/usr/share/zoneinfo/UTC', join(root, 'one', 'localtime'));
    const text = runCli(['scan', '--fail-on', 'never', root]).stdout;
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('alternatives/ REVIEW symlink-escape 8 links');
    expect(flat).toContain('8 links here point outside the scanned folder (tool-0, tool-1, tool-2, …; every one is in the JSON output). Mounted into a container or VM, an absolute link resolves inside the sandbox');
    // A folder with few links lists each.
    expect(flat).toContain('one/localtime REVIEW symlink-escape whole file');
    expect(text.match(/tool-\d/g)?.length).toBe(3 + 8); // three named in the group, eight in the plan's left-out list
    const { report } = scanJson(['--fail-on', 'never', root]);
    expect(report.findings.filter((f) => f.ruleId === 'symlink-escape').map((f) => f.path).sort()).toEqual([...Array.from({ length: 8 }, (_, i) => `alternatives/tool-${i}`), 'one/localtime'].sort());
  });
});
