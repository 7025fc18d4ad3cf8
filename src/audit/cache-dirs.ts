/**
 * Caches and package stores `airlock audit` does not read by default (`--include-caches` reads
 * them): downloaded packages and build output, large and rarely written by the user. Gitignore
 * syntax from the home: a leading `/` anchors a path at the home, none matches at any depth.
 * Each excluded folder is listed by name in the report.
 */
export const CACHE_GLOBS = [
  '/.cache/',
  '/.npm/_cacache/',
  '/.npm/_npx/',
  'node_modules/',
  '/.cargo/registry/',
  '/.cargo/git/',
  '/.rustup/',
  '/go/pkg/',
  '/.m2/repository/',
  '/.gradle/caches/',
  '/.gradle/wrapper/dists/',
  '/.ivy2/cache/',
  '/.sbt/boot/',
  '/.nuget/packages/',
  '/.pnpm-store/',
  '/.local/share/pnpm/store/',
  '/.yarn/berry/cache/',
  '/.bun/install/cache/',
  '/.pyenv/versions/',
  '/.nvm/versions/',
  '/.local/share/Trash/',
  '/.Trash/',
  '/.vscode/extensions/',
  '/.vscode-server/',
  '/.cursor/extensions/',
  '/Library/Caches/',
  '/Library/Developer/Xcode/DerivedData/',
  '/snap/',
] as const;

export const CACHE_EXCLUSION_BY = 'airlock audit: caches and package stores, not read (--include-caches reads them)';
