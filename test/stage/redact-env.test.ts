import { describe, expect, it } from 'vitest';
import { isEnvFile, PLACEHOLDER, redactEnv, REMOVED_OTHER_LINE, REMOVED_SECRET_LINE } from '../../src/stage/redact-env.js';

const P = PLACEHOLDER;

describe('redactEnv', () => {
  it.each([
    ['plain values', 'A=1\nB=two words\n', `A=${P}\nB=${P}\n`, 2, 0],
    ['export, spacing and indentation kept', '  export TOKEN = abc\n', `  export TOKEN = ${P}\n`, 1, 0],
    ['comments and blank lines kept', '# db\n\nDB=x # inline\n', `# db\n\nDB=${P}\n`, 1, 0],
    ['empty values stay empty', 'A=\nB=""\nC=\'\'\nD= # none\n', 'A=\nB=\nC=\nD=\n', 0, 0],
    ['quoted values', 'A="x y"\nB=\'z\'\nC=`w`\n', `A=${P}\nB=${P}\nC=${P}\n`, 3, 0],
    ['escaped quote inside double quotes', 'A="x\\"y"\nB=2\n', `A=${P}\nB=${P}\n`, 2, 0],
    ['a multi-line value becomes one line', 'KEY="-----BEGIN\nMIIEow\n-----END"\nNEXT=1\n', `KEY=${P}\nNEXT=${P}\n`, 2, 2],
    ['an unclosed quote swallows the rest, never keeps it', 'A="open\nsecret line\nB=2\n', `A=${P}`, 1, 3],
    ['YAML-style colon', 'A: 1\n', `A: ${P}\n`, 1, 0],
    ['lines that are not KEY=value are dropped', 'just some text ghp_x\nA=1\n', `${REMOVED_OTHER_LINE}\nA=${P}\n`, 1, 1],
    ['CRLF kept', 'A=1\r\nB=2\r\n', `A=${P}\r\nB=${P}\r\n`, 2, 0],
  ])('%s', (_name, input, output, values, removed) => {
    expect(redactEnv(input)).toEqual({ text: output, values, removed });
  });

  it('drops a comment on which the scan found a secret', () => {
    expect(redactEnv('# old: ghp_abc\n# fine\nA=1', new Set([1]))).toEqual({ text: `${REMOVED_SECRET_LINE}\n# fine\nA=${P}`, values: 1, removed: 1 });
  });
});

describe('isEnvFile', () => {
  it.each([['.env', true], ['.env.local', true], ['.env.example', true], ['prod.env', true], ['.envrc', false], ['env', false], ['.env-file', false], ['.env.ts', false], ['.env.json', false], ['config.env', true]])(
    '%s → %s',
    (name, expected) => expect(isEnvFile(name)).toBe(expected),
  );
});
