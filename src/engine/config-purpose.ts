/**
 * Whether a file's purpose is configuration: where a value under a credential name is a
 * setting the application runs with, not an example. Judged from the path alone (base name
 * and the folders above). Rules with `severity_in_config` take that severity in such files.
 *
 * A stopgap until the shared context stage (file purpose, position of the match) lands:
 * it then replaces this test.
 */
const CONFIG_NAMES: readonly RegExp[] = [
  /^\.env(?:[.-].*)?$/,
  /\.env$/,
  /\.tfvars(?:\.json)?$/,
  /^secrets?\.[\w.-]+$/,
  /^credentials?\.[\w.-]+$/,
  /^application(?:[-.][\w-]+)?\.(?:properties|ya?ml)$/,
  /^bootstrap(?:-[\w-]+)?\.(?:properties|ya?ml)$/,
  /^appsettings(?:\.[\w-]+)?\.json$/,
  /^local\.settings\.json$/,
  /^(?:[\w-]+_)?settings\.py$/,
  /^wp-config\.php$/,
  /^(?:web|app)(?:\.[\w-]+)?\.config$/i,
  /^database\.ya?ml$/,
  /^config\.(?:ya?ml|json|toml|ini)$/,
];

/** Folders whose files are settings by purpose (`settings/production.py`, `config/prod.yml`). */
const CONFIG_FOLDERS = /(?:^|\/)(?:settings|config|conf)\/[\w.-]+\.(?:py|ya?ml|json|toml|ini|properties)$/;

/** Documentation, examples and tests are never configuration, whatever their names. */
const NOT_CONFIG = /(?:^|\/)(?:docs?|examples?|samples?|tests?|spec|fixtures?|__tests__|testdata)\/|\.(?:example|sample|template|dist|tmpl)$/i;

export function isConfigPurposePath(path: string): boolean {
  if (NOT_CONFIG.test(path)) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return CONFIG_NAMES.some((pattern) => pattern.test(name)) || CONFIG_FOLDERS.test(path);
}
