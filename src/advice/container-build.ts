import { parse } from 'yaml';
import type { Advice } from '../model/advice.js';
import { isSecretName, type AdviceAt } from './secret-names.js';

/** Commands that install dependencies, and so run their install scripts. */
const INSTALL = /\b(?:npm\s+(?:ci|install|i)\b|pnpm\s+(?:install|i|add)\b|yarn(?:\s+install)?(?:\s|$|&|;)|bun\s+(?:install|i|add)\b|pip3?\s+install\b|uv\s+(?:sync|pip\s+install)\b|poetry\s+install\b|pipenv\s+install\b|bundle(?:\s+install)?(?:\s|$|&|;)|gem\s+install\b|composer\s+install\b|cargo\s+(?:build|install|fetch)\b|go\s+(?:mod\s+download|build)\b)/;

/** Names of Dockerfiles and Compose files, for the walk to pick out. */
export const CONTAINER_FILE = /^(?:(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?|[\w.-]+\.(?:dockerfile|containerfile)|(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml)$/i;
export const isComposeFile = (name: string) => /\.ya?ml$/i.test(name);

const FIX =
  'Install dependencies in a stage that has no secrets and copy the result into the stage that needs them (multi-stage build), or hand the secret to that one command with a BuildKit secret mount (`RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`); build args and ENV values also stay in the image\'s history.';

/** A Dockerfile's instructions with their first line, continuation lines joined. */
function instructions(text: string): { line: number; keyword: string; rest: string }[] {
  const out: { line: number; keyword: string; rest: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let joined = lines[i]!;
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) joined = joined.replace(/\\\s*$/, ' ') + lines[++i]!;
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(joined);
    if (m && !joined.trimStart().startsWith('#')) out.push({ line: start + 1, keyword: m[1]!.toUpperCase(), rest: m[2]! });
  }
  return out;
}

/** Names an ARG or ENV instruction declares. */
function declaredNames(keyword: string, rest: string): string[] {
  if (keyword === 'ARG') return [rest.split('=')[0]!.trim()];
  const pairs = [...rest.matchAll(/([A-Za-z_][\w]*)=/g)].map((m) => m[1]!);
  return pairs.length > 0 ? pairs : [rest.split(/\s+/)[0]!];
}

/** Each RUN that installs dependencies while a secret ARG or ENV of its stage is in its environment. */
export function adviseDockerfile(text: string, at: AdviceAt): Advice[] {
  const advice: Advice[] = [];
  let secrets: { name: string; line: number; keyword: string }[] = [];
  for (const { line, keyword, rest } of instructions(text)) {
    if (keyword === 'FROM') secrets = [];
    else if (keyword === 'ARG' || keyword === 'ENV') {
      for (const name of declaredNames(keyword, rest)) if (isSecretName(name)) secrets.push({ name, line, keyword });
    } else if (keyword === 'RUN' && secrets.length > 0) {
      const command = INSTALL.exec(rest)?.[0]?.trim();
      if (command === undefined) continue;
      const names = secrets.map((s) => `${s.name} (${s.keyword} at line ${s.line})`).join(', ');
      advice.push({ topic: 'container-build-secrets', ...at, line, message: `\`${command}\` runs with ${names} in its environment: every install script of every dependency can read it`, fix: FIX });
    }
  }
  return advice;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `KEY: value` maps and `KEY=value` lists, as Compose accepts both. */
function names(section: unknown): string[] {
  if (Array.isArray(section)) return section.filter((e): e is string => typeof e === 'string').map((e) => e.split('=')[0]!.trim());
  return isObject(section) ? Object.keys(section) : [];
}

const commandText = (value: unknown) => (Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '');

/** Compose services built here with secret build args, or with secrets in the environment of an install. */
export function adviseCompose(text: string, at: AdviceAt): Advice[] {
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 100 });
  } catch {
    return [];
  }
  const services = isObject(document) && isObject(document.services) ? document.services : {};
  const advice: Advice[] = [];
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    const build = service.build;
    const args = isObject(build) ? names(build.args).filter(isSecretName) : [];
    const environment = names(service.environment).filter(isSecretName);
    const installs = INSTALL.test(commandText(service.command)) || INSTALL.test(commandText(service.entrypoint));
    if (args.length > 0) {
      advice.push({ topic: 'container-build-secrets', ...at, message: `service "${name}" is built with ${args.join(', ')} as build args: the build's dependency install sees them, and they stay in the image history`, fix: FIX });
    }
    // A service's environment is there when it runs, not while its image is built: only an
    // install at start-up (command or entrypoint) runs dependency scripts with it.
    if (environment.length > 0 && installs) {
      advice.push({
        topic: 'container-build-secrets',
        ...at,
        message: `service "${name}" installs dependencies at start with ${environment.join(', ')} in its environment: those install scripts can read them`,
        fix: `${FIX} Give the running service its secrets as Compose \`secrets:\` files, not environment variables.`,
      });
    }
  }
  return advice;
}
