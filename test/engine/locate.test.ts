import { describe, expect, it } from 'vitest';
import { createLocator } from '../../src/engine/locate.js';

describe('createLocator', () => {
  const text = 'first\nsecond line\n\nfourth\r\nfifth';
  //            0     6            18 19      27
  it.each([
    [0, 1, 1],
    [4, 1, 5],
    [5, 1, 6], // the newline itself belongs to line 1
    [6, 2, 1],
    [13, 2, 8],
    [18, 3, 1], // an empty line
    [19, 4, 1],
    [25, 4, 7], // the \r of a CRLF line
    [27, 5, 1],
    [31, 5, 5],
  ])('puts offset %i at line %i, column %i', (index, line, column) => {
    expect(createLocator(text)(index)).toEqual({ line, column });
  });

  it('counts columns in UTF-16 code units, as JavaScript strings do', () => {
    const locate = createLocator('é✓😀x\nz');
    expect(locate(4)).toEqual({ line: 1, column: 5 }); // the emoji is two code units
    expect(locate(6)).toEqual({ line: 2, column: 1 });
  });

  it('answers any number of queries in any order', () => {
    const locate = createLocator('a\nb\nc');
    expect([4, 0, 2, 4].map(locate)).toEqual([
      { line: 3, column: 1 },
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
    ]);
  });
});
