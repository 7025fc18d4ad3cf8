import type { ScanResult } from '../model/result.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { ANSI, formatText, PLAIN } from './text.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
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
  markdown: (result, context) => formatMarkdown(result, context.version),
  html: (result, context) => formatHtml(result, context.version),
} as const satisfies Record<Format, (result: ScanResult, context: RenderContext) => string>;
