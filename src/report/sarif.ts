import { pathToFileURL } from 'node:url';
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/result.js';
import type { Severity } from '../model/severity.js';
// From the JSON renderer's module: a git hook printing JSON loads one chunk of the bundle for it.
import { jsonChunks, JsonList } from './json.js';

const LEVEL = { block: 'error', review: 'warning', info: 'note' } as const satisfies Record<Severity, string>;

const rootId = (index: number) => `ROOT${index}`;

/** A relative POSIX path as a URI reference: each segment percent-encoded. */
const toUriReference = (path: string) => path.split('/').map(encodeURIComponent).join('/');

function describeRules(findings: Finding[]) {
  const rules = new Map<string, Finding>();
  for (const f of findings) if (!rules.has(f.ruleId)) rules.set(f.ruleId, f);
  return [...rules.values()].map((f) => ({
    id: f.ruleId,
    shortDescription: { text: f.message },
    help: { text: f.remediation },
    properties: { category: f.category },
    defaultConfiguration: { level: LEVEL[f.severity] },
  }));
}

function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/** SARIF 2.1.0, for code-scanning dashboards. Paths are relative to one base id per root. Written in pieces, each result made as it is written. */
export function formatSarif(result: ScanResult, version: string): Iterable<string> {
  const rules = describeRules(result.findings);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const rootIndex = new Map(result.roots.map((r, i) => [r, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'airlock', version, semanticVersion: version, rules } },
        originalUriBaseIds: Object.fromEntries(
          result.roots.map((root, i) => [rootId(i), { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` }]),
        ),
        invocations: [
          {
            executionSuccessful: result.isComplete,
            toolExecutionNotifications: result.skipped.map((s) => ({
              level: 'warning',
              message: { text: `not scanned (${s.reason}): ${s.detail}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: toUriReference(s.path), uriBaseId: rootId(rootIndex.get(s.root) ?? 0) } } }],
            })),
          },
        ],
        results: new JsonList(mapped(result.findings, (f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId)!,
          level: LEVEL[f.severity],
          message: { text: f.secret ? `${f.message} (${f.secret})` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUriReference(f.path), uriBaseId: rootId(rootIndex.get(f.root) ?? 0) },
                ...(f.line ? { region: { startLine: f.line, startColumn: f.column } } : {}),
              },
            },
          ],
          partialFingerprints: { 'airlock/v1': f.fingerprint },
          properties: { category: f.category, source: f.source, ...(f.commit ? { commit: f.commit } : {}) },
        }))),
        // Advice is not a result (it never fails a check); it rides in the run's property bag.
        ...(result.advice?.length || result.audit ? { properties: { ...(result.advice?.length ? { advice: result.advice } : {}), ...(result.audit ? { audit: result.audit } : {}) } } : {}),
      },
    ],
  };
  return jsonChunks(log);
}
