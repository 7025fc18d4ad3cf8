import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { containerLimits, scanInside, startInsideScan, type ContainerLimits } from '../../src/engine/containers/index.js';
import type { RuleSet } from '../../src/engine/rule-set.js';
import { rulesForPath } from '../../src/engine/scan-file.js';
import { createRuleSet } from '../../src/engine/rule-set.js';
import { databaseReader } from '../../src/pipeline/read-database.js';
import { compileRules } from '../../src/rules/compile.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { tarOf, zipOf } from '../helpers/containers.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** The container readers on edge cases, through the engine's own entry point (no CLI: fast). */
let ruleSet: RuleSet | undefined;
async function rules(): Promise<RuleSet> {
  if (ruleSet) return ruleSet;
  const definitions = await loadRules([BUILTIN_RULES_DIR]);
  if (!definitions.ok) throw new Error(definitions.errors.join('\n'));
  const compiled = compileRules(definitions.value);
  if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
  return (ruleSet = createRuleSet(compiled.value, { useSecretlint: false }));
}

async function inside(path: string, bytes: Uint8Array, limits: Partial<ContainerLimits> = {}) {
  const set = await rules();
  const scan = startInsideScan(set, { showSecrets: false }, { ...containerLimits(10 * 1024 * 1024), ...limits }, databaseReader());
  const findings = await scanInside(scan, path, bytes, 0, rulesForPath(set, path));
  return { paths: findings.map((f) => f.path), findings, skips: scan.skips, tally: scan.tally };
}

const hasZstd = spawnSync('zstd', ['--version']).status === 0;

describe('container readers', () => {
  it('reads a zip64 archive (zip -fz) and a CRX (a header before the zip)', async () => {
    const scratch = useTempDir('airlock-readers-');
    const zip64 = zipOf(scratch, { 'a/b.txt': `t=${fakeGithubToken()}\n` }, ['-fz']);
    expect((await inside('x.zip', zip64)).paths).toEqual(['x.zip!a/b.txt']);
    const zip = zipOf(scratch, { 'manifest.json': `{"k":"${fakeGithubToken()}"}` });
    const header = Buffer.concat([Buffer.from('Cr24'), Buffer.from([3, 0, 0, 0, 16, 0, 0, 0]), randomBytes(16)]);
    expect((await inside('ext.crx', Buffer.concat([header, zip]))).paths).toEqual(['ext.crx!manifest.json']);
  });

  it('calls an entry that inflates past its declared size corrupt, not a hang', async () => {
    const scratch = useTempDir('airlock-readers-');
    const zip = zipOf(scratch, { 'big.txt': 'a'.repeat(100_000) });
    // Lower the declared size in both headers: inflating must stop one byte past it.
    const at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, at + 24);
    zip.writeUInt32LE(10, 22);
    const { skips } = await inside('lie.zip', zip);
    expect(skips).toEqual([expect.objectContaining({ path: 'lie.zip', reason: 'corrupt', detail: expect.stringContaining('expands past its declared 10 bytes') })]);
  });

  it('opens archives two levels deep and lists a third as archive-limit', async () => {
    const scratch = useTempDir('airlock-readers-');
    const level3 = zipOf(scratch, { 'deep.txt': `t=${fakeGithubToken()}\n` });
    const level2 = zipOf(scratch, { 'c.zip': level3, 'here.txt': `t=${fakeGithubToken()}\n` });
    const level1 = zipOf(scratch, { 'b.zip': level2 });
    const { paths, skips } = await inside('a.zip', level1);
    expect(paths).toEqual(['a.zip!b.zip!here.txt']);
    expect(skips).toEqual([expect.objectContaining({ path: 'a.zip!b.zip!c.zip', reason: 'archive-limit' })]);
  });

  it('stops at the entry limit, and counts what it read before', async () => {
    const scratch = useTempDir('airlock-readers-');
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${String(i).padStart(2, '0')}.txt`, `${i}\n`]));
    const { skips, tally } = await inside('many.zip', zipOf(scratch, files), { maxEntries: 5 });
    expect(skips).toEqual([expect.objectContaining({ reason: 'archive-limit', detail: expect.stringContaining('more than 5 entries') })]);
    expect(tally.entries).toBe(5);
  });

  it('reads long names in a tar (GNU tar writes them as extra headers), and a tar.zst', async () => {
    const scratch = useTempDir('airlock-readers-');
    const long = `${'d'.repeat(120)}/${'n'.repeat(80)}.env`;
    const pax = tarOf(scratch, '', { [long]: `TOKEN=${fakeGithubToken()}\n` });
    expect((await inside('x.tar', pax)).paths).toContain(`x.tar!${long}`);
    if (!hasZstd) return;
    const zst = tarOf(scratch, '', { 'pkg/config.json': `{"t":"${fakeGithubToken()}"}` });
    const compressed = spawnSync('zstd', ['-q', '-c'], { input: zst }).stdout;
    expect((await inside('x.tar.zst', compressed)).paths).toEqual(['x.tar.zst!pkg/config.json']);
  });

  it('counts media by their first bytes, and reads a binary that only starts like a font', async () => {
    const png = await inside('pic.png', Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d', 'hex'), Buffer.from(`IHDR t=${fakeGithubToken()}`)]));
    expect([png.paths, png.tally.media]).toEqual([[], 1]);
    const notFont = await inside('data.bin', Buffer.concat([Buffer.from([0, 1, 0, 0, 0, 0xff, 0xfe]), randomBytes(64), Buffer.from(`\0t=${fakeGithubToken()}\0`)]));
    expect([notFont.paths.length, notFont.tally.binaries, notFont.tally.media]).toEqual([1, 1, 0]);
  });

  it('reads a gzip that is not a tar as one entry named without .gz', async () => {
    const { gzipSync } = await import('node:zlib');
    const { paths } = await inside('dump.sql.gz', gzipSync(`INSERT INTO t VALUES ('${fakeGithubToken()}');\n`));
    expect(paths).toEqual(['dump.sql.gz!dump.sql']);
  });

  it('reads a blob cell as text when it is text (UTF-16 here), else as printable strings: the row as line, the byte in the blob as column', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE blobs (id INTEGER, data BLOB)');
    const token = fakeGithubToken();
    db.prepare('INSERT INTO blobs VALUES (?, ?)').run(1, Buffer.from([0, 1, 2, 3]));
    db.prepare('INSERT INTO blobs VALUES (?, ?)').run(2, Buffer.concat([Buffer.alloc(8), Buffer.from(token, 'utf16le'), Buffer.from([0, 9])]));
    db.prepare('INSERT INTO blobs VALUES (?, ?)').run(3, Buffer.from(`{"t":"${token}"}`, 'utf16le'));
    const bytes = Buffer.from((db as unknown as { serialize: () => Uint8Array }).serialize());
    db.close();
    const { findings } = await inside('app.db', bytes);
    // Row 2 is binary (its token is a UTF-16 run at byte 8); row 3 is UTF-16 text (the token is character 7).
    expect(findings.map((f) => [f.path, f.line, f.column])).toEqual([['app.db!blobs.data', 2, 9], ['app.db!blobs.data', 3, 7]]);
  });

  it('calls a database with a broken page corrupt, and one past the row limit archive-limit', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (v TEXT)');
    for (let i = 0; i < 50; i++) db.prepare('INSERT INTO t VALUES (?)').run(`row ${i} ${'x'.repeat(200)}`);
    const bytes = Buffer.from((db as unknown as { serialize: () => Uint8Array }).serialize());
    db.close();
    expect((await inside('ok.db', bytes, { maxRows: 10 })).skips).toEqual([expect.objectContaining({ reason: 'archive-limit' })]);
    const broken = Buffer.from(bytes);
    broken.fill(0xff, 4096, 8192);
    expect((await inside('bad.db', broken)).skips).toEqual([expect.objectContaining({ reason: 'corrupt' })]);
  });
});
