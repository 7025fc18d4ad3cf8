/** Turns character offsets into 1-based line and column, indexing line starts only once asked. */
export type Locator = (index: number) => { line: number; column: number };

export function createLocator(text: string): Locator {
  let lineStarts: number[] | undefined;
  return (index) => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    }
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: index - lineStarts[low]! + 1 };
  };
}
