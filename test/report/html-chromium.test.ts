import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { buildFixtureHome, HOSTILE_NAME, type FixtureSecrets } from '../helpers/fixture-home.js';

/** Debian's `chromium` (CI installs it, .ci/run); a machine without it skips, and says so. */
const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome'].find((c) => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0);

function renderDom(file: string, profile: string): string {
  const run = spawnSync(
    CHROMIUM!,
    ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--dump-dom', pathToFileURL(file).href],
    { encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`chromium failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

describe.skipIf(CHROMIUM === undefined)('the html report, as Chromium renders it', () => {
  let base: string;
  let secrets: FixtureSecrets;
  let html: string;
  let dom: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'airlock-html-'));
    secrets = buildFixtureHome(join(base, 'home'));
    const run = runCli(['audit', '--home', join(base, 'home'), '--format', 'html'], { env: { AIRLOCK_CACHE_DIR: 'off' } });
    expect(run.status).toBe(1);
    html = run.stdout;
    writeFileSync(join(base, 'report.html'), html);
    dom = renderDom(join(base, 'report.html'), join(base, 'profile'));
  }, 90_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  /** The text of the page's "first steps" box, tags stripped. */
  const firstSteps = () => /<section class="first" id="first-steps">([\s\S]*?)<\/section>/.exec(dom)?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') ?? '';

  it('opens with what to do first: three steps, the worst first, each with its fix and where', () => {
    expect(dom).toContain('<h2>Do these three things first</h2>');
    expect(dom.match(/<li><h3><span class="tag block">HIGH<\/span>/g)?.length).toBe(3);
    expect(firstSteps()).toMatch(/^ Do these three things first HIGH /);
    expect(firstSteps()).toMatch(/HIGH SSH private key Do this: Add a passphrase .* Where: ~\/\.ssh\/id_ed25519 /);
    expect(firstSteps()).not.toContain('id_work'); // the key with a passphrase is not a first step
  });

  it('groups findings by risk and shows the advice and what was not read', () => {
    for (const id of ['block', 'review', 'advice', 'not-read', 'checked']) expect(dom).toContain(`<section id="${id}">`);
    expect(dom).toContain('~/code/app/node_modules');
  });

  it('is self-contained: no script, no external asset, a policy that forbids both', () => {
    expect(html).not.toMatch(/<(?:script|link|img|iframe|object|embed|base)\b|url\(|@import|https?:\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('escapes a hostile file name: the page gets no element from it', () => {
    expect(dom).not.toContain('<img');
    expect(dom).toContain(HOSTILE_NAME.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('masks every secret', () => {
    for (const secret of Object.values(secrets)) expect(html).not.toContain(secret.slice(4, 16));
  });
});
