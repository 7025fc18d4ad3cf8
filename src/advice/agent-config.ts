import type { Advice } from '../model/advice.js';
import { isLiteralValue, isSecretName, type AdviceAt } from './secret-names.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Allow entries that let the agent run any shell command without asking. */
const ANY_COMMAND = new Set(['Bash', 'Bash(*)', 'Bash(:*)', 'Bash(**)']);

/** Claude Code's settings.json: commands allowed without asking, bypass mode, hooks. */
export function adviseClaudeSettings(text: string, at: AdviceAt): Advice[] {
  const settings = parseJson(text);
  if (!settings) return [];
  const advice: Advice[] = [];
  const permissions = isObject(settings.permissions) ? settings.permissions : {};
  const allow = Array.isArray(permissions.allow) ? permissions.allow.filter((e): e is string => typeof e === 'string') : [];
  if (allow.some((entry) => ANY_COMMAND.has(entry.replace(/\s+/g, ''))) || permissions.defaultMode === 'bypassPermissions') {
    advice.push({
      topic: 'agent-permissions',
      ...at,
      message: 'Claude Code may run any shell command without asking (permissions.allow has Bash(*), or defaultMode is bypassPermissions): a prompt injection in a file or web page it reads runs as you',
      fix: 'Allow only the commands you need (e.g. "Bash(npm test)"), keep the rest on ask, and run unattended sessions in a sandbox with only the folders airlock cleared.',
    });
  }
  const hooks = isObject(settings.hooks) ? Object.keys(settings.hooks) : [];
  if (hooks.length > 0) {
    advice.push({
      topic: 'agent-permissions',
      ...at,
      message: `Claude Code runs hook commands on ${hooks.length === 1 ? 'an event' : `${hooks.length} events`} (${hooks.slice(0, 4).join(', ')}) with your rights, outside any permission prompt`,
      fix: 'Check that every hook command is yours and does what you expect; a project\'s .claude/settings.json can add hooks too, so review them before opening a cloned repository.',
    });
  }
  if (settings.enableAllProjectMcpServers === true) {
    advice.push({ topic: 'agent-permissions', ...at, message: 'Claude Code starts every MCP server a project\'s .mcp.json lists, without asking (enableAllProjectMcpServers)', fix: 'Remove enableAllProjectMcpServers and approve project MCP servers one by one.' });
  }
  return advice;
}

/** The MCP server tables of a JSON config: `mcpServers`, VS Code's `servers`, and Claude's per-project ones. */
function serverTables(config: Json): Json[] {
  const tables = [config.mcpServers, config.servers].filter(isObject);
  if (isObject(config.projects)) for (const project of Object.values(config.projects)) if (isObject(project) && isObject(project.mcpServers)) tables.push(project.mcpServers);
  return tables;
}

/** A local MCP server (a `command`) given literal secrets in `env`; a remote one (`url`) keeps its key elsewhere. */
export function localServerAdvice(name: string, server: Json, at: AdviceAt): Advice | undefined {
  if (typeof server.command !== 'string' || !isObject(server.env)) return undefined;
  const keys = Object.entries(server.env).filter(([key, value]) => isSecretName(key) && isLiteralValue(value)).map(([key]) => key);
  if (keys.length === 0) return undefined;
  return {
    topic: 'mcp-literal-key',
    ...at,
    message: `MCP server "${name}" runs locally (\`${server.command}\`) with ${keys.join(', ')} written into its env: the key sits in this file, and every package the server loads can read it`,
    fix: 'Pass the key from a secret manager at start (an env reference such as ${env:NAME}, or a wrapper that reads the OS keychain), or use the provider\'s remote MCP server (`url`), which keeps the key outside your machine; rotate the key that was written here.',
  };
}

/** Claude Code (~/.claude.json), Cursor, Gemini, VS Code: every local MCP server with a literal key. */
export function adviseMcpJson(text: string, at: AdviceAt): Advice[] {
  const config = parseJson(text);
  if (!config) return [];
  const advice: Advice[] = [];
  for (const table of serverTables(config)) {
    for (const [name, server] of Object.entries(table)) {
      const found = isObject(server) ? localServerAdvice(name, server, at) : undefined;
      if (found) advice.push(found);
    }
  }
  return advice;
}

/** Codex's config.toml, read as far as needed: top-level keys and `[mcp_servers.NAME]` tables. */
export function adviseCodexConfig(text: string, at: AdviceAt): Advice[] {
  const tables = new Map<string, Json>();
  let table = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      table = header[1]!.trim();
      continue;
    }
    const pair = /^([\w.-]+|"[^"]+")\s*=\s*(.+)$/.exec(line);
    if (!pair) continue;
    const key = pair[1]!.replace(/"/g, '');
    const value = pair[2]!.trim();
    const entries = tables.get(table) ?? {};
    const inline = /^\{(.*)\}$/.exec(value);
    entries[key] = inline ? Object.fromEntries([...inline[1]!.matchAll(/([\w-]+|"[^"]+")\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!.replace(/"/g, ''), m[2]!])) : value.replace(/^"(.*)"$/, '$1');
    tables.set(table, entries);
  }
  const top = tables.get('') ?? {};
  const advice: Advice[] = [];
  if (top.approval_policy === 'never' || top.sandbox_mode === 'danger-full-access') {
    advice.push({
      topic: 'agent-permissions',
      ...at,
      message: `Codex runs commands without asking${top.sandbox_mode === 'danger-full-access' ? ' and outside its sandbox' : ''} (approval_policy = "${String(top.approval_policy ?? 'default')}", sandbox_mode = "${String(top.sandbox_mode ?? 'default')}")`,
      fix: 'Use approval_policy = "on-request" and sandbox_mode = "workspace-write" by default; turn them up only for a session inside a sandbox.',
    });
  }
  for (const [name, entries] of tables) {
    const server = /^mcp_servers\.([^.]+)$/.exec(name)?.[1];
    if (server === undefined) continue;
    const env = tables.get(`${name}.env`) ?? (isObject(entries.env) ? entries.env : undefined);
    const found = localServerAdvice(server.replace(/"/g, ''), { ...entries, env }, at);
    if (found) advice.push(found);
  }
  return advice;
}
