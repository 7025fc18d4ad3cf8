/**
 * One line for a command-line mistake that node:util's parseArgs rejected, in our words: its
 * own messages run over several lines, and one of them loses its closing quote when cut.
 */
export function describeParseError(error: NodeJS.ErrnoException): string {
  const option = /'(-{1,2}[\w-]+)/.exec(error.message)?.[1] ?? 'an option';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option} (a folder whose name starts with "-" goes after "--": airlock scan -- ${option})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/ambiguous/.test(error.message)) return `${option} needs a value; the next argument starts with "-" (write ${option}=VALUE to pass such a value)`;
      if (/missing/.test(error.message)) return `${option} needs a value`;
      return `${option}: ${error.message.split('\n')[0]}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument: ${error.message.split('\n')[0]}`;
    default:
      return error.message.split('\n')[0] ?? 'bad command line';
  }
}
