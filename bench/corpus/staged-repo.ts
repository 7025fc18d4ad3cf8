import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fakeSecrets as fake } from './fake-secrets.ts';
import { buildSourceRepo } from './source-repo.ts';
import { createRandom } from './random.ts';
import { generateSource } from './source-text.ts';

/**
 * A small repository (300 files, 50 commits) with a 5-file change staged: four edited files
 * and one new one holding a fake token, as a pre-commit hook would see it.
 */
export async function buildStagedRepo(dir: string, seed: string): Promise<void> {
  await buildSourceRepo(dir, { name: 'staged', files: 300, commits: 50, mix: { ts: 4, md: 1, json: 1 }, large: 0, plants: [] }, seed);
  const r = createRandom(`${seed}/staged-change`);
  const tracked = execFileSync('git', ['ls-files', '*.ts'], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean);
  const changed = tracked.slice(0, 4);
  for (const path of changed) writeFileSync(join(dir, path), generateSource('ts', r.fork(path), r.int(2_000, 8_000)));
  const added = 'src/integrations/deploy-client.ts';
  mkdirSync(dirname(join(dir, added)), { recursive: true });
  writeFileSync(join(dir, added), `${generateSource('ts', r.fork(added), 3_000)}\nconst DEPLOY_TOKEN = '${fake.githubPat(r)}';\n`);
  execFileSync('git', ['add', ...changed, added], { cwd: dir });
}
