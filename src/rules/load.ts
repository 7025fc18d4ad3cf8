import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, ok, type Outcome } from '../model/outcome.js';
import type { RuleDefinition } from './syntax.js';

/** The rules shipped with airlock. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));

/** How definitions and messages name a rule file: relative to the working folder when inside it, else as given. */
export const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};

function describeIssuePath(raw: unknown, path: readonly PropertyKey[]): string {
  const [first, index, ...rest] = path;
  if (first !== 'rules' || typeof index !== 'number') return path.join('.') || '(file)';
  const rules = (raw as { rules?: { id?: unknown }[] }).rules;
  const id = rules?.[index]?.id;
  const name = typeof id === 'string' ? `rule ${id}` : `rule #${index + 1}`;
  return rest.length > 0 ? `${name}: ${rest.join('.')}` : name;
}

/** The YAML parser and the schema are loaded only when rule files are actually read. */
const loadParsers = async () => {
  const [{ parse }, { ruleFileSyntax }] = await Promise.all([import('yaml'), import('./syntax.js')]);
  return { parse, ruleFileSyntax };
};
type Parsers = Awaited<ReturnType<typeof loadParsers>>;

/** Reads and validates one rule file: every problem in it, one line each. */
function loadRuleFile(file: string, { parse, ruleFileSyntax }: Parsers): Outcome<RuleDefinition[]> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`${displayPath(file)}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = ruleFileSyntax.safeParse(raw);
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.map((issue) => `${displayPath(file)}: ${describeIssuePath(raw, issue.path)}: ${issue.message}`),
    );
  }
  return ok(parsed.data.rules.map((rule) => ({ ...rule, file: displayPath(file) })));
}

/** The rule files of a folder, sorted: `*.yml` and `*.yaml`. */
export function listRuleFiles(dir: string): Outcome<string[]> {
  try {
    if (!statSync(dir).isDirectory()) return fail(`${dir}: not a folder of rules`);
    return ok(
      readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => join(dir, name)),
    );
  } catch (error) {
    return fail(`${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}: cannot read rules folder`);
  }
}

/** Loads every rule file in the given folders; ids must be unique across all of them. */
export async function loadRules(dirs: string[]): Promise<Outcome<RuleDefinition[]>> {
  const parsers = await loadParsers();
  const errors: string[] = [];
  const rules: RuleDefinition[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    const files = listRuleFiles(dir);
    if (!files.ok) {
      errors.push(...files.errors);
      continue;
    }
    for (const file of files.value) {
      const loaded = loadRuleFile(file, parsers);
      if (!loaded.ok) {
        errors.push(...loaded.errors);
        continue;
      }
      for (const rule of loaded.value) {
        const earlier = seen.get(rule.id);
        if (earlier) errors.push(`${rule.file}: rule ${rule.id}: id: already defined in ${earlier}`);
        else seen.set(rule.id, rule.file);
        rules.push(rule);
      }
    }
  }
  return errors.length > 0 ? fail(...errors) : ok(rules);
}
