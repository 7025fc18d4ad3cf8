import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scanJson, type JsonReport } from '../helpers/cli.js';
import { breakLastDigit, breakMnemonic, fakeCard, fakeCustomers, fakeMnemonic } from '../helpers/fake-personal-data.js';
import { listFiles } from '../helpers/project-tree.js';
import { writeTree } from '../helpers/temp-dir.js';
import { writeDatabase, zipOf } from '../helpers/containers.js';

/**
 * A laptop-like folder with a data-science project and personal files, built here: the data
 * rules must find each kind of data once, leave the near misses alone, keep every finding out
 * of the mount plan and out of a staged copy, and mask what they print.
 */
const customers = fakeCustomers(25);
const cards = Array.from({ length: 10 }, () => fakeCard('4', 16));
const mnemonic = fakeMnemonic(12);
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

const FILES: Record<string, string | Uint8Array> = {
  'project/data/customers.csv': ['id,full_name,email,phone', ...customers.map((c, i) => `${i + 1},${c.name},${c.email},${c.phone}`)].join('\n') + '\n',
  'project/db/prod-2024-03-01.sql':
    '-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: db    Database: shop\n\n' +
    'LOCK TABLES `customers` WRITE;\nINSERT INTO `customers` VALUES ' +
    customers.slice(0, 5).map((c, i) => `(${i + 1},'${c.name}','${c.email}')`).join(',') + ';\nUNLOCK TABLES;\n',
  'project/board/memo-q1.md': '**CONFIDENTIAL — Board of Directors only**\n\n# Acquisition plan\n\nWe propose to acquire the company in May.\n',
  'project/finance/orders.txt': cards.map((card, i) => `order ${1000 + i}: ${card}`).join('\n') + '\n',
  'home/.bitcoin/wallet.dat': randomBytes(4096),
  'home/backup/eth-key.json': JSON.stringify({
    address: hex(20),
    crypto: { cipher: 'aes-128-ctr', ciphertext: hex(32), cipherparams: { iv: hex(16) }, kdf: 'scrypt', kdfparams: { dklen: 32, n: 262144, p: 1, r: 8, salt: hex(32) }, mac: hex(32) },
    id: randomUUID(),
    version: 3,
  }),
  'home/notes/wallet backup.txt': `${mnemonic}\n`,
  'home/.config/google-chrome/Default/Login Data': randomBytes(2048),
  'home/.config/google-chrome/Default/Network/Cookies': randomBytes(2048),
  'home/.config/google-chrome/Default/Web Data': randomBytes(2048),
  'home/.mozilla/firefox/a1b2c3d4.default-release/logins.json': '{"nextId":2,"logins":[{"id":1,"hostname":"https://mail.example","encryptedUsername":"MDoEEPgAAAAA","encryptedPassword":"MDoEEPgAAAAB"}]}',
  'home/.mozilla/firefox/a1b2c3d4.default-release/key4.db': randomBytes(2048),
  'home/.mozilla/firefox/a1b2c3d4.default-release/cookies.sqlite': randomBytes(2048),
  'home/Documents/Scans/Passport_2023.jpg': randomBytes(1024),
  'home/Documents/Steuern/Steuererklärung 2023.pdf': randomBytes(1024),
  // Near misses: none of these is a finding.
  'project/README.md': `# Shop\n\nQuestions? Write to ${customers[0]!.email}.\n`,
  'project/docs/security.md': '# Security\n\nWe treat your data as confidential and never share it with third parties.\n',
  'home/notes/ideas.txt': `${breakMnemonic(fakeMnemonic(12))}\n`,
  'project/data/products.csv': 'sku,name,price,category\nA-100,Desk lamp,39.90,lighting\nA-101,Office chair,149.00,furniture\n',
  'project/finance/refunds.txt': cards.slice(0, 9).join('\n') + '\n',
  'project/finance/invoices.txt': cards.map(breakLastDigit).join('\n') + '\n',
};

const EXPECTED = [
  ['bip39-seed-phrase-note', 'home/notes/wallet backup.txt'],
  ['browser-cookie-store', 'home/.config/google-chrome/Default/Network/Cookies'],
  ['browser-cookie-store', 'home/.mozilla/firefox/a1b2c3d4.default-release/cookies.sqlite'],
  ['browser-password-store', 'home/.config/google-chrome/Default/Login Data'],
  ['browser-password-store', 'home/.mozilla/firefox/a1b2c3d4.default-release/key4.db'],
  ['browser-password-store', 'home/.mozilla/firefox/a1b2c3d4.default-release/logins.json'],
  ['browser-web-data', 'home/.config/google-chrome/Default/Web Data'],
  ['classification-marking', 'project/board/memo-q1.md'],
  ['crypto-wallet-file', 'home/.bitcoin/wallet.dat'],
  ['ethereum-keystore-json', 'home/backup/eth-key.json'],
  ['identity-document-scan', 'home/Documents/Scans/Passport_2023.jpg'],
  ['personal-data-table', 'project/data/customers.csv'],
  ['personal-email-addresses', 'project/data/customers.csv'],
  ['personal-payment-cards', 'project/finance/orders.txt'],
  ['personal-phone-numbers', 'project/data/customers.csv'],
  ['sql-dump-with-data', 'project/db/prod-2024-03-01.sql'],
  ['tax-document', 'home/Documents/Steuern/Steuererklärung 2023.pdf'],
];

const pairs = (report: JsonReport) => report.findings.map((f) => [f.ruleId, f.path]).sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`));

describe('data rules on a folder of personal and proprietary data (built CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-data-'));
  const root = join(dir, 'laptop');
  let report: JsonReport;
  let status: number | null;
  let text = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    writeTree(root, FILES);
    ({ report, status } = scanJson([root, '--no-cache']));
    text = runCli(['scan', root, '--no-cache']).stdout;
  });

  it('finds each kind of data once, and nothing in the near misses', () => {
    expect(pairs(report)).toEqual(EXPECTED);
    expect(status).toBe(1); // wallets, seed phrases and browser stores block
  });

  it('personal and proprietary data need review; what spends money or logs in blocks', () => {
    const severity = Object.fromEntries(report.findings.map((f) => [f.ruleId, f.severity]));
    for (const id of ['personal-email-addresses', 'personal-payment-cards', 'personal-data-table', 'classification-marking', 'sql-dump-with-data', 'identity-document-scan', 'tax-document']) {
      expect(severity[id], id).toBe('review');
    }
    for (const id of ['bip39-seed-phrase-note', 'crypto-wallet-file', 'ethereum-keystore-json', 'browser-cookie-store', 'browser-web-data']) expect(severity[id], id).toBe('block');
  });

  it('reports volume once per file with the count of distinct values, masked', () => {
    const emails = report.findings.find((f) => f.ruleId === 'personal-email-addresses')!;
    expect(emails.message).toContain('25 distinct values in this file');
    expect(emails.line).toBe(2);
    const cardFinding = report.findings.find((f) => f.ruleId === 'personal-payment-cards')!;
    expect(cardFinding.message).toContain('10 distinct values in this file');
    for (const output of [JSON.stringify(report), text]) {
      for (const value of [...customers.map((c) => c.email), ...cards, mnemonic]) expect(output).not.toContain(value);
    }
  });

  it('the mount plan leaves every flagged file out, and `airlock stage` does not copy them', () => {
    const plan = runCli(['plan', root, '--target', 'json', '--no-cache']);
    expect(plan.status).toBe(0);
    for (const [, path] of EXPECTED) expect(plan.stderr).toContain(`${root}/${path}:`);
    const mounted = (JSON.parse(plan.stdout) as { mounts: { path: string }[] }).mounts.map((m) => m.path);
    for (const [, path] of EXPECTED) expect(mounted.some((m) => `${root}/${path}`.startsWith(m)), path).toBe(false);
    expect(mounted).toContain(`${root}/project/README.md`);
    const copy = join(dir, 'staged');
    const stage = runCli(['stage', root, '--to', copy, '--no-cache']);
    expect(stage.status, stage.stderr).toBe(0);
    const copied = listFiles(copy);
    for (const [, path] of EXPECTED) expect(copied).not.toContain(path);
    expect(copied).toContain('project/README.md');
    expect(copied).toContain('project/data/products.csv');
  });
});

describe('--config FILE: the data section', () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const root = join(dir, 'project');
  beforeAll(() =>
    writeTree(root, {
      'notes/kickoff.md': '# Kickoff\n\nProject Nightjar starts with Globex Corp in May.\nContact: jane.doe@acme-corp.com\n',
      'notes/unrelated.md': 'Nightjars are birds; globexcorp.io is another company; jane@acme-corp.com.evil.io is not ours.\n',
      'finance/refunds.txt': Array.from({ length: 9 }, () => fakeCard('53', 16)).join('\n') + '\n',
      'board/memo.md': 'CONFIDENTIAL\n\nNotes.\n',
    }),
  );
  const config = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('without it: the memo needs review, 9 cards are below the threshold, terms mean nothing', () => {
    const { report, status } = scanJson([root, '--no-cache']);
    expect(pairs(report)).toEqual([['classification-marking', 'board/memo.md']]);
    expect(status).toBe(0);
  });

  it('severity block, a lower threshold, the user\'s terms and mail domains', () => {
    const file = config('airlock.yml', 'data:\n  severity: block\n  min_personal_values: 9\n  terms: [Nightjar, "Globex Corp"]\n  email_domains: [acme-corp.com]\n');
    const { report, status } = scanJson([root, '--no-cache', '--config', file]);
    expect(pairs(report)).toEqual([
      ['classification-marking', 'board/memo.md'],
      ['config-company-email', 'notes/kickoff.md'],
      ['config-sensitive-term', 'notes/kickoff.md'],
      ['config-sensitive-term', 'notes/kickoff.md'],
      ['personal-payment-cards', 'finance/refunds.txt'],
    ]);
    expect(report.findings.every((f) => f.severity === 'block')).toBe(true);
    expect(status).toBe(1);
  });

  it.each([
    ['an unknown key', 'data:\n  severty: block\n', 'data.severty: unknown key'],
    ['a bad severity', 'data:\n  severity: high\n', 'data.severity: Invalid option: expected one of "review"|"block"'],
    ['a bad domain', 'data:\n  email_domains: ["acme corp"]\n', 'data.email_domains[0]: must be a domain name such as acme.com'],
    ['an unknown section', 'rulez: {}\n', 'rulez: unknown key'],
    ['not YAML', 'data: [unclosed\n', 'at line 2, column 1'],
  ])('a config with %s is exit 2 with one line naming the field', (_, text, expected) => {
    const file = config('bad.yml', text);
    const run = runCli(['scan', root, '--config', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^airlock: --config ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(lines[0]).toContain(expected);
  });
});

describe('data inside containers: Office files (zip) and SQLite databases', () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-office-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const root = join(dir, 'shared');
  const labelled = (name: string) => {
    const id = randomUUID();
    const property = (pid: number, key: string, value: string) =>
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${pid}" name="MSIP_Label_${id}_${key}"><vt:lpwstr>${value}</vt:lpwstr></property>`;
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${property(2, 'Enabled', 'true')}${property(3, 'SetDate', '2024-03-01T10:00:00Z')}${property(4, 'Name', name)}</Properties>`;
  };
  const word = (body: string) => `<w:document><w:body><w:p><w:r><w:t>${body}</w:t></w:r></w:p></w:body></w:document>`;
  let report: JsonReport;
  beforeAll(() => {
    const scratch = join(dir, 'scratch');
    const customers = fakeCustomers(12);
    writeTree(root, {
      'board/forecast.docx': zipOf(scratch, { '[Content_Types].xml': '<Types/>', 'word/document.xml': word('Forecast'), 'docProps/custom.xml': labelled('Confidential') }),
      'board/minutes.docx': zipOf(scratch, { '[Content_Types].xml': '<Types/>', 'word/document.xml': word('Minutes'), 'word/header1.xml': '<w:hdr><w:p><w:r><w:t>STRICTLY CONFIDENTIAL</w:t></w:r></w:p></w:hdr>' }),
      'crm/contacts.xlsx': zipOf(scratch, {
        '[Content_Types].xml': '<Types/>',
        'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<sst><si><t>Full Name</t></si><si><t>E-mail</t></si>${customers.map((c) => `<si><t>${c.name}</t></si><si><t>${c.email}</t></si>`).join('')}</sst>`,
      }),
      // Near misses: a General label, a confidential word in the body, a product sheet.
      'docs/handbook.docx': zipOf(scratch, { '[Content_Types].xml': '<Types/>', 'word/document.xml': word('Keep customer data confidential.'), 'docProps/custom.xml': labelled('General') }),
      'docs/prices.xlsx': zipOf(scratch, { '[Content_Types].xml': '<Types/>', 'xl/sharedStrings.xml': '<sst><si><t>SKU</t></si><si><t>Name</t></si><si><t>Price</t></si></sst>' }),
    });
    writeDatabase(join(root, 'app/app.sqlite3'), 'CREATE TABLE customers (id INTEGER, name TEXT, email TEXT)', { customers: customers.map((c, i) => [i, c.name, c.email]) });
    ({ report } = scanJson([root, '--no-cache']));
  });

  it('reads the label, the header, the sheet\'s header row and the table\'s addresses, and nothing in the near misses', () => {
    expect(pairs(report)).toEqual([
      ['database-file', 'app/app.sqlite3'],
      ['office-classification-marking', 'board/minutes.docx!word/header1.xml'],
      ['office-sensitivity-label', 'board/forecast.docx!docProps/custom.xml'],
      ['personal-data-table', 'crm/contacts.xlsx!xl/sharedStrings.xml'],
      ['personal-email-addresses', 'app/app.sqlite3!customers.email'],
      ['personal-email-addresses', 'crm/contacts.xlsx!xl/sharedStrings.xml'],
    ]);
    expect(report.findings.every((f) => f.severity === 'review')).toBe(true);
    expect(report.findings.find((f) => f.ruleId === 'office-sensitivity-label')!.message).toContain('sensitivity label');
  });
});
