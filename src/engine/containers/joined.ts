import type { FileFinding } from '../../model/finding.js';
import { lastAtMost } from './strings.js';

/**
 * A table's cells scanned as one text, one cell per line, so the rules' keyword pass runs once
 * per group of cells, not once per cell; each finding is then placed back in its cell.
 */
export interface Piece {
  text: string;
  /** The cell: `file!table.column`. */
  path: string;
  /** The cell's row, reported as the line. */
  row: number;
  /** For a printable run of a blob: its byte offset in the blob and bytes per character (columns are then bytes of the blob). */
  offset?: number;
  width?: number;
}

export function joinPieces(pieces: readonly Piece[]): string {
  // NULs would make the joined text look binary: they are noise here.
  return pieces.map((piece) => piece.text.replaceAll('\0', ' ')).join('\n');
}

/** The line starts of a text (or of ASCII bytes): 0, then after each line feed. */
export function lineStarts(text: string | Buffer): number[] {
  const starts = [0];
  const next = typeof text === 'string' ? (from: number) => text.indexOf('\n', from) : (from: number) => text.indexOf(0x0a, from);
  for (let i = next(0); i !== -1; i = next(i + 1)) starts.push(i + 1);
  return starts;
}

/** Puts findings of the joined text in their cell: its path, the row as line, the position in the cell as column. */
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
    return { ...finding, path: piece.path, line: piece.row, column: (piece.offset ?? 0) + within * (piece.width ?? 1) + 1 };
  });
}
