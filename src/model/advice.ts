/**
 * Advice: how a machine or a folder could be set up more safely. Not an exposure (no secret is
 * read through it), so it never changes the verdict or the exit code; airlock changes nothing.
 * A closed set of topics, each with the heading reports group it under.
 */
export const ADVICE_TOPICS = {
  'install-scripts': 'Package install scripts run on every install',
  'release-age': 'No minimum release age for new package versions',
  'registry-token': 'Registry tokens in user-level package manager config',
  'agent-permissions': 'AI agent tools that run commands without asking',
  'mcp-literal-key': 'Local MCP servers started with literal keys',
  'container-build-secrets': 'Dependency installs that run with secrets in a container build',
} as const satisfies Record<string, string>;

export type AdviceTopic = keyof typeof ADVICE_TOPICS;

export interface Advice {
  topic: AdviceTopic;
  root: string;
  /** Root-relative POSIX path of the file the advice is about ('' for the machine as a whole). */
  path: string;
  line?: number;
  /** What is set up this way, in one sentence (never a secret's value). */
  message: string;
  /** What to change, in the tool's own setting names. */
  fix: string;
}
