// `npm run bench:precision`: builds airlock, scans each pinned public repository (fetched by
// fetch.ts), joins every finding with labels.json and prints, per repository and in total:
// files, BLOCKs, false BLOCKs, false BLOCKs per 10,000 files, REVIEWs, true findings kept and
// findings nobody has labelled yet. Held-out repositories are totalled apart (never tuned on).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { folderOf, here, loadRepos, materialise, type PrecisionRepo } from './fetch.ts';

interface Label {
  repo: string;
  path: string;
  line: number;
  ruleId: string;
  secretMasked: string;
  label: boolean;
  why: string;
}

interface Place {
  repo: string;
  path: string;
  line: number;
  ruleId: string;
  severity: string;
  secretMasked: string;
  message: string;
}

const { values } = parseArgs({
  options: {
    repos: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'write-unlabelled': { type: 'string' },
    'list-false': { type: 'boolean', default: false },
  },
});

const root = resolve(here, '..', '..');
const labelsFile = join(here, 'labels.json');
const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Label[];
const key = (p: { repo: string; path: string; line: number; ruleId: string }) => `${p.repo}\0${p.path}\0${p.line}\0${p.ruleId}`;
const labelled = new Map(labels.map((l) => [key(l), l]));

if (!values['no-build']) {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Every place a finding stands (a finding's other locations included), as the user reads them. */
function scan(entry: PrecisionRepo): { files: number; places: Place[] } {
  const folder = materialise(entry);
  const result = spawnSync('node', [join(root, 'dist', 'bin.js'), 'scan', folder, '--format', 'json', '--fail-on', 'never', '--no-cache'], {
    maxBuffer: 2 ** 30,
    encoding: 'utf8',
    env: { ...process.env, AIRLOCK_CACHE_DIR: 'off' },
  });
  if (result.status !== 0) throw new Error(`scan of ${entry.repo} failed: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as {
    stats: { files: number };
    findings: (Omit<Place, 'repo' | 'secretMasked'> & { secret?: string; locations?: { path: string; line?: number; ruleId: string }[] })[];
  };
  const places: Place[] = [];
  for (const f of report.findings) {
    const base = { repo: entry.repo, severity: f.severity, secretMasked: f.secret ?? '', message: f.message };
    places.push({ ...base, path: f.path, line: f.line ?? 0, ruleId: f.ruleId });
    for (const at of f.locations ?? []) places.push({ ...base, path: at.path, line: at.line ?? 0, ruleId: at.ruleId });
  }
  return { files: report.stats.files, places };
}

interface Row {
  repo: string;
  files: number;
  blocks: number;
  falseBlocks: number;
  reviews: number;
  trueKept: number;
  unlabelled: number;
}

const only = values.repos?.split(',');
const entries = loadRepos().filter((e) => !only || only.includes(e.repo));
const rows: (Row & { heldOut: boolean })[] = [];
const unlabelled: (Place & { text: string })[] = [];
const seen = new Set<string>();
for (const entry of entries) {
  const { files, places } = scan(entry);
  const row = { repo: entry.repo, heldOut: entry.heldOut === true, files, blocks: 0, falseBlocks: 0, reviews: 0, trueKept: 0, unlabelled: 0 };
  for (const place of places) {
    seen.add(key(place));
    if (place.severity === 'block') row.blocks++;
    if (place.severity === 'review') row.reviews++;
    const label = labelled.get(key(place));
    if (label === undefined) {
      if (place.severity === 'block') row.unlabelled++;
      const lines = readFileSync(join(folderOf(entry), place.path), 'utf8').split('\n');
      unlabelled.push({ ...place, text: (lines[place.line - 1] ?? '').slice(0, 300) });
    } else if (label.label) row.trueKept++;
    else if (place.severity === 'block') {
      row.falseBlocks++;
      if (values['list-false']) console.log(`  false BLOCK ${place.repo} ${place.path}:${place.line} ${place.ruleId} — ${label.why}`);
    }
  }
  rows.push(row);
}

const per10k = (falseBlocks: number, files: number) => (files === 0 ? '0.0' : ((falseBlocks * 10_000) / files).toFixed(1));
const header = ['repository', 'files', 'BLOCK', 'false BLOCK', 'false/10k files', 'REVIEW', 'true kept', 'unlabelled BLOCK'];
const line = (r: Row) => [r.repo, r.files, r.blocks, r.falseBlocks, per10k(r.falseBlocks, r.files), r.reviews, r.trueKept, r.unlabelled].map(String);
const sum = (name: string, list: Row[]): Row => ({
  repo: name,
  files: list.reduce((n, r) => n + r.files, 0),
  blocks: list.reduce((n, r) => n + r.blocks, 0),
  falseBlocks: list.reduce((n, r) => n + r.falseBlocks, 0),
  reviews: list.reduce((n, r) => n + r.reviews, 0),
  trueKept: list.reduce((n, r) => n + r.trueKept, 0),
  unlabelled: list.reduce((n, r) => n + r.unlabelled, 0),
});
const tuned = rows.filter((r) => !r.heldOut);
const heldOut = rows.filter((r) => r.heldOut);
const table = [header, ...tuned.map(line), line(sum('TOTAL (tuning set)', tuned))];
if (heldOut.length > 0) table.push(...heldOut.map((r) => line({ ...r, repo: `${r.repo} (held out)` })), line(sum('TOTAL (held out)', heldOut)));
const widths = header.map((_, i) => Math.max(...table.map((cells) => cells[i]!.length)));
for (const cells of table) console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));

const trueLabels = labels.filter((l) => l.label && entries.some((e) => e.repo === l.repo));
const lost = trueLabels.filter((l) => !seen.has(key(l)));
console.log(`\ntrue findings labelled: ${trueLabels.length}, kept: ${trueLabels.length - lost.length}, lost: ${lost.length}`);
for (const l of lost) console.log(`  LOST ${l.repo} ${l.path}:${l.line} ${l.ruleId} — ${l.why}`);
console.log(`findings with no label: ${unlabelled.length} (${unlabelled.filter((u) => u.severity === 'block').length} BLOCK)`);
if (values['write-unlabelled']) writeFileSync(values['write-unlabelled'], JSON.stringify(unlabelled, null, 1));
