/**
 * File names built to rewrite a terminal: cursor moves, erase, colour, OSC titles and links,
 * C1 controls, backspace, bidirectional overrides and isolates, line separators and newlines,
 * each trying to show `fakeVerdict` where the real verdict should be.
 */
export function hostileNames(fakeVerdict: string): string[] {
  return [
    `\x1b[2K\r${fakeVerdict}.env`,
    `\x1b[1A\x1b[2K\x1b[32m${fakeVerdict}\x1b[0m.env`,
    '\x1b]0;airlock says GO\x07title.env',
    '\x1b]8;;file:evil\x07link\x1b]8;;\x07.env',
    '\u009b2J\u009b32mc1-csi.env',
    'back\bspace\x7f.env',
    `rtl\u202e${'vne.'}`,
    `isolate\u2066${fakeVerdict}\u2069.env`,
    `line\u2028${fakeVerdict}.env`,
    `new\n${fakeVerdict}\n.env`,
  ];
}
