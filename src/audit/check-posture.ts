import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { adviseClaudeSettings, adviseCodexConfig, adviseMcpJson } from '../advice/agent-config.js';
import type { AdviceAt } from '../advice/secret-names.js';
import { adviseBunfig, adviseNpmrc, advisePnpm, advisePypirc, adviseUv, adviseYarnrc } from '../advice/package-managers.js';
import type { Advice } from '../model/advice.js';

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * Where each tool keeps its user-level config, and the signs that the tool is used at all (a
 * package manager nobody uses needs no advice). The first config that exists is read.
 */
const CONFIGS = [
  { configs: ['.npmrc'], usedIf: ['.npm'], advise: adviseNpmrc },
  { configs: ['.config/pnpm/rc', 'Library/Preferences/pnpm/rc', '.config/pnpm/config.yaml'], usedIf: ['.local/share/pnpm', 'Library/pnpm', '.pnpm-store'], advise: advisePnpm },
  { configs: ['.yarnrc.yml'], usedIf: ['.yarn/berry'], advise: adviseYarnrc },
  { configs: ['.bunfig.toml', '.config/.bunfig.toml'], usedIf: ['.bun'], advise: adviseBunfig },
  { configs: ['.config/uv/uv.toml'], usedIf: ['.local/share/uv', '.cache/uv'], advise: adviseUv },
  { configs: ['.pypirc'], usedIf: [], advise: advisePypirc },
  { configs: ['.codex/config.toml'], usedIf: [], advise: adviseCodexConfig },
] as const satisfies readonly { configs: readonly string[]; usedIf: readonly string[]; advise: (text: string, at: AdviceAt) => Advice[] }[];

/** Agent configs read whole: each file is advised on by every function listed. */
const AGENT_FILES = [
  { path: '.claude/settings.json', advise: [adviseClaudeSettings, adviseMcpJson] },
  { path: '.claude/settings.local.json', advise: [adviseClaudeSettings, adviseMcpJson] },
  { path: '.claude.json', advise: [adviseMcpJson] },
  { path: '.cursor/mcp.json', advise: [adviseMcpJson] },
  { path: '.gemini/settings.json', advise: [adviseMcpJson] },
  { path: '.codeium/windsurf/mcp_config.json', advise: [adviseMcpJson] },
  { path: '.config/Code/User/mcp.json', advise: [adviseMcpJson] },
  { path: 'Library/Application Support/Code/User/mcp.json', advise: [adviseMcpJson] },
  { path: 'Library/Application Support/Claude/claude_desktop_config.json', advise: [adviseMcpJson] },
  { path: '.config/Claude/claude_desktop_config.json', advise: [adviseMcpJson] },
] as const;

function readConfig(file: string): string | undefined {
  try {
    const stats = statSync(file);
    return stats.isFile() && stats.size <= MAX_CONFIG_BYTES ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The supply-chain posture of the machine, as advice: nothing is changed. */
export function checkPosture(home: string): Advice[] {
  const advice: Advice[] = [];
  for (const { configs, usedIf, advise } of CONFIGS) {
    const found = configs.map((path) => ({ path, text: readConfig(join(home, path)) })).find((c) => c.text !== undefined);
    if (found) advice.push(...advise(found.text!, { root: home, path: found.path }));
    else if (usedIf.some((path) => existsSync(join(home, path)))) advice.push(...advise('', { root: home, path: configs[0] }));
  }
  for (const { path, advise } of AGENT_FILES) {
    const text = readConfig(join(home, path));
    if (text !== undefined) for (const fn of advise) advice.push(...fn(text, { root: home, path }));
  }
  return advice;
}
