import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanJson } from '../helpers/cli.js';
import { fakeHash } from '../helpers/fake-hashes.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/**
 * Password hashes through the built CLI: every line of a shadow file, an .htpasswd, a pwdump
 * and a hashcat-style hash list blocks; the same formats elsewhere are for review; near misses
 * (a `$2b$` string too short, a lockfile's SHA-256, locked shadow entries) give nothing.
 */
describe('password hashes, through the CLI', () => {
  it('blocks in credential files, reviews elsewhere, and reports each hash once', () => {
    const root = join(useTempDir('airlock-hashes-'), 'root');
    const emptyLm = 'aad3b435b51404eeaad3b435b51404ee';
    const seedHash = fakeHash.bcrypt();
    writeTree(root, {
      'backup/etc/shadow': [
        `root:${fakeHash.sha512crypt()}:19800:0:99999:7:::`,
        'daemon:*:19800:0:99999:7:::',
        `ops:${fakeHash.yescrypt()}:19801:0:99999:7:::`,
        'locked:!:19802:0:99999:7:::',
        `ci:${fakeHash.sha256crypt()}:19803:0:99999:7:::`,
        '',
      ].join('\n'),
      'site/.htpasswd': `ops:${fakeHash.apr1()}\nci:${fakeHash.sha()}\nweb:${fakeHash.bcrypt()}\n`,
      'loot/pwdump.txt': [
        `ACME\\svc_sql:1105:${emptyLm}:${fakeHash.ntlm()}:::`,
        `Administrator:500:${fakeHash.ntlm()}:${fakeHash.ntlm()}:::`,
        `Guest:501:${emptyLm}:31d6cfe0d16ae931b73c59d7e0c089c0:::`,
        '',
      ].join('\n'),
      'cracking/hashes.txt': `${fakeHash.asrep('svc_backup')}\n${fakeHash.tgs('sql_svc', 'MSSQLSvc/db01.corp.acme.io:1433')}\n${fakeHash.ntlm()}\n${fakeHash.md5crypt()}\n`,
      'db/seeds.sql': `-- users\nINSERT INTO users (email, password_digest) VALUES ('ops@acme.io', '${seedHash}');\n`,
      'fixtures/users.json': `{"email": "ops@acme.io", "password": "${fakeHash.argon2id()}"}\n`,
      'src/auth.py': `# bcrypt strings start like "$2b$12$" and go on for 53 characters\nPREFIX = "$2b$12$${fakeHash.bcrypt().slice(7, 40)}"\n`,
      'Cargo.lock': `[[package]]\nname = "serde"\nchecksum = "${'0123456789abcdef'.repeat(4)}"\n`,
      'hash_utils.txt': `sha256: ${'fedcba9876543210'.repeat(4)}\n`,
    });
    const { report } = scanJson(['--fail-on', 'never', root]);
    const found = report.findings
      .flatMap((f) => [f, ...(f.locations ?? []).map((l) => ({ ...f, ...l }))])
      .map((f) => [f.path, f.line ?? 0, f.ruleId, f.severity])
      .sort();
    const block = (path: string, ...lines: number[]) => lines.map((line) => [path, line, 'password-hash-in-credential-file', 'block']);
    expect(found).toEqual(
      [
        ...block('backup/etc/shadow', 1, 3, 5),
        ...block('site/.htpasswd', 1, 2, 3),
        ['site/.htpasswd', 0, 'htpasswd-file', 'review'],
        ...block('loot/pwdump.txt', 1, 2),
        ...block('cracking/hashes.txt', 1, 2, 3, 4),
        ['db/seeds.sql', 2, 'bcrypt-hash', 'review'],
        ['fixtures/users.json', 1, 'argon2-hash', 'review'],
      ].sort(),
    );
    expect(report.verdict).toBe('no-go');
    // The hash itself is the secret, masked; the context rules let it through as no password.
    const seed = report.findings.find((f) => f.path === 'db/seeds.sql')!;
    expect(seed.secret).not.toBe(seedHash);
    expect(seed.message).toMatch(/^bcrypt password hash: /);
  });

  it('reports an NTLM pwdump line outside a dump file for review, with pass-the-hash in its message', () => {
    const root = join(useTempDir('airlock-hashes-'), 'root');
    const nt = fakeHash.ntlm();
    const line = `backup_svc:1109:aad3b435b51404eeaad3b435b51404ee:${nt}:::`;
    writeTree(root, { 'notes/engagement.md': `Found on the file server:\n\n    ${line}\n`, 'notes/raw.txt': `${line.replace('backup_svc', 'web_svc').slice(0, -40)}:::\n` });
    const { report } = scanJson(['--fail-on', 'never', root]);
    expect(report.findings.map((f) => [f.path, f.ruleId, f.severity, f.line, f.column])).toEqual([['notes/engagement.md', 'ntlm-pwdump-hash', 'review', 3, 4 + line.indexOf(nt) + 1]]);
    expect(report.findings[0]!.message).toMatch(/pass-the-hash/);
  });
});
