import { useStdout } from 'ink';
import { useCallback } from 'react';

/**
 * Moves ink's frame to the top of the screen. ink enters the alternate screen, at start and
 * after the editor, with the cursor where the shell or the editor left it, and draws from
 * there: a frame as tall as the screen then scrolls, and the title and verdict are what scroll
 * away. Written through ink (it erases its frame, writes this, and draws the frame again).
 */
export function useHomeCursor(): () => void {
  const { write } = useStdout();
  return useCallback(() => write('\x1b[H\x1b[J'), [write]);
}
