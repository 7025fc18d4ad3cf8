import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fakeSecrets as fake } from './fake-secrets.ts';
import type { Random } from './random.ts';
import { randomWord } from './source-text.ts';

const COMMANDS = [
  'git status', 'git pull --rebase', 'npm test', 'npm run build', 'ls -la', 'cd ~/code/app', 'code .',
  'docker compose up -d', 'kubectl get pods -n staging', 'git log --oneline | head', 'npm ci',
  'python -m pytest -q', 'make lint', 'ssh deploy@bastion.example.com', 'htop', 'git push origin HEAD',
];

function shellHistory(r: Random, lines: number, planted: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(r.chance(0.7) ? r.pick(COMMANDS) : `grep -rn ${randomWord(r)} src/${randomWord(r)}`);
  }
  planted.forEach((line, i) => out.splice(Math.floor(((i + 1) * lines) / (planted.length + 1)), 0, line));
  return `${out.join('\n')}\n`;
}

/**
 * A developer's home-folder credentials, as the npm worms sweep for them: SSH key, AWS and gh
 * credentials, an npm token, tokens pasted into shell history. Every secret is random.
 */
export function writeDotfiles(home: string, r: Random): void {
  const files: Record<string, string> = {
    '.ssh/id_ed25519': fake.openSshKey(r),
    '.ssh/id_ed25519.pub': `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 43)} dev@laptop\n`,
    '.ssh/config': 'Host bastion\n  HostName bastion.example.com\n  User deploy\n  IdentityFile ~/.ssh/id_ed25519\n',
    '.ssh/known_hosts': Array.from({ length: 40 }, (_, i) => `host${i}.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 43)}`).join('\n') + '\n',
    '.aws/credentials': `[default]\naws_access_key_id = ${fake.awsKeyId(r)}\naws_secret_access_key = ${fake.awsSecret(r)}\n`,
    '.aws/config': '[default]\nregion = eu-west-1\noutput = json\n',
    '.config/gh/hosts.yml': `github.com:\n    user: dev\n    oauth_token: ${fake.githubOauth(r)}\n    git_protocol: https\n`,
    '.npmrc': `//registry.npmjs.org/:_authToken=${fake.npmToken(r)}\nfund=false\n`,
    '.gitconfig': '[user]\n\tname = Bench Developer\n\temail = dev@example.com\n[pull]\n\trebase = true\n',
    '.docker/config.json': `{\n  "auths": {\n    "registry.example.com": { "auth": "${Buffer.from(`dev:${fake.hexToken(r, 32)}`).toString('base64')}" }\n  }\n}\n`,
    '.bashrc': 'export EDITOR=vim\nexport PATH="$HOME/.local/bin:$PATH"\nalias gs="git status"\n',
    '.bash_history': shellHistory(r, 3000, [
      `export GITHUB_TOKEN=${fake.githubPat(r)}`,
      `curl -H "x-api-key: ${fake.anthropic(r)}" https://api.anthropic.com/v1/messages`,
    ]),
    '.zsh_history': shellHistory(r, 2000, [`export HF_TOKEN=${fake.huggingFace(r)}`]),
  };
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(home, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content, { mode: path.startsWith('.ssh/id_') && !path.endsWith('.pub') ? 0o600 : 0o644 });
  }
}
