/** The arguments before a `--` (all of them when there is none): after it, `--staged` or `--help` is a path. */
export function leadingOptions(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end === -1 ? args : args.slice(0, end);
}
