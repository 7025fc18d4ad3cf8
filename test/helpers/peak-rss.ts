import { fileURLToPath, pathToFileURL } from 'node:url';

const PRELOAD = pathToFileURL(fileURLToPath(new URL('./preload/peak-rss.mjs', import.meta.url))).href;

/** Node arguments that make the CLI print its peak RSS on exit (see preload/peak-rss.mjs). */
export const PEAK_RSS_NODE_ARGS = ['--import', PRELOAD] as const;

const LINE = /^airlock-test: peak-rss-kb (\d+)\n/m;

/** The peak RSS the CLI printed, in MB, and its stderr without that line. */
export function peakRss(stderr: string): { mb: number; stderr: string } {
  const match = LINE.exec(stderr);
  if (!match) throw new Error(`the CLI printed no peak RSS: ${stderr}`);
  return { mb: Math.round(Number(match[1]) / 1024), stderr: stderr.replace(LINE, '') };
}

/** Figures seen by this test file, printed at the end so a run shows them. */
export const peakFigures: string[] = [];
