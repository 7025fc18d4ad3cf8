/** The oldest Node.js airlock runs on: its regex engine, `node:sqlite` and stream APIs. */
export const MIN_NODE_MAJOR = 22;

/**
 * One line saying that this Node.js is too old and how to get a newer one, or undefined. Checked
 * before anything else loads, so an old Node gets this line and not a syntax error or a wrong
 * result from a missing API.
 */
export function nodeTooOld(version: string): string | undefined {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (Number.isInteger(major) && major >= MIN_NODE_MAJOR) return undefined;
  return `airlock: needs Node.js ${MIN_NODE_MAJOR} or newer (this is ${version}); install it from https://nodejs.org, with your package manager, or \`npm install --prefix ~/.local/node node@24\` and put ~/.local/node/node_modules/.bin first on PATH`;
}
