import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scanJson, type JsonReport } from '../helpers/cli.js';
import { fakeOpenAiKey, tarOf, writeDatabase, zipBomb, zipOf } from '../helpers/containers.js';
import { fakeGithubToken, randomChars } from '../helpers/fake-secrets.js';
import { useRepo } from '../helpers/git-repo.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/**
 * Secrets inside containers, found through the built CLI: a tree made at run time with real
 * SQLite stores (node:sqlite), archives made by `zip` and `tar`, a binary with UTF-16 strings,
 * a zip bomb, an encrypted zip and broken archives.
 */
type Found = JsonReport['findings'][number] & { file?: string };

const tokens = {
  vscdb: fakeGithubToken(),
  cookie: fakeGithubToken(),
  webData: fakeOpenAiKey(),
  zipEnv: fakeGithubToken(),
  jar: fakeGithubToken(),
  docx: fakeOpenAiKey(),
  tgz: fakeGithubToken(),
  nested: fakeGithubToken(),
  utf16: fakeGithubToken(),
  asar: fakeGithubToken(),
};
const UTF16_AT = 5000;

function asar(files: Record<string, string>): Buffer {
  const tree: Record<string, { offset: string; size: number }> = {};
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    tree[name] = { offset: String(offset), size: Buffer.byteLength(text) };
    offset += Buffer.byteLength(text);
  }
  const json = Buffer.from(JSON.stringify({ files: tree }));
  const padded = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4)]);
  const header = Buffer.alloc(16);
  header.writeUInt32LE(4, 0);
  header.writeUInt32LE(padded.length + 8, 4);
  header.writeUInt32LE(padded.length + 4, 8);
  header.writeUInt32LE(json.length, 12);
  return Buffer.concat([header, padded, ...Object.values(files).map((text) => Buffer.from(text))]);
}

function buildTree(root: string, scratch: string): void {
  const profile = join(root, 'profile');
  writeDatabase(join(profile, 'User/globalStorage/state.vscdb'), 'CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)', {
    ItemTable: [
      ['workbench.panel', '{"visible":true}'],
      ['secret://{"extensionId":"github.auth"}', JSON.stringify({ accessToken: tokens.vscdb })],
    ],
  });
  // Chrome's stores: encrypted password blobs, timestamps above 2^53, WAL journal mode.
  writeDatabase(
    join(profile, 'Default/Cookies'),
    'CREATE TABLE cookies (creation_utc INTEGER, host_key TEXT, name TEXT, value TEXT, encrypted_value BLOB, expires_utc INTEGER)',
    { cookies: [[13_380_000_000_000_000n, '.example.dev', 'session', `gh=${tokens.cookie}`, randomBytes(40), 13_390_000_000_000_000n]] },
    { wal: true },
  );
  writeDatabase(join(profile, 'Default/Login Data'), 'CREATE TABLE logins (origin_url TEXT, username_value TEXT, password_value BLOB)', {
    logins: [['https://example.dev/', 'someone', Buffer.concat([Buffer.from('v10'), randomBytes(48)])]],
  });
  writeDatabase(join(profile, 'Default/Web Data'), 'CREATE TABLE autofill (name TEXT, value TEXT, count INTEGER)', {
    autofill: [['email', 'someone@example.dev', 3], ['note', 'x', 1], ['api', tokens.webData, 1]],
  });
  const inner = zipOf(scratch, { 'deep/secret.txt': `first\ntoken = ${tokens.nested}\n` });
  const ok = zipOf(scratch, { 'config/.env': `GITHUB_TOKEN=${tokens.zipEnv}\n`, 'README.md': '# app\n', 'home/.aws/credentials': '[default]\n' });
  writeTree(root, {
    'pkg/app.zip': ok,
    'pkg/lib.jar': zipOf(scratch, { 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n', 'app.properties': `a=1\nb=2\ngithub.token=${tokens.jar}\n` }),
    'docs/report.docx': zipOf(scratch, { '[Content_Types].xml': '<Types/>', 'word/document.xml': `<w:document><w:t>key ${tokens.docx}</w:t></w:document>` }),
    'pkg/bundle.tgz': tarOf(scratch, 'z', { 'package/package.json': '{"name":"x"}\n', 'package/settings.json': `{\n  "token": "${tokens.tgz}"\n}\n` }),
    'pkg/nested.zip': zipOf(scratch, { 'inner.zip': inner }),
    'pkg/app.asar': asar({ 'main.js': 'console.log(1)\n', 'config.json': `{"t":"${tokens.asar}"}` }),
    'bin/tool.exe': Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), randomBytes(UTF16_AT - 6), Buffer.from(tokens.utf16, 'utf16le'), randomBytes(64)]),
    // An image's pixels are not read (a chunk of text in it would need a PNG reader, not strings).
    'photos/pic.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from(`IHDR tEXt ${fakeGithubToken()}`)]),
    'bad/bomb.zip': zipBomb('zeros.bin', 20 * 1024 * 1024),
    'bad/locked.zip': zipOf(scratch, { 'secret.txt': `t=${fakeGithubToken()}\n` }, ['-P', randomChars(12)]),
    'bad/truncated.zip': ok.subarray(0, ok.length - 40),
    'bad/truncated.tgz': gzipSync(randomBytes(20_000)).subarray(0, 5_000),
    'bad/data.tar.xz': tarOf(scratch, 'J', { 'x.txt': 'hello\n' }),
  });
}

describe('secrets inside containers (built CLI)', () => {
  let base: string;
  let root: string;
  let report: JsonReport & { stats: { inside?: Record<string, number> } };
  const at = (path: string) => report.findings.flatMap((f) => [f, ...(f.locations ?? [])]).find((f) => f.path === path) as Found | undefined;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'airlock-containers-'));
    root = join(base, 'root');
    buildTree(root, join(base, 'scratch'));
    report = scanJson(['--no-cache', '--fail-on', 'never', root]).report;
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('reads SQLite stores cell by cell: the table and column in the path, the row as the line', () => {
    expect(at('profile/User/globalStorage/state.vscdb!ItemTable.value')).toMatchObject({ ruleId: 'github-pat', line: 2, file: 'profile/User/globalStorage/state.vscdb' });
    expect(at('profile/Default/Cookies!cookies.value')).toMatchObject({ ruleId: 'github-pat', line: 1, column: 4, file: 'profile/Default/Cookies' });
    expect(at('profile/Default/Web Data!autofill.value')).toMatchObject({ ruleId: 'openai-api-key', line: 3 });
    // Encrypted password blobs hold nothing readable (the file is flagged by its path alone).
    expect(report.findings.filter((f) => f.path.startsWith('profile/Default/Login Data!'))).toEqual([]);
  });

  it('opens the zip family, tar.gz and asar, and zips inside zips: archive!entry, line and column inside the entry', () => {
    expect(at('pkg/app.zip!config/.env')).toMatchObject({ line: 1, column: 14, file: 'pkg/app.zip' });
    expect(at('pkg/lib.jar!app.properties')).toMatchObject({ ruleId: 'github-pat', line: 3 });
    expect(at('docs/report.docx!word/document.xml')).toMatchObject({ ruleId: 'openai-api-key', line: 1 });
    expect(at('pkg/bundle.tgz!package/settings.json')).toMatchObject({ ruleId: 'github-pat', line: 2, column: 13 });
    expect(at('pkg/nested.zip!inner.zip!deep/secret.txt')).toMatchObject({ ruleId: 'github-pat', line: 2, file: 'pkg/nested.zip' });
    expect(at('pkg/app.asar!config.json')).toMatchObject({ ruleId: 'github-pat', line: 1 });
    // Path rules see the entry's own path: AWS's credentials file inside an archive is that file.
    expect(at('pkg/app.zip!home/.aws/credentials')).toMatchObject({ ruleId: 'aws-credentials-file', file: 'pkg/app.zip' });
  });

  it('reads UTF-16 strings inside a binary, located by byte offset', () => {
    expect(at(`bin/tool.exe@0x${UTF16_AT.toString(16)}`)).toMatchObject({ ruleId: 'github-pat', file: 'bin/tool.exe' });
    expect(at(`bin/tool.exe@0x${UTF16_AT.toString(16)}`)?.line).toBeUndefined();
  });

  it('lists the bomb, the encrypted, the broken and the unreadable archives as skipped, so the scan is incomplete', () => {
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    expect(skipped).toEqual({
      'bad/bomb.zip': 'archive-limit',
      'bad/locked.zip': 'encrypted',
      'bad/truncated.zip': 'corrupt',
      'bad/truncated.tgz': 'corrupt',
      'bad/data.tar.xz': 'unsupported-format',
    });
    expect(report.complete).toBe(false);
    expect(report.verdict).toBe('no-go');
  });

  it('counts what it read inside files, and the media it did not read', () => {
    expect(report.stats.inside).toMatchObject({ databases: 4, media: 1 });
    // app, lib, docx, tgz, nested + inner, asar, truncated.zip, truncated.tgz (opened, then broken), bomb, locked.
    expect(report.stats.inside!.archives).toBe(11);
    expect(report.stats.inside!.binaries).toBeGreaterThanOrEqual(1);
  });

  it('leaves every file with a finding inside, or not wholly read, out of the mount plan', () => {
    const plan = (report as unknown as { plan: { excluded: { path: string }[] } }).plan;
    const out = plan.excluded.map((e) => e.path.slice(root.length + 1)).sort();
    for (const file of ['pkg/app.zip', 'pkg/nested.zip', 'profile/Default/Cookies', 'bin/tool.exe', 'bad/bomb.zip', 'bad/locked.zip', 'bad/data.tar.xz']) {
      expect(out).toContain(file);
    }
    expect(out).not.toContain('photos/pic.png');
  });

  it('gives the same findings, skips and counts from the cache on a rescan', () => {
    const old = new Date(Date.now() - 60_000);
    const cacheEnv = { env: { AIRLOCK_CACHE_DIR: join(base, 'cache') } };
    for (const path of ['pkg/app.zip', 'bin/tool.exe', 'profile/Default/Cookies', 'bad/bomb.zip', 'photos/pic.png']) utimesSync(join(root, path), old, old);
    const cold = scanJson(['--fail-on', 'never', root], cacheEnv).report;
    const warm = scanJson(['--fail-on', 'never', root], cacheEnv).report;
    const strip = (r: JsonReport) => ({ findings: r.findings, skipped: [...r.skipped].sort((a, b) => a.path.localeCompare(b.path)), inside: (r.stats as { inside?: unknown }).inside });
    expect(strip(warm)).toEqual(strip(cold));
    expect(strip(cold).findings).toEqual(report.findings);
  });
});

describe('containers in git history (built CLI)', () => {
  it('opens an archive and a database committed once and deleted since, and names the commit', () => {
    const repo = useRepo();
    const scratch = useTempDir('airlock-containers-');
    const zipToken = fakeGithubToken();
    const dbToken = fakeGithubToken();
    writeDatabase(join(scratch, 'app.db'), 'CREATE TABLE settings (k TEXT, v TEXT)', { settings: [['gh', dbToken]] });
    repo.write('release/app.zip', zipOf(scratch, { 'conf/app.ini': `[auth]\ntoken = ${zipToken}\n` }));
    repo.write('data/app.db', readFileSync(join(scratch, 'app.db')));
    const added = repo.commit('add release and data');
    repo.git('rm', '-q', 'release/app.zip', 'data/app.db');
    repo.commit('remove them');
    const { report } = scanJson(['--no-cache', '--fail-on', 'never', repo.dir]);
    // The credentials inside; the database file itself is also a data store to review (database-file).
    const history = report.findings.filter((f) => f.source === 'git-history' && f.category !== 'data-dump') as Found[];
    expect(report.findings.filter((f) => f.source === 'git-history' && f.category === 'data-dump').map((f) => [f.ruleId, f.path])).toEqual([['database-file', 'data/app.db']]);
    expect(history.map((f) => [f.path, f.file, f.line, (f as { commit?: string }).commit]).sort()).toEqual([
      ['data/app.db!settings.v', 'data/app.db', 1, added],
      ['release/app.zip!conf/app.ini', 'release/app.zip', 2, added],
    ]);
  });
});

describe('containers staged for a commit (built CLI)', () => {
  it('opens a staged archive, and lists an encrypted one as not scanned', () => {
    const repo = useRepo();
    const scratch = useTempDir('airlock-containers-');
    repo.write('dist/bundle.zip', zipOf(scratch, { 'config.json': `{"token":"${fakeGithubToken()}"}` }));
    repo.write('dist/locked.zip', zipOf(scratch, { 'notes.txt': 'hello\n' }, ['-P', randomChars(12)]));
    repo.git('add', '-A');
    const { status, report } = scanJson(['--staged'], { cwd: repo.dir });
    expect(status).toBe(1);
    expect(report.findings.map((f) => [f.path, f.source])).toEqual([['dist/bundle.zip!config.json', 'staged']]);
    expect(report.skipped.map((s) => [s.path, s.reason])).toEqual([['dist/locked.zip', 'encrypted']]);
    expect(report.complete).toBe(false);
  });
});

/** Loaded with `node --import`: node:sqlite as Node 22 has it, without `deserialize`. */
const WITHOUT_DESERIALIZE = `const sqlite = process.getBuiltinModule('node:sqlite');
Object.defineProperty(sqlite.DatabaseSync.prototype, 'deserialize', { value: undefined });
`;

describe('SQLite without deserialize (Node 22), built CLI', () => {
  it('reads a walked database from disk, immutable and read-only, writing nothing beside it; one inside an archive is listed as not read', () => {
    const base = useTempDir('airlock-containers-');
    const root = join(base, 'root');
    const preload = join(base, 'no-deserialize.mjs');
    writeFileSync(preload, WITHOUT_DESERIALIZE);
    writeDatabase(join(root, 'User/state.vscdb'), 'CREATE TABLE ItemTable (key TEXT, value BLOB)', { ItemTable: [['auth', fakeGithubToken()]] }, { wal: true });
    writeDatabase(join(base, 'inner.db'), 'CREATE TABLE t (v TEXT)', { t: [[fakeGithubToken()]] });
    writeTree(root, { 'backup.zip': zipOf(join(base, 'scratch'), { 'inner.db': readFileSync(join(base, 'inner.db')) }) });
    const before = readdirSync(root, { recursive: true }).sort();
    const { report } = scanJson(['--no-cache', '--fail-on', 'never', root], { nodeArgs: ['--import', pathToFileURL(preload).href] });
    expect(report.findings.filter((f) => f.ruleId === 'github-pat').map((f) => [f.path, f.line])).toEqual([['User/state.vscdb!ItemTable.value', 1]]);
    expect(report.skipped.map((s) => [s.path, s.reason, (s as { file?: string }).file])).toEqual([['backup.zip!inner.db', 'unsupported-format', 'backup.zip']]);
    expect(readdirSync(root, { recursive: true }).sort()).toEqual(before);
  });
});

describe('hostile names inside archives (built CLI)', () => {
  it('prints an entry name holding terminal escapes as visible escapes, never raw', () => {
    const base = useTempDir('airlock-containers-');
    const name = 'evil\x1b]0;owned\x07\x1b[2J.env';
    writeTree(base, { 'root/pkg.zip': zipOf(join(base, 'scratch'), { [name]: `TOKEN=${fakeGithubToken()}\n` }) });
    const run = runCli(['scan', '--no-cache', '--fail-on', 'never', join(base, 'root')]);
    expect(run.stdout).toContain('pkg.zip!evil');
    expect(run.stdout).not.toContain('\x1b');
    expect(run.stdout).not.toContain('\x07');
  });
});
