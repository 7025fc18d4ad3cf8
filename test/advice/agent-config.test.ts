import { describe, expect, it } from 'vitest';
import { adviseClaudeSettings, adviseCodexConfig, adviseMcpJson } from '../../src/advice/agent-config.js';
import { adviseBunfig, adviseNpmrc, advisePnpm, advisePypirc, adviseUv, adviseYarnrc } from '../../src/advice/package-managers.js';
import { randomChars } from '../helpers/fake-secrets.js';

const at = { root: '/home/dev', path: 'x' };
const topics = (advice: { topic: string }[]) => advice.map((a) => a.topic);

describe('agent tools', () => {
  it.each([
    [{ permissions: { allow: ['Bash(*)'] } }, ['agent-permissions']],
    [{ permissions: { allow: ['Bash'] } }, ['agent-permissions']],
    [{ permissions: { defaultMode: 'bypassPermissions' } }, ['agent-permissions']],
    [{ hooks: { PostToolUse: [] , Stop: [] } }, ['agent-permissions']],
    [{ permissions: { allow: ['Bash(npm test)', 'Read(*)'] } }, []],
    [{ permissions: { deny: ['Bash(*)'] } }, []],
  ])('Claude Code settings %j', (settings, expected) => {
    expect(topics(adviseClaudeSettings(JSON.stringify(settings), at))).toEqual(expected);
  });

  it('MCP: a local server with a literal key, not a reference, not a remote server', () => {
    const config = {
      mcpServers: {
        local: { command: 'node', args: ['srv.js'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: `ghp_${randomChars(36)}`, LOG_LEVEL: 'debugging' } },
        referenced: { command: 'npx', env: { API_KEY: '${API_KEY}' } },
        remote: { url: 'https://mcp.example.com', headers: { Authorization: `Bearer ${randomChars(40)}` } },
      },
      projects: { '/code/app': { mcpServers: { inner: { command: 'uvx', env: { DB_PASSWORD: randomChars(20) } } } } },
    };
    const advice = adviseMcpJson(JSON.stringify(config), at);
    expect(advice.map((a) => /"([^"]+)"/.exec(a.message)?.[1])).toEqual(['local', 'inner']);
    expect(advice[0]!.message).toContain('GITHUB_PERSONAL_ACCESS_TOKEN');
    expect(advice[0]!.message).not.toContain('LOG_LEVEL');
  });

  it('Codex: approval_policy never, and an MCP server with a literal key in its env table', () => {
    const toml = `approval_policy = "never"\n\n[mcp_servers.gh]\ncommand = "gh-mcp"\n\n[mcp_servers.gh.env]\nGH_TOKEN = "${randomChars(30)}"\n\n[mcp_servers.ok]\ncommand = "x"\nenv = { OK_TOKEN = "\${OK_TOKEN}" }\n`;
    expect(topics(adviseCodexConfig(toml, at))).toEqual(['agent-permissions', 'mcp-literal-key']);
    expect(adviseCodexConfig('approval_policy = "on-request"\nsandbox_mode = "workspace-write"\n', at)).toEqual([]);
  });
});

describe('package managers', () => {
  it('npm: scripts, release age and a literal token; none once configured', () => {
    expect(topics(adviseNpmrc(`//registry.npmjs.org/:_authToken=npm_${randomChars(36)}\n`, at))).toEqual(['install-scripts', 'release-age', 'registry-token']);
    expect(adviseNpmrc('ignore-scripts=true\nmin-release-age=7\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', at)).toEqual([]);
  });
  it('pnpm, Yarn, Bun, uv: the release-age setting each documents', () => {
    expect(topics(advisePnpm('', at))).toEqual(['release-age']);
    expect(advisePnpm('minimum-release-age=10080\n', at)).toEqual([]);
    expect(topics(advisePnpm('dangerously-allow-all-builds=true\nminimum-release-age=1440\n', at))).toEqual(['install-scripts']);
    expect(topics(adviseYarnrc('', at))).toEqual(['install-scripts', 'release-age']);
    expect(adviseYarnrc('enableScripts: false\nnpmMinimalAgeGate: 3d\n', at)).toEqual([]);
    expect(topics(adviseBunfig('[install]\nexact = true\n', at))).toEqual(['release-age']);
    expect(adviseBunfig('[install]\nminimumReleaseAge = 604800\n', at)).toEqual([]);
    expect(topics(adviseUv('', at))).toEqual(['release-age']);
    expect(adviseUv('exclude-newer = "7 days"\n', at)).toEqual([]);
  });
  it('PyPI: a literal password, not a reference', () => {
    expect(topics(advisePypirc(`[pypi]\nusername = __token__\npassword = pypi-${randomChars(60)}\n`, at))).toEqual(['registry-token']);
    expect(advisePypirc('[pypi]\nusername = __token__\npassword = ${PYPI_TOKEN}\n', at)).toEqual([]);
  });
});
