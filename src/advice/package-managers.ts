import type { Advice } from '../model/advice.js';
import { isLiteralValue, type AdviceAt } from './secret-names.js';

/**
 * Supply-chain settings of the package managers, as their documentation names them today:
 * - npm: `ignore-scripts=true` (.npmrc) stops lifecycle scripts; `min-release-age=<days>`
 *   (npm 11, docs.npmjs.com/cli/v11/using-npm/config#min-release-age) skips versions younger
 *   than that.
 * - pnpm: since v10 dependencies' build scripts do not run unless allowed
 *   (`onlyBuiltDependencies` / `allowBuilds`), and `dangerously-allow-all-builds=true` undoes
 *   that; `minimumReleaseAge` (minutes, pnpm 10.16+, pnpm.io/settings#minimumreleaseage) in
 *   pnpm-workspace.yaml or the global config, `minimum-release-age` in an rc file.
 * - Yarn Berry: `enableScripts: false` (.yarnrc.yml); `npmMinimalAgeGate` (Yarn 4.10+, on by
 *   default with one day since 4.15).
 * - Bun: runs lifecycle scripts only for `trustedDependencies`; `[install] minimumReleaseAge`
 *   (seconds, Bun 1.3+) in bunfig.toml (~/.bunfig.toml for the user).
 * - uv: `exclude-newer` in uv.toml takes a relative duration such as "7 days" (uv 0.9.17+).
 */
export const RELEASE_AGE_SETTINGS = {
  npm: 'min-release-age=7 (days) in ~/.npmrc (npm 11)',
  pnpm: 'minimum-release-age=10080 (minutes) in the global pnpm config (pnpm 10.16+; `minimumReleaseAge` in pnpm-workspace.yaml)',
  yarn: 'npmMinimalAgeGate: 7d in ~/.yarnrc.yml (Yarn 4.10+; the default since 4.15 is one day)',
  bun: '[install] minimumReleaseAge = 604800 (seconds) in ~/.bunfig.toml (Bun 1.3+)',
  uv: 'exclude-newer = "7 days" in ~/.config/uv/uv.toml (uv 0.9.17+)',
} as const;

export type PackageManager = keyof typeof RELEASE_AGE_SETTINGS;

/** `key=value` lines of an ini-style rc file (npm, pnpm), last one wins. */
export function readIni(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*([^#;=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) values.set(m[1]!, m[2]!.replace(/^["']|["']$/g, ''));
  }
  return values;
}

const releaseAge = (manager: PackageManager, at: AdviceAt): Advice => ({
  topic: 'release-age',
  ...at,
  message: `${manager} installs a package version the minute it is published; most malicious releases are found and pulled within days`,
  fix: `Set ${RELEASE_AGE_SETTINGS[manager]}.`,
});

/** The user's ~/.npmrc (text '' when npm is used without one). */
export function adviseNpmrc(text: string, at: AdviceAt): Advice[] {
  const ini = readIni(text);
  const advice: Advice[] = [];
  if (ini.get('ignore-scripts') !== 'true') {
    advice.push({
      topic: 'install-scripts',
      ...at,
      message: 'npm runs the install scripts of every dependency (the way the 2025 npm worms ran): ignore-scripts is not set',
      fix: 'Set ignore-scripts=true in ~/.npmrc and run the few build steps you need by hand (`npm rebuild <pkg>`), or use pnpm or Bun, which run only allowed packages\' scripts.',
    });
  }
  if (!ini.has('min-release-age') && !ini.has('before')) advice.push(releaseAge('npm', at));
  const tokens = [...ini].filter(([key, value]) => /(?:^|:)_(?:authToken|auth|password)$/.test(key) && isLiteralValue(value));
  if (tokens.length > 0) {
    advice.push({
      topic: 'registry-token',
      ...at,
      message: `~/.npmrc holds ${tokens.length === 1 ? 'a literal registry token' : `${tokens.length} literal registry tokens`}: every install script and every agent that can read the home can publish as you`,
      fix: 'Write `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` and set the variable only when you publish, or publish from CI with trusted publishing.',
    });
  }
  return advice;
}

/** pnpm's global rc file (ini) or config.yaml. */
export function advisePnpm(text: string, at: AdviceAt): Advice[] {
  const advice: Advice[] = [];
  if (/^\s*dangerously-allow-all-builds\s*[=:]\s*true/im.test(text) || /^\s*dangerouslyAllowAllBuilds\s*:\s*true/m.test(text)) {
    advice.push({ topic: 'install-scripts', ...at, message: 'pnpm is set to run the build scripts of every dependency (dangerously-allow-all-builds)', fix: 'Remove dangerously-allow-all-builds and list the packages allowed to build (`onlyBuiltDependencies` / `pnpm approve-builds`).' });
  }
  if (!/^\s*(?:minimum-release-age|minimumReleaseAge)\s*[=:]/im.test(text)) advice.push(releaseAge('pnpm', at));
  return advice;
}

/** Yarn Berry's ~/.yarnrc.yml. */
export function adviseYarnrc(text: string, at: AdviceAt): Advice[] {
  const advice: Advice[] = [];
  if (!/^\s*enableScripts\s*:\s*false\b/m.test(text)) {
    advice.push({ topic: 'install-scripts', ...at, message: 'Yarn runs the install scripts of dependencies: enableScripts is not false', fix: 'Set `enableScripts: false` in ~/.yarnrc.yml and allow the packages that must build with `dependenciesMeta.<pkg>.built: true`.' });
  }
  if (!/^\s*npmMinimalAgeGate\s*:/m.test(text)) advice.push(releaseAge('yarn', at));
  if (/^\s*npmAuthToken\s*:\s*["']?[^\s"'$]{8,}/m.test(text)) {
    advice.push({ topic: 'registry-token', ...at, message: '~/.yarnrc.yml holds a literal npmAuthToken', fix: 'Write `npmAuthToken: "${NPM_TOKEN}"` and set the variable only when you publish.' });
  }
  return advice;
}

/** Bun's ~/.bunfig.toml: lifecycle scripts are off by default; only the release age is advice. */
export function adviseBunfig(text: string, at: AdviceAt): Advice[] {
  return /^\s*minimumReleaseAge\s*=/m.test(text) ? [] : [releaseAge('bun', at)];
}

/** uv's user-level uv.toml. */
export function adviseUv(text: string, at: AdviceAt): Advice[] {
  return /^\s*exclude-newer\s*=/m.test(text) ? [] : [releaseAge('uv', at)];
}

/** ~/.pypirc with a password (an upload token) in it. */
export function advisePypirc(text: string, at: AdviceAt): Advice[] {
  const literal = text.split('\n').some((line) => {
    const m = /^\s*password\s*[=:]\s*(\S.*)$/i.exec(line);
    return m !== null && isLiteralValue(m[1]);
  });
  if (!literal) return [];
  return [{ topic: 'registry-token', ...at, message: '~/.pypirc holds a literal PyPI password or token: whoever reads it can upload releases of your packages', fix: 'Publish with trusted publishing from CI, or keep the token in the OS keychain (`keyring set https://upload.pypi.org/legacy/ __token__`) and remove it from ~/.pypirc.' }];
}
