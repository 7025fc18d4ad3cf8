import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small rule folder for tests, passed with `--rules DIR`, so that tests do not depend on the
 * shipped rule pack. Its examples are fixed and plainly fake; tests plant random values.
 */
export const TEST_RULES_YAML = `# Rules used by the test suite only.
rules:
  - id: fake-token
    name: Fake test token
    category: token
    severity: block
    description: A token shape that exists only in airlock's tests.
    remediation: Rotate the fake token.
    content:
      pattern: '(?<secret>fake_tok_[A-Za-z0-9]{32})(?![A-Za-z0-9])'
      keywords: [fake_tok_]
    examples:
      - "token: fake_tok_Q7rT2mZp9LxW4nVb8KcJ3hYd6FgS1aEu"
      - "fake_tok_Lm3Nx8Vb2Tc7Hy4Qw9Kp1Zr6Ds5Fg0Aj"
    negative_examples:
      - "token: fake_tok_Q7rT2mZp9LxW4nVb"
      - "token: fake_tok_Q7rT2mZp9LxW4nVb8KcJ3hYd6FgS1aEuX"
  - id: fake-note
    name: Fake note
    category: pii
    severity: review
    description: A review-severity shape that exists only in airlock's tests.
    remediation: Look at the fake note.
    content:
      pattern: '(?<secret>fake_note_[A-Za-z0-9]{24})(?![A-Za-z0-9])'
      keywords: [fake_note_]
    examples:
      - "fake_note_Zr4Kp8Qw2Lm6Nx3Vb7Tc9Hy1"
      - "see fake_note_Hy1Tc9Vb7Nx3Lm6Qw2Kp8Zr4"
    negative_examples:
      - "fake_note_Zr4Kp8Qw"
      - "fake-note-Zr4Kp8Qw2Lm6Nx3Vb7Tc9Hy1"
  - id: fake-key-file
    name: Fake key file
    category: private-key
    severity: block
    description: A file name that exists only in airlock's tests.
    remediation: Move the fake key file.
    path:
      include: ['**/*.fakekey']
    examples:
      - id.fakekey
      - nested/dir/deploy.fakekey
    negative_examples:
      - id.fakekey.pub
      - keys/fakekey.txt
`;

/** Writes the test rules into `<parent>/rules` and returns that folder. */
export function writeTestRules(parent: string): string {
  const dir = join(parent, 'rules');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'test-rules.yml'), TEST_RULES_YAML);
  return dir;
}
