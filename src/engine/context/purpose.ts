/**
 * What a file is for, from its path alone: a finding in a guide or a test fixture weighs less
 * than the same value in a configuration file the application reads at run time.
 */
export type FilePurpose = 'documentation' | 'test' | 'configuration' | 'lockfile' | 'generated' | 'source';

const DOC_FOLDER = /(?:^|\/)(?:docs?|docs_src|documentation|guides?|manual|website\/content)\//i;
const DOC_FILE = /\.(?:md|mdx|markdown|rst|adoc|asciidoc|rdoc|textile)$/i;
const TEST_FOLDER = /(?:^|\/)(?:tests?|spec|specs|__tests__|testdata|test-data|test_data|fixtures?|__fixtures__|__mocks__|mocks?|testing|e2e)\//i;
const TEST_FILE = /(?:^|\/)(?:test_[^/]*\.py|[^/]*_(?:test|spec)\.[a-z]+|[^/]*\.(?:test|spec)\.[a-z]+|conftest\.py)$/i;
const LOCKFILE = /(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|npm-shrinkwrap\.json|Cargo\.lock|Gemfile\.lock|poetry\.lock|Pipfile\.lock|composer\.lock|go\.sum|uv\.lock|[^/]*\.lock)$/i;
const GENERATED = /(?:^|\/)(?:node_modules|vendor|third_party|dist|build|\.next|bower_components)\/|\.min\.(?:js|css)$|\.map$/i;
const CONFIGURATION = new RegExp(
  [
    /(?:^|\/)\.env(?:\.[\w.-]+)?$/,
    /\.env$/,
    /\.tfvars(?:\.json)?$/,
    /(?:^|\/)secrets?\.[\w.]+$/,
    /(?:^|\/)[^/]*secrets?[^/]*\.(?:ya?ml|json|toml|ini|properties)$/,
    /(?:^|\/)credentials?(?:\.[\w.]+)?$/,
    /(?:^|\/)application[\w.-]*\.(?:properties|ya?ml)$/,
    /(?:^|\/)appsettings[\w.-]*\.json$/,
    /(?:^|\/)(?:[\w-]+_)?settings\.py$/,
    /(?:^|\/)settings\/[\w.-]+\.py$/,
    /(?:^|\/)(?:web|app)(?:\.[\w-]+)?\.config$/,
    /(?:^|\/)(?:database|storage|cable|master)\.yml$/,
    /(?:^|\/)wp-config\.php$/,
    /\.(?:ini|cfg|conf|properties)$/,
  ]
    .map((re) => re.source)
    .join('|'),
  'i',
);

/**
 * The purpose of a file. A test fixture wins over configuration (`test/dummy/config/secrets.yml`
 * is a fixture); a guide's code sample is documentation wherever its folder says so.
 */
export function filePurpose(path: string): FilePurpose {
  if (LOCKFILE.test(path)) return 'lockfile';
  if (GENERATED.test(path)) return 'generated';
  if (TEST_FOLDER.test(path) || TEST_FILE.test(path)) return 'test';
  if (DOC_FILE.test(path) || DOC_FOLDER.test(path)) return 'documentation';
  if (CONFIGURATION.test(path)) return 'configuration';
  return 'source';
}
