/** The oldest Node.js airlock runs on: its regex engine, stream APIs and `node:sqlite` without a flag (22.13). */
export const MIN_NODE = { major: 22, minor: 13 } as const;

/**
 * One line saying that this Node.js is too old and how to get a newer one, or undefined. Checked
 * before anything else loads, so an old Node gets this line and not a syntax error or a wrong
 * result from a missing API.
 */
export function nodeTooOld(version: string): string | undefined {
  const [major, minor] = version.split('.').map((part) => Number.parseInt(part, 10));
  if (major! > MIN_NODE.major || (major === MIN_NODE.major && minor! >= MIN_NODE.minor)) return undefined;
  return `airlock: needs Node.js ${MIN_NODE.major}.${MIN_NODE.minor} or newer (this is ${version}); install it from https://nodejs.org, with your package manager, or \`npm install --prefix ~/.local/node node@24\` and put ~/.local/node/node_modules/.bin first on PATH`;
}
