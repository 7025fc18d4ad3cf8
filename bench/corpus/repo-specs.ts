import { fakeSecrets as fake } from './fake-secrets.ts';
import type { RepoSpec } from './source-repo.ts';

/** The repository whose history the history-throughput figure is measured on. */
export const HISTORY_REPO = 'py-service';

/**
 * Four generated repositories standing in for the "four large open-source repositories" of
 * the reference tree (which cannot be downloaded here): ~62,000 files, ~5,000 commits.
 */
export const REPO_SPECS: readonly RepoSpec[] = [
  {
    name: 'web-app',
    files: 20_000,
    commits: 600,
    mix: { ts: 6, js: 1, json: 1, md: 1, yaml: 0.3 },
    large: 6,
    plants: [
      { path: '.env', addAt: 12, content: (r) => `NODE_ENV=production\nSTRIPE_SECRET_KEY=${fake.stripeLive(r)}\nDATABASE_URL=${fake.postgresUrl(r)}\n` },
      { path: '.env.example', addAt: 12, content: () => 'NODE_ENV=development\nSTRIPE_SECRET_KEY=sk_test_your_key_here\nDATABASE_URL=postgres://user:password@localhost:5432/app\n' },
    ],
  },
  {
    name: HISTORY_REPO,
    files: 14_000,
    commits: 3_200,
    mix: { py: 6, md: 1, yaml: 1, json: 1 },
    large: 4,
    plants: [
      { path: 'deploy/.env.production', addAt: 900, removeAt: 905, content: (r) => `AWS_ACCESS_KEY_ID=${fake.awsKeyId(r)}\nAWS_SECRET_ACCESS_KEY=${fake.awsSecret(r)}\n` },
      { path: 'app/integrations/github_client.py', addAt: 2_000, removeAt: 2_001, content: (r) => `import requests\n\nGITHUB_TOKEN = "${fake.githubPat(r)}"\n\n\ndef get(path):\n    return requests.get(f"https://api.github.com{path}", headers={"Authorization": f"token {GITHUB_TOKEN}"})\n` },
      { path: 'deploy/keys/deploy_rsa', addAt: 2_800, removeAt: 2_830, content: (r) => fake.rsaPemKey(r) },
      { path: 'app/settings/local.py', addAt: 3_100, content: (r) => `DEBUG = True\nSLACK_BOT_TOKEN = "${fake.slackBot(r)}"\n` },
    ],
  },
  {
    name: 'sdk-js',
    files: 23_000,
    commits: 1_000,
    mix: { js: 5, ts: 2, json: 1.5, md: 1 },
    large: 8,
    plants: [
      { path: 'test/fixtures/ci-credentials.json', addAt: 400, content: (r) => `{\n  "gitlab": "${fake.gitlabPat(r)}",\n  "googleMaps": "${fake.googleApi(r)}"\n}\n` },
    ],
  },
  {
    name: 'handbook',
    files: 5_000,
    commits: 200,
    mix: { md: 6, json: 1, yaml: 1 },
    large: 2,
    plants: [],
  },
];
