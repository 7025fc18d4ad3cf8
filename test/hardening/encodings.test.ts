import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanJson } from '../helpers/cli.js';
import { fakeGithubToken, fakeTestToken } from '../helpers/fake-secrets.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';
import { SNIFF_FIRST_BYTES } from '../../src/pipeline/read-file.js';

/**
 * Files in every encoding a folder is likely to hold, and bytes no encoding allows: each is
 * scanned without a crash, and a secret in UTF-16 (either byte order, with or without a BOM)
 * is found where it is, by our rules and by secretlint's.
 */
const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const BOM = { utf8: Buffer.from([0xef, 0xbb, 0xbf]), le: Buffer.from([0xff, 0xfe]), be: Buffer.from([0xfe, 0xff]) };

describe('encodings: every file scans without a crash, and UTF-16 secrets are found', () => {
  it('finds the secret on line 2, column 8, whatever the encoding', () => {
    const base = useTempDir('airlock-enc-');
    const root = join(base, 'root');
    const token = fakeTestToken();
    // Non-ASCII before the secret on purpose: U+0100 and U+4E00 put a zero byte on the "wrong" side in UTF-16.
    const text = `Ā 一 配置 é ✓ \u{1F511}\ntoken: ${token}\nend\n`;
    const files: Record<string, Uint8Array> = {
      'utf8.txt': Buffer.from(text),
      'utf8-bom.txt': Buffer.concat([BOM.utf8, Buffer.from(text)]),
      'utf16le-bom.txt': Buffer.concat([BOM.le, utf16le(text)]),
      'utf16be-bom.txt': Buffer.concat([BOM.be, utf16be(text)]),
      'utf16le.txt': utf16le(text),
      'utf16be.txt': utf16be(text),
      // Latin-1: é and ü as single bytes, invalid in UTF-8; they become U+FFFD, one character each.
      'latin1.txt': Buffer.from(`caf\xe9 \xfcber \xa9 \xb5\ntoken: ${token}\nend\n`, 'latin1'),
      'windows-1252.txt': Buffer.from(`\x93quoted\x94 \x80 \x85\ntoken: ${token}\r\nend\r\n`, 'latin1'),
    };
    writeTree(root, files);
    const { status, report } = scanJson(['--rules', writeTestRules(base), root]);
    expect(status).toBe(1);
    expect(report.complete).toBe(true);
    expect(report.stats.files).toBe(Object.keys(files).length);
    // One secret planted in every file: one finding, the other files in its `locations`.
    expect(report.findings.flatMap((f) => [f, ...(f.locations ?? [])]).map((f) => [f.path, f.ruleId, f.line, f.column]).sort()).toEqual(Object.keys(files).map((path) => [path, 'fake-token', 2, 8]).sort());
  });

  it("finds a GitHub token in UTF-16 with secretlint's rule too (it reads decoded text)", () => {
    const base = useTempDir('airlock-enc-');
    const root = join(base, 'root');
    const token = fakeGithubToken();
    writeTree(root, { 'le.txt': Buffer.concat([BOM.le, utf16le(`gh auth: ${token}\n`)]), 'be.txt': utf16be(`gh auth: ${token}\n`) });
    const { report } = scanJson([root]);
    expect(report.findings.flatMap((f) => [f, ...(f.locations ?? [])]).map((f) => [f.path, f.line, f.column]).sort()).toEqual([
      ['be.txt', 1, 10],
      ['le.txt', 1, 10],
    ]);
    expect(report.findings.every((f) => f.severity === 'block' && /^(github-|secretlint\/github)/.test(f.ruleId))).toBe(true);
  });

  it('reads a large binary file as printable strings, reads large UTF-16 text (zeros throughout) whole, and counts both in full', () => {
    const base = useTempDir('airlock-enc-');
    const root = join(base, 'root');
    const token = fakeTestToken();
    const secretAt = (head: Buffer, size: number) => Buffer.concat([head, Buffer.alloc(size - head.length, 'x'), Buffer.from(`\ntoken: ${token}\n`)]);
    const files = {
      // A NUL in the first bytes: binary, like a wasm; its printable strings are matched, located by byte offset.
      'module.wasm': secretAt(Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), SNIFF_FIRST_BYTES * 2),
      // Zeros in every other byte, but text: decoded whole, the secret at the end found.
      'notes-utf16.txt': Buffer.concat([BOM.le, utf16le(`${'y'.repeat(SNIFF_FIRST_BYTES)}\ntoken: ${token}\n`)]),
      // Large text without zeros: read whole, as always.
      'bundle.js': secretAt(Buffer.from('// bundle\n'), SNIFF_FIRST_BYTES * 2),
    };
    writeTree(root, files);
    const { report } = scanJson(['--rules', writeTestRules(base), root]);
    const places = report.findings.flatMap((f) => [f, ...(f.locations ?? [])]).map((f) => f.path).sort();
    const offset = SNIFF_FIRST_BYTES * 2 + 1 + 'token: '.length;
    expect(places).toEqual(['bundle.js', `module.wasm@0x${offset.toString(16)}`, 'notes-utf16.txt']);
    expect(report.stats.bytes).toBe(Object.values(files).reduce((sum, bytes) => sum + bytes.length, 0));
    expect(report.skipped).toEqual([]);
  });

  it('scans invalid and truncated byte sequences without a crash, and still finds what is valid around them', () => {
    const base = useTempDir('airlock-enc-');
    const root = join(base, 'root');
    const token = fakeTestToken();
    const line = Buffer.from(`\ntoken: ${token}\n`);
    const bad: Record<string, number[]> = {
      'lone-continuation.txt': [0x80, 0xbf, 0x80],
      'overlong-slash.txt': [0xc0, 0xaf, 0xe0, 0x80, 0xaf],
      'utf8-surrogate.txt': [0xed, 0xa0, 0x80, 0xed, 0xbf, 0xbf],
      'past-unicode.txt': [0xf4, 0x90, 0x80, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80],
      'truncated-at-end.txt': [0xe2, 0x82],
      'ff-fe-bytes.txt': [0x41, 0xff, 0xfe, 0x42],
    };
    const files: Record<string, Uint8Array> = {};
    for (const [name, bytes] of Object.entries(bad)) files[name] = name === 'truncated-at-end.txt' ? Buffer.concat([line, Buffer.from(bytes)]) : Buffer.concat([Buffer.from(bytes), line]);
    // UTF-16 that ends halfway through a character, or holds a lone surrogate.
    files['utf16-odd-length.txt'] = Buffer.concat([BOM.le, utf16le(`x\ntoken: ${token}\n`), Buffer.from([0x41])]);
    files['utf16-lone-surrogate.txt'] = Buffer.concat([BOM.be, utf16be('\ud800x\ntoken: ' + token + '\n')]);
    files['bom-only.txt'] = BOM.le;
    files['empty.txt'] = Buffer.alloc(0);
    writeTree(root, files);
    const { status, report, stderr } = scanJson(['--rules', writeTestRules(base), root]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(report.complete).toBe(true);
    expect(report.skipped).toEqual([]);
    const found = new Set(report.findings.flatMap((f) => [f, ...(f.locations ?? [])]).map((f) => f.path));
    expect([...found].sort()).toEqual(Object.keys(files).filter((name) => !['bom-only.txt', 'empty.txt'].includes(name)).sort());
  });
});
