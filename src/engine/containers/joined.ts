import type { FileFinding } from '../../model/finding.js';

/**
 * Many small texts (a binary's printable runs, a table's cells) scanned as one text, one per
 * line, so the rules' keyword pass runs once; each finding is then placed back in its piece.
 */
export interface Piece {
  text: string;
  /** Where the piece is: `file@0x…` for a run (with `offset`), `file!table.column` for a cell (with `row`). */
  path: string;
  /** A run's byte offset in the binary, and its bytes per character. */
  offset?: number;
  width?: number;
  /** A cell's row (reported as the line); its character positions are reported as columns. */
  row?: number;
}

export function joinPieces(pieces: readonly Piece[]): string {
  // NULs would make the joined text look binary: they are noise between printable runs.
  return pieces.map((piece) => piece.text.replaceAll('\0', ' ')).join('\n');
}

/** The line starts of a text: 0, then after each line feed. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The last index whose value is at most `value` (ascending values). */
function lastAtMost(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (values[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Puts findings of the joined text at their piece: path, and row and column or byte offset. */
export function placeFindings(pieces: readonly Piece[], text: string, findings: FileFinding[]): FileFinding[] {
  if (findings.length === 0) return findings;
  const lines = lineStarts(text);
  const starts: number[] = [];
  let at = 0;
  for (const piece of pieces) {
    starts.push(at);
    at += piece.text.length + 1;
  }
  return findings.map((finding) => {
    if (finding.line === undefined) return finding;
    const index = lines[finding.line - 1]! + finding.column! - 1;
    const k = lastAtMost(starts, index);
    const piece = pieces[k]!;
    const within = index - starts[k]!;
    const { line: _line, column: _column, ...rest } = finding;
    if (piece.offset !== undefined) return { ...rest, path: `${piece.path}@0x${(piece.offset + within * piece.width!).toString(16)}` };
    return { ...rest, path: piece.path, line: piece.row, column: within + 1 };
  });
}
