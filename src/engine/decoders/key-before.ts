const KEY_BEFORE = /([A-Za-z_][\w.-]{0,63})["']?[ \t]*[:=][ \t]*["']?$/;

/**
 * The key a value at `index` is assigned to on its line (`password: <value>`, `"token": "<value>"`),
 * so that the decoded value, scanned again, still stands beside its name.
 */
export function keyBefore(text: string, index: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return KEY_BEFORE.exec(text.slice(Math.max(lineStart, index - 80), index))?.[1];
}
