/**
 * One pass over a file's text that tells which rule keywords occur in it, so that most files
 * run no rule regex at all. Keywords are matched case-insensitively.
 */
export type Prefilter = (text: string) => Set<string>;

const escapeRegex = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createPrefilter(keywords: Iterable<string>): Prefilter {
  const unique = [...new Set([...keywords].map((k) => k.toLowerCase()))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return () => new Set();
  // A keyword found also proves every keyword it contains (`sk-ant-` holds `sk-`).
  const implied = new Map(unique.map((k) => [k, unique.filter((other) => k.includes(other))]));
  const combined = new RegExp(unique.map(escapeRegex).join('|'), 'gi');
  return (text) => {
    const found = new Set<string>();
    combined.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = combined.exec(text)) !== null) {
      for (const keyword of implied.get(match[0].toLowerCase()) ?? []) found.add(keyword);
      if (found.size === unique.length) break;
      // Restart one character on, so a keyword overlapping this match is not missed.
      combined.lastIndex = match.index + 1;
    }
    return found;
  };
}
