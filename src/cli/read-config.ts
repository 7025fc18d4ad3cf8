import { readFileSync } from 'node:fs';
import { fail, ok, type Outcome } from '../model/outcome.js';
import type { AirlockConfig } from '../rules/config-syntax.js';

/** Where a schema issue is: `data.terms[2]`, or the file itself. */
const fieldOf = (path: readonly PropertyKey[]) =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '') || '(the file)';

/**
 * Reads and validates the configuration file named by `--config`: YAML, checked against the
 * schema (unknown keys are errors). Every problem comes back as one line naming the field.
 * YAML and the schema load only when a configuration is given.
 */
export async function readConfig(file: string): Promise<Outcome<AirlockConfig>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(`--config ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}: cannot read`);
  }
  const [{ parse }, { configSyntax }] = await Promise.all([import('yaml'), import('../rules/config-syntax.js')]);
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    return fail(`--config ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = configSyntax.safeParse(raw);
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => `--config ${file}: ${fieldOf([...issue.path, key])}: unknown key`)
          : [`--config ${file}: ${fieldOf(issue.path)}: ${issue.message}`],
      ),
    );
  }
  return ok(parsed.data);
}
