import type { ScanResult } from '../model/result.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { ANSI, formatText, PLAIN } from './text.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderContext {
  version: string;
  isColor: boolean;
}

/** Every format has a renderer: adding one to FORMATS does not compile until it is written here. */
export const RENDERERS = {
  text: (result, context) => formatText(result, context.isColor ? ANSI : PLAIN),
  json: (result) => formatJson(result),
  sarif: (result, context) => formatSarif(result, context.version),
} as const satisfies Record<Format, (result: ScanResult, context: RenderContext) => string>;
