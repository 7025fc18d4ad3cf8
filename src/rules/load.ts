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
  if ((first !== 'rules' && first !== 'providers') || typeof index !== 'number') return path.join('.') || '(file)';
  const entries = (raw as Record<string, { id?: unknown; provider?: unknown }[] | undefined>)[first];
  const { id, provider } = entries?.[index] ?? {};
  const name =
    typeof id === 'string' ? `rule ${id}` : typeof provider === 'string' ? `provider ${provider} (#${index + 1})` : `${first === 'rules' ? 'rule' : 'provider'} #${index + 1}`;
  return rest.length > 0 ? `${name}: ${rest.join('.')}` : name;
}

/** The YAML parser and the schema are loaded only when rule files are actually read. */
const loadParsers = async () => {
  const [{ parse }, { ruleFileSyntax }, { providerFileSyntax }, { compileProviderEntry }] = await Promise.all([
    import('yaml'),
    import('./syntax.js'),
    import('./provider-syntax.js'),
    import('./provider-compile.js'),
  ]);
  return { parse, ruleFileSyntax, providerFileSyntax, compileProviderEntry };
};
type Parsers = Awaited<ReturnType<typeof loadParsers>>;

/** Provider files are kept in a `providers` folder inside a rules folder; they hold `providers:`, not `rules:`. */
export const PROVIDERS_FOLDER = 'providers';
const isProviderFile = (raw: unknown) => typeof raw === 'object' && raw !== null && 'providers' in raw;

/** Reads a provider file and compiles each of its entries into a rule definition. */
function loadProviderFile(file: string, raw: unknown, { providerFileSyntax, compileProviderEntry }: Parsers): Outcome<RuleDefinition[]> {
  const parsed = providerFileSyntax.safeParse(raw);
  if (!parsed.success) {
    return fail(...parsed.error.issues.map((issue) => `${displayPath(file)}: ${describeIssuePath(raw, issue.path)}: ${issue.message}`));
  }
  const errors: string[] = [];
  const rules: RuleDefinition[] = [];
  parsed.data.providers.forEach((entry, i) => {
    const compiled = compileProviderEntry(entry, displayPath(file));
    if (compiled.ok) rules.push(compiled.value);
    else errors.push(...compiled.errors.map((e) => `${displayPath(file)}: ${describeIssuePath(raw, ['providers', i])}: ${e}`));
  });
  return errors.length > 0 ? fail(...errors) : ok(rules);
}

/** Reads and validates one rule file: every problem in it, one line each. */
function loadRuleFile(file: string, parsers: Parsers): Outcome<RuleDefinition[]> {
  const { parse, ruleFileSyntax } = parsers;
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`${displayPath(file)}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (isProviderFile(raw)) return loadProviderFile(file, raw, parsers);
  const parsed = ruleFileSyntax.safeParse(raw);
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.map((issue) => `${displayPath(file)}: ${describeIssuePath(raw, issue.path)}: ${issue.message}`),
    );
  }
  return ok(parsed.data.rules.map((rule) => ({ ...rule, file: displayPath(file) })));
}

const yamlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));

/** The rule files of a folder, sorted: `*.yml` and `*.yaml`, then those of its `providers` folder. */
export function listRuleFiles(dir: string): Outcome<string[]> {
  try {
    if (!statSync(dir).isDirectory()) return fail(`${dir}: not a folder of rules`);
    const providers = join(dir, PROVIDERS_FOLDER);
    const hasProviders = statSync(providers, { throwIfNoEntry: false })?.isDirectory() ?? false;
    return ok([...yamlFiles(dir), ...(hasProviders ? yamlFiles(providers) : [])]);
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
