import type { ScanResult } from '../model/result.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderContext {
  version: string;
  isColor: boolean;
}

/** A report as pieces of text, written one after the other (a long report is never held as one string). */
export type Renderer = (result: ScanResult, context: RenderContext) => Iterable<string>;

/**
 * Every format has a renderer: adding one to FORMATS does not compile until it is written here.
 * Each is loaded when asked for: a git hook prints text and loads no HTML, SARIF or Markdown.
 */
export const RENDERERS = {
  text: async () => {
    const { ANSI, formatText, PLAIN } = await import('./text.js');
    return (result, context) => formatText(result, context.isColor ? ANSI : PLAIN);
  },
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => {
    const { formatSarif } = await import('./sarif.js');
    return (result, context) => formatSarif(result, context.version);
  },
  markdown: async () => {
    const { formatMarkdown } = await import('./markdown.js');
    return (result, context) => formatMarkdown(result, context.version);
  },
  html: async () => {
    const { formatHtml } = await import('./html.js');
    return (result, context) => formatHtml(result, context.version);
  },
} as const satisfies Record<Format, () => Promise<Renderer>>;

export const rendererFor = (format: Format): Promise<Renderer> => RENDERERS[format]();
