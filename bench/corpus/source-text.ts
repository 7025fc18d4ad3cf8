import type { Random } from './random.ts';

/** The kinds of generated source file, by extension. */
export const SOURCE_KINDS = ['ts', 'js', 'py', 'md', 'json', 'yaml'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const WORDS = [
  'account', 'action', 'adapter', 'address', 'agent', 'alert', 'archive', 'asset', 'audit', 'batch',
  'billing', 'block', 'bucket', 'buffer', 'build', 'cache', 'channel', 'chart', 'check', 'client',
  'cluster', 'column', 'command', 'comment', 'config', 'context', 'cursor', 'customer', 'dashboard', 'data',
  'date', 'delta', 'device', 'digest', 'domain', 'draft', 'entry', 'event', 'export', 'feature',
  'field', 'filter', 'flag', 'folder', 'format', 'frame', 'graph', 'group', 'handler', 'header',
  'history', 'host', 'image', 'import', 'index', 'input', 'invoice', 'item', 'job', 'key',
  'label', 'layer', 'layout', 'ledger', 'limit', 'link', 'list', 'loader', 'locale', 'lock',
  'log', 'manifest', 'map', 'member', 'message', 'metric', 'mode', 'model', 'module', 'node',
  'note', 'order', 'owner', 'package', 'page', 'panel', 'parser', 'patch', 'path', 'payload',
  'payment', 'policy', 'pool', 'port', 'preview', 'profile', 'project', 'query', 'queue', 'range',
  'record', 'region', 'release', 'report', 'request', 'resource', 'response', 'result', 'role', 'route',
  'rule', 'schema', 'scope', 'search', 'session', 'setting', 'shard', 'signal', 'snapshot', 'source',
  'state', 'status', 'store', 'stream', 'summary', 'table', 'tag', 'task', 'tenant', 'theme',
  'ticket', 'timer', 'token', 'topic', 'trace', 'user', 'value', 'version', 'view', 'window',
  'worker', 'password', 'secret', 'auth', 'credential', 'api',
];
const VERBS = ['load', 'save', 'parse', 'render', 'build', 'fetch', 'update', 'create', 'remove', 'resolve',
  'validate', 'format', 'merge', 'compute', 'find', 'list', 'sync', 'apply', 'collect', 'normalize'];
const PROSE = ['the', 'a', 'this', 'each', 'when', 'if', 'is', 'are', 'returns', 'with', 'for', 'from', 'to',
  'and', 'or', 'not', 'only', 'every', 'new', 'current', 'which', 'before', 'after', 'into', 'without'];

const cap = (word: string) => word[0]!.toUpperCase() + word.slice(1);
const word = (r: Random) => r.pick(WORDS);
const camel = (r: Random, parts = 2) => {
  let out = r.pick(VERBS);
  for (let i = 1; i < parts; i++) out += cap(word(r));
  return out;
};
const pascal = (r: Random) => cap(word(r)) + cap(word(r));
const snake = (r: Random) => `${r.pick(VERBS)}_${word(r)}`;
const sentence = (r: Random, min = 6, max = 18) => {
  const n = r.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.chance(0.45) ? r.pick(PROSE) : word(r));
  return `${cap(out.join(' '))}.`;
};

/** One syntactically plausible block of `kind` text (a function, a class, a section...). */
function block(kind: SourceKind, r: Random): string {
  switch (kind) {
    case 'ts': {
      const type = pascal(r);
      const fn = camel(r);
      const field = camel(r);
      return r.chance(0.35)
        ? `export interface ${type} {\n  ${word(r)}Id: string;\n  ${field}: number;\n  ${word(r)}?: ${pascal(r)} | undefined;\n  readonly ${word(r)}s: readonly string[];\n}\n`
        : `/**\n * ${sentence(r)}\n */\nexport async function ${fn}(input: ${type}, options: { ${field}?: number } = {}): Promise<${pascal(r)}> {\n  const ${word(r)} = await client.${camel(r)}(\`/api/v${r.int(1, 3)}/${word(r)}s/\${input.id}\`, { timeout: options.${field} ?? ${r.int(100, 9000)} });\n  if (!${word(r)}Result.ok) {\n    throw new Error(\`${r.pick(VERBS)} failed for \${input.id}: \${${word(r)}Result.status}\`);\n  }\n  const items = input.${word(r)}s.filter((item) => item.${field} > ${r.int(0, 99)}).map((item) => ${camel(r)}(item));\n  return { ...${word(r)}Result.body, items, updatedAt: Date.now() };\n}\n`;
    }
    case 'js': {
      const fn = camel(r);
      return r.chance(0.3)
        ? `class ${pascal(r)} {\n  constructor(${word(r)}, options = {}) {\n    this.${word(r)} = ${word(r)};\n    this.${camel(r)} = options.${word(r)} || ${r.int(1, 500)};\n  }\n\n  ${camel(r)}() {\n    return this.${word(r)}.${camel(r)}().then((res) => res.${word(r)});\n  }\n}\n`
        : `// ${sentence(r)}\nfunction ${fn}(${word(r)}, ${word(r)}List) {\n  var result = [];\n  for (var i = 0; i < ${word(r)}List.length; i++) {\n    if (${word(r)}List[i].${word(r)} === ${word(r)}.${word(r)}) result.push(${camel(r)}(${word(r)}List[i]));\n  }\n  return result.length > ${r.int(0, 9)} ? result : null;\n}\nmodule.exports.${fn} = ${fn};\n`;
    }
    case 'py': {
      const cls = pascal(r);
      return r.chance(0.4)
        ? `class ${cls}:\n    """${sentence(r)}"""\n\n    def __init__(self, ${word(r)}, ${word(r)}_limit=${r.int(1, 100)}):\n        self.${word(r)} = ${word(r)}\n        self._${word(r)}s = []\n\n    def ${snake(r)}(self, ${word(r)}):\n        if not ${word(r)}:\n            raise ValueError("${sentence(r, 3, 7)}")\n        return [x for x in self._${word(r)}s if x.${word(r)} == ${word(r)}]\n`
        : `def ${snake(r)}(${word(r)}, ${word(r)}=None, *, timeout=${r.int(1, 60)}):\n    """${sentence(r)}"""\n    ${word(r)} = ${word(r)} or {}\n    for key, value in ${word(r)}.items():\n        logger.debug("${r.pick(VERBS)} %s=%s", key, value)\n    return ${snake(r)}(${word(r)}, timeout=timeout)\n`;
    }
    case 'md': {
      const paragraph = Array.from({ length: r.int(2, 6) }, () => sentence(r)).join(' ');
      if (r.chance(0.2)) return `## ${cap(word(r))} ${word(r)}\n\n${paragraph}\n`;
      if (r.chance(0.2)) return `\`\`\`sh\nnpx ${word(r)}-cli ${r.pick(VERBS)} --${word(r)} ./${word(r)}s\n\`\`\`\n`;
      if (r.chance(0.25)) return `${Array.from({ length: r.int(2, 6) }, () => `- ${sentence(r, 3, 10)}`).join('\n')}\n`;
      return `${paragraph}\n`;
    }
    case 'json': {
      const fields = Array.from({ length: r.int(2, 6) }, () => `    "${camel(r)}": ${r.chance(0.5) ? `"${word(r)}-${r.int(1, 9999)}"` : r.int(0, 100000)}`);
      return `  {\n    "id": "${r.chars('0123456789abcdef', 24)}",\n${fields.join(',\n')}\n  }`;
    }
    case 'yaml':
      return `${word(r)}:\n  ${camel(r)}: ${r.int(1, 1000)}\n  ${word(r)}: "${word(r)}-${word(r)}"\n  ${word(r)}s:\n    - ${word(r)}\n    - ${word(r)}\n`;
  }
}

function header(kind: SourceKind, r: Random): string {
  switch (kind) {
    case 'ts': return `import { ${pascal(r)}, ${camel(r)} } from '../${word(r)}/${word(r)}.js';\nimport type { ${pascal(r)} } from './types.js';\n\n`;
    case 'js': return `'use strict';\nconst ${word(r)} = require('./${word(r)}');\nconst client = require('../lib/${word(r)}-client');\n\n`;
    case 'py': return `import logging\nfrom .${word(r)} import ${pascal(r)}\n\nlogger = logging.getLogger(__name__)\n\n`;
    case 'md': return `# ${cap(word(r))} ${word(r)}s\n\n`;
    case 'json': return '[\n';
    case 'yaml': return `# ${sentence(r)}\nversion: ${r.int(1, 3)}\n`;
  }
}

/** A file of `kind` about `bytes` long (it stops at the first block boundary past the size). */
export function generateSource(kind: SourceKind, r: Random, bytes: number): string {
  const parts = [header(kind, r)];
  let length = parts[0]!.length;
  const separator = kind === 'json' ? ',\n' : '\n';
  let first = true;
  while (length < bytes) {
    const next = block(kind, r);
    parts.push(first ? next : separator + next);
    length += next.length + separator.length;
    first = false;
  }
  if (kind === 'json') parts.push('\n]\n');
  return parts.join('');
}

/** A small edit, as a commit would make: a few lines replaced or inserted. JSON stays an array. */
export function editSource(kind: SourceKind, text: string, r: Random): string {
  const lines = text.split('\n');
  const edits = r.int(1, 4);
  for (let i = 0; i < edits; i++) {
    let at = r.int(1, Math.max(1, lines.length - 3));
    // JSON: only before a field line, so the file stays valid JSON.
    if (kind === 'json') while (at < lines.length - 1 && !lines[at]!.startsWith('    "')) at++;
    const replacement = kind === 'json'
      ? `    "${camel(r)}": "${word(r)}-${r.int(1, 9999)}",`
      : kind === 'md' ? sentence(r) : kind === 'py' ? `    # ${sentence(r, 3, 9)}` : `  // ${sentence(r, 3, 9)}`;
    if (kind === 'json' || r.chance(0.5)) lines.splice(at, 0, replacement);
    else lines[at] = replacement;
  }
  return lines.join('\n');
}

export { word as randomWord, camel as randomCamel };
