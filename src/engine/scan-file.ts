import { CATEGORY_REMEDIATION } from '../model/categories.js';
import type { FileFinding } from '../model/finding.js';
import type { CompiledRule } from '../model/rule.js';
import { decodeText, detectEncoding } from './decode.js';
import { createLocator } from './locate.js';
import { fingerprint, maskSecret } from './mask.js';
import { findHits } from './match-content.js';
import type { RuleSet } from './rule-set.js';
import { runSecretlint } from './run-secretlint.js';
import { shortSecretlintId } from './secretlint-rules.js';

export interface EngineOptions {
  showSecrets: boolean;
}

function describe(rule: CompiledRule): Pick<FileFinding, 'ruleId' | 'category' | 'severity' | 'message' | 'remediation'> {
  return {
    ruleId: rule.id,
    category: rule.category,
    severity: rule.severity,
    message: `${rule.name}: ${rule.description}`,
    remediation: rule.remediation,
  };
}

/** Findings about a whole file, decided from its path alone (no read needed). */
export function matchPath(ruleSet: RuleSet, path: string): FileFinding[] {
  return ruleSet.pathRules
    .filter((rule) => rule.matchesPath!(path))
    .map((rule) => ({ ...describe(rule), path, fingerprint: fingerprint(rule.id, `path:${path}`) }));
}

/**
 * Findings in one file's content. The raw secret never leaves this function unless the user
 * asked for secrets: masking happens here, before anything downstream sees a value.
 */
export async function scanContent(
  ruleSet: RuleSet,
  path: string,
  bytes: Uint8Array,
  options: EngineOptions,
): Promise<FileFinding[]> {
  const encoding = detectEncoding(bytes);
  if (encoding === 'binary') return [];
  // The prefilter reads bytes: UTF-8 files are decoded only when a keyword occurs in them.
  let text = encoding === 'utf8' ? undefined : decodeText(bytes, encoding);
  const present = ruleSet.prefilter(text === undefined ? bytes : Buffer.from(text));
  if (present.size === 0) return [];
  text ??= decodeText(bytes, 'utf8');
  const isActive = (keywords: readonly string[]) => keywords.some((k) => present.has(k));
  const ownRules = ruleSet.contentRules.filter(
    (rule) => isActive(rule.content!.keywords) && (!rule.matchesPath || rule.matchesPath(path)),
  );
  const hits = ownRules.flatMap((rule) => findHits(text, rule).map((hit) => ({ ...hit, about: describe(rule) })));
  const lintHits = await runSecretlint(ruleSet.secretlintRules.filter((r) => isActive(r.keywords)), text, path);

  const locate = createLocator(text);
  const findings: FileFinding[] = [];
  const seen = new Set<string>();
  const linesWithOwnHit = new Set<number>();
  const add = (about: ReturnType<typeof describe>, index: number, secret: string, isSecretlint: boolean) => {
    const { line, column } = locate(index);
    if (isSecretlint && linesWithOwnHit.has(line)) return;
    const key = `${line}\0${secret}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (!isSecretlint) linesWithOwnHit.add(line);
    findings.push({
      ...about,
      path,
      line,
      column,
      secret: options.showSecrets ? secret : maskSecret(secret),
      fingerprint: fingerprint(about.ruleId, secret),
    });
  };
  for (const hit of hits) add(hit.about, hit.index, hit.secret, false);
  for (const hit of lintHits) {
    const ruleId = shortSecretlintId(hit.rule.id);
    const about = {
      ruleId,
      category: hit.rule.category,
      severity: 'block' as const,
      message: `Secret reported by secretlint's ${ruleId.slice('secretlint/'.length)} rule`,
      remediation: CATEGORY_REMEDIATION[hit.rule.category],
    };
    add(about, hit.index, hit.secret, true);
  }
  return findings.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
}
