import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CompiledRule } from '../../src/model/rule.js';
import { createRuleSet, type RuleSet } from '../../src/engine/rule-set.js';
import { rulesForPath, scanContent } from '../../src/engine/scan-file.js';
import { anchorStarts, charPositions, keywordStarts } from '../../src/engine/keyword-starts.js';
import { compileRules } from '../../src/rules/compile.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { REPO_DIR } from '../helpers/cli.js';
import { fakeMnemonic } from '../helpers/fake-personal-data.js';

/** Large files of real code from the project's own dependencies: ASCII, and UTF-8 with other characters. */
function largeFiles(limit: number): string[] {
  const ascii: string[] = [];
  const utf8: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (ascii.length >= limit && utf8.length >= limit / 2) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.(js|cjs|mjs|json|md)$/.test(entry.name) && statSync(path).size > 64 * 1024) {
        const bytes = readFileSync(path);
        if (bytes.every((b) => b < 0x80)) ascii.length < limit && ascii.push(path);
        else if (utf8.length < limit / 2 && !bytes.toString('utf8').includes('\uFFFD')) utf8.push(path);
      }
    }
  };
  walk(join(REPO_DIR, 'node_modules'));
  return [...ascii, ...utf8];
}

/** The shipped rules, loaded and compiled. */
/**
 * The scan of `bytes` as it runs (at the rule's starting places) and as a whole-text scan
 * would run; the first must never have run the rule's whole-text regex.
 */
async function scanAtStartsAndWhole(ruleSet: RuleSet, rule: CompiledRule, path: string, bytes: Uint8Array) {
  const wholeText = vi.spyOn(rule.content!.regex, 'exec');
  const viaStarts = await scanContent(ruleSet, path, bytes, { showSecrets: true });
  expect(wholeText.mock.calls.length).toBe(0);
  wholeText.mockRestore();
  const whole = await scanContent(ruleSet, path, bytes, { showSecrets: true, useKeywordStarts: false });
  return { viaStarts, whole };
}

async function builtinRules() {
  const definitions = await loadRules([BUILTIN_RULES_DIR]);
  if (!definitions.ok) throw new Error(definitions.errors[0]);
  const compiled = compileRules(definitions.value);
  if (!compiled.ok) throw new Error(compiled.errors[0]);
  return { definitions: definitions.value, compiled: compiled.value };
}

/** A seeded generator, so a failure can be reproduced. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe('trying anchored rules only where their keywords occur', () => {
  it('finds exactly what matching the whole text finds, with every rule example planted in real files', async () => {
    const { definitions, compiled } = await builtinRules();
    const ruleSet = createRuleSet(compiled, { useSecretlint: false });
    const samples = definitions.flatMap((d) =>
      d.path ? [] : d.examples.flatMap((e) => (typeof e === 'string' ? [e] : [])).filter((e) => /^[\x09\x0a\x0d\x20-\x7e]*$/.test(e)),
    );
    expect(samples.length).toBeGreaterThan(900);
    const files = largeFiles(12);
    expect(files.length).toBeGreaterThanOrEqual(6);
    const next = random(42);
    let compared = 0;
    let withStarts = 0;
    let nonAsciiWithStarts = 0;
    for (const [n, file] of files.entries()) {
      const original = readFileSync(file, 'latin1');
      // Plant a share of all examples at random line starts, including near the start and end.
      const lines = original.split('\n');
      for (let i = n; i < samples.length; i += files.length) {
        lines.splice(Math.floor(next() * lines.length), 0, samples[i]!);
      }
      const text = Buffer.from(lines.join('\n'), 'latin1');
      const summary = async (useKeywordStarts: boolean) =>
        (await scanContent(ruleSet, 'big.js', text, { showSecrets: true, useKeywordStarts })).map((f) => `${f.ruleId}@${f.line}:${f.column}=${f.secret}`);
      const whole = await summary(false);
      expect(await summary(true), file).toEqual(whole);
      compared += whole.length;
      // The comparison means something only if keyword starts were really used for this text.
      const hits = ruleSet.prefilter(text);
      const decoded = text.toString('utf8');
      const positioned = decoded.length === text.length ? hits : charPositions(hits, text, decoded.length);
      expect(positioned, file).toBeDefined();
      const used = ruleSet.contentRules.filter((rule) => keywordStarts(rule, positioned!, decoded.length) !== undefined).length;
      withStarts += used;
      if (decoded.length !== text.length) nonAsciiWithStarts += used;
    }
    expect(compared).toBeGreaterThan(500);
    expect(withStarts).toBeGreaterThan(files.length * 20);
    expect(nonAsciiWithStarts).toBeGreaterThan(40);
  }, 300_000);

  it('checks a rule\'s `requires` on the whole file, not only near its keyword', async () => {
    const { definitions, compiled } = await builtinRules();
    const rule = compiled.find((r) => r.id === 'modal-token-secret')!;
    expect(rule.content!.requires.length).toBeGreaterThan(0);
    expect(rule.content!.startOffsets()).toBeDefined();
    const ruleSet = createRuleSet([rule], { useSecretlint: false });
    const filler = 'const value = computeSomething(input);\n'.repeat(8000);
    const text = Buffer.from(`// deploy to modal\n${filler}token_secret = "as-0TSKJaTZ9pXuKtOSNf5zUo"\n`);
    const found = await scanContent(ruleSet, 'big.js', text, { showSecrets: true });
    expect(found.map((f) => [f.ruleId, f.secret])).toEqual([['modal-token-secret', 'as-0TSKJaTZ9pXuKtOSNf5zUo']]);
  });
  it('looks for a sticky rule\'s `requires` only once its pattern matched, and then finds as before', async () => {
    const { compiled } = await builtinRules();
    const rule = compiled.find((r) => r.id === 'modal-token-secret')!;
    const ruleSet = createRuleSet([rule], { useSecretlint: false });
    const required = rule.content!.requires[0]!;
    const search = vi.spyOn(required, 'test');
    // "as-" everywhere (a CSS class, a word), no token: the whole-text search is not made.
    const filler = 'const value = computeSomething(input);\n'.repeat(2000);
    const noToken = Buffer.from(`<div class="has-text alias-name">as-is</div>\n${filler}`);
    expect(await scanContent(ruleSet, 'page.html', noToken, { showSecrets: true })).toEqual([]);
    expect(search).not.toHaveBeenCalled();
    // A token without its context: searched for once, and not found.
    const alone = Buffer.from('token_secret = "as-0TSKJaTZ9pXuKtOSNf5zUo"\n');
    expect(await scanContent(ruleSet, 'notes.txt', alone, { showSecrets: true })).toEqual([]);
    expect(search).toHaveBeenCalledTimes(1);
    const withContext = Buffer.from('token_id = "ak-Q8dLm2ZbWx7Rk4Tn1Pv9Cs"\ntoken_secret = "as-0TSKJaTZ9pXuKtOSNf5zUo"\n');
    const found = await scanContent(ruleSet, '.modal.toml', withContext, { showSecrets: true });
    expect(found.map((f) => f.secret)).toEqual(['as-0TSKJaTZ9pXuKtOSNf5zUo']);
    search.mockRestore();
  });
});

describe('rules anchored at a keyword inside the match', () => {
  it('tries the Azure identifiable-key rule only at its signatures, a fixed distance into the key (it scanned every source map whole)', async () => {
    const { definitions, compiled } = await builtinRules();
    const rule = compiled.find((r) => r.id === 'azure-identifiable-key')!;
    const offsets = rule.content!.startOffsets();
    expect(offsets?.get('acdb')).toEqual([76]);
    expect(offsets?.get('azse')).toEqual([42]);
    // Still found where it stands, after a long line of base64-like text that holds no signature.
    const random = (n: number) => Array.from({ length: n }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[(i * 37 + n) % 64]).join('');
    const key = `${random(76)}ACDb${random(5)}Q==`;
    const text = Buffer.from(`{"mappings":"${random(20000)}"}\nCOSMOS_KEY=${key}\n`);
    const found = await scanContent(createRuleSet([rule], { useSecretlint: false }), 'app.env', text, { showSecrets: true });
    expect(found.map((f) => f.secret)).toEqual([key]);
  });
});

describe('rules that begin inside their keyword', () => {
  it('tries the generic API-key rule only where its names end (it read whole every file it woke), and finds what a whole-text scan finds', async () => {
    const { compiled } = await builtinRules();
    const rule = compiled.find((r) => r.id === 'generic-api-key-assignment')!;
    // The pattern begins at `key` and looks behind for the name: `api_key` puts it 4 characters in.
    const offsets = rule.content!.startOffsets();
    expect(offsets?.get('api_key')).toEqual([-4]);
    expect(offsets?.get('.key')).toEqual([-1]);
    const ruleSet = createRuleSet([rule], { useSecretlint: false });
    const value = 'Qm7vT2xK9pLw4Rz8Nc3bHy6D';
    const filler = `${'const total = values.reduce((sum, value) => sum + value.length, 0);\n'.repeat(9)}for (const k of Object.keys(map)) count++;\n`.repeat(300);
    const text = Buffer.from(`${filler}const client = new Client({ api_key: "${value}" });\nconfig.stripeKey = "${value.split('').reverse().join('')}";\n`);
    const present = ruleSet.prefilter(text);
    const starts = keywordStarts(rule, present, text.length);
    expect(starts).toBeDefined();
    expect(starts!.length).toBeLessThan(text.length / 64);
    const { viaStarts, whole } = await scanAtStartsAndWhole(ruleSet, rule, 'client.js', text);
    expect(viaStarts.map((f) => f.secret)).toEqual([value, value.split('').reverse().join('')]);
    expect(viaStarts).toEqual(whole);
  });
});

describe('a rule tried where its fixed characters stand (anchor)', () => {
  it('tries the Ghost admin-key rule only at each `:` 24 characters in, and finds what a whole-text scan finds', async () => {
    const { compiled } = await builtinRules();
    const rule = compiled.find((r) => r.id === 'ghost-admin-api-key')!;
    // Its keyword (ghost) is context anywhere in the file: no place to try it from there.
    expect(rule.content!.startOffsets()).toBeUndefined();
    const ruleSet = createRuleSet([rule], { useSecretlint: false });
    const hex = (n: number) => Array.from({ length: n }, (_, i) => '0123456789abcdef'[(i * 7 + n) % 16]).join('');
    const key = `${hex(24)}:${hex(64)}`;
    // Minified code with a `:` every 80 characters or so (denser, and a full pass is cheaper).
    const minified = 'function n(t,e){return t.map(function(r){return r+e})}var o={a:1},u=n([1,2],3);'.repeat(4000);
    const text = `// ghost client\n${minified}\nconst adminKey = "${key}";\n`;
    const starts = anchorStarts(rule, text);
    expect(starts).toBeDefined();
    expect(starts!.length).toBeLessThan(text.length / 64);
    const bytes = Buffer.from(text);
    // The scan takes those places: the rule's whole-text regex is not run.
    const { viaStarts, whole } = await scanAtStartsAndWhole(ruleSet, rule, 'src/ghost.js', bytes);
    expect(viaStarts.map((f) => f.secret)).toEqual([key]);
    expect(viaStarts).toEqual(whole);
  });
});

describe('a rule tried where its own pass finds a start (content.starts)', () => {
  it('tries the seed-phrase note rule only at runs of 12 BIP-39 words, and finds what a whole-text scan finds', async () => {
    const { compiled } = await builtinRules();
    const rule = compiled.find((r) => r.id === 'bip39-seed-phrase-note')!;
    expect(rule.content!.findStarts).toBeDefined();
    const ruleSet = createRuleSet([rule], { useSecretlint: false });
    const phrase = fakeMnemonic(12);
    // Each line a run of its own (`!` is no separator), so the pass points at few places.
    const prose = 'the team should review every deploy before lunch and write notes about what broke!\n'.repeat(3000);
    // Prose holds runs of short lower-case words the pattern would read, none of list words only.
    expect(rule.content!.findStarts!(prose)).toEqual([]);
    for (const text of [`${prose}${phrase}\n`, `${prose}backup:\n${phrase.split(' ').map((w, i) => `${i + 1}. ${w}`).join('\n')}\n`, `${phrase}\n${prose}`]) {
      const bytes = Buffer.from(text);
      const { viaStarts, whole } = await scanAtStartsAndWhole(ruleSet, rule, 'notes/wallet.md', bytes);
      expect(viaStarts).toHaveLength(1);
      expect(viaStarts).toEqual(whole);
    }
  });

  it('finds a phrase holding the list word `example`, a placeholder word for tokens but not for a checksummed phrase', async () => {
    const { compiled } = await builtinRules();
    const ruleSet = createRuleSet([compiled.find((r) => r.id === 'bip39-seed-phrase-note')!], { useSecretlint: false });
    // One phrase in about 170 holds it: CI once failed on a random one that did.
    let phrase = fakeMnemonic(12);
    while (!phrase.split(' ').includes('example')) phrase = fakeMnemonic(12);
    const findings = await scanContent(ruleSet, 'notes/wallet.md', Buffer.from(`recovery:\n${phrase}\n`), { showSecrets: true });
    expect(findings.map((f) => [f.ruleId, f.secret])).toEqual([['bip39-seed-phrase-note', phrase]]);
  });
});

describe('start offsets checked against the rule\'s examples', () => {
  it('anchors a rule whose keyword lies in a lookahead past the match, and not one whose keyword lies a variable distance in', async () => {
    const { compiled } = await builtinRules();
    // The hash ends where `:::` begins: the keyword is after the match, 32 characters from its start.
    expect(compiled.find((r) => r.id === 'ntlm-pwdump-hash')!.content!.startOffsets()).toEqual(new Map([[':::', [32]]]));
    // Its keyword is 10 to 500 characters into the token, past the beginning the pattern spells
    // out: read as a keyword that goes on from it, it would be tried at the wrong place.
    expect(compiled.find((r) => r.id === 'argo-cd-token')!.content!.startOffsets()).toBeUndefined();
  });
});

describe('keyword positions in UTF-16 code units', () => {
  const prefilterOf = (keywords: string[]) => import('../../src/engine/prefilter.js').then((m) => m.createPrefilter(keywords));

  it('agrees with the decoded text after two-, three- and four-byte characters', async () => {
    const prefilter = await prefilterOf(['token', 'key']);
    const text = 'é token ✓ key 😀 token ü€😀key\n'.repeat(3);
    const bytes = Buffer.from(text, 'utf8');
    const converted = charPositions(prefilter(bytes), bytes, text.length);
    expect(converted).toBeDefined();
    for (const keyword of ['token', 'key']) {
      const expected = [...text.matchAll(new RegExp(keyword, 'g'))].map((m) => m.index);
      expect(converted!.positions.get(keyword)).toEqual(expected);
    }
  });

  it('agrees wherever the bytes start in their buffer, with non-ASCII characters in every position of a four-byte word', async () => {
    const prefilter = await prefilterOf(['token']);
    // ASCII runs of 0 to 5 bytes between characters of 2, 3 and 4 bytes: each lands in every
    // position of an aligned word, and some words hold none.
    const text = Array.from({ length: 40 }, (_, i) => `${'abcde'.slice(0, i % 6)}${['é', '€', '😀'][i % 3]} token`).join('') + ' token'.repeat(20);
    const expected = [...text.matchAll(/token/g)].map((m) => m.index);
    const encoded = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < 4; offset++) {
      const backing = Buffer.alloc(encoded.length + 8);
      encoded.copy(backing, offset);
      const bytes = backing.subarray(offset, offset + encoded.length);
      expect(charPositions(prefilter(bytes), bytes, text.length)?.positions.get('token'), `offset ${offset}`).toEqual(expected);
    }
  });

  it('places keywords right beside broken UTF-8 (decoded to U+FFFD) and after look-alike letters (the Kelvin sign)', async () => {
    const prefilter = await prefilterOf(['token']);
    for (const broken of [[0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xff], [0xc0, 0x80]]) {
      const bytes = Buffer.concat([Buffer.from('a '), Buffer.from(broken), Buffer.from(' token b TOKEN')]);
      const decoded = bytes.toString('utf8');
      const converted = charPositions(prefilter(bytes), bytes, decoded.length);
      expect(converted?.positions.get('token'), JSON.stringify(broken)).toEqual([decoded.indexOf('token'), decoded.indexOf('TOKEN')]);
    }
    for (const text of ['to\u212Aen token', '\u0130 token']) {
      const bytes = Buffer.from(text);
      expect(charPositions(prefilter(bytes), bytes, text.length)?.positions.get('token')).toEqual([text.indexOf(' token') + 1]);
    }
  });
});

describe('keywords of path-gated rules, searched per set of rules that apply', () => {
  it('searches a Markdown note for the words of the rules for notes only, and finds a gated rule\'s keyword where it applies', async () => {
    const { compiled } = await builtinRules();
    const ruleSet = createRuleSet(compiled, { useSecretlint: false });
    const gatedFor = (path: string) => rulesForPath(ruleSet, path).gatedRules.filter((rule) => !ruleSet.everyPathRules.includes(rule));
    const note = gatedFor('notes/plan.md');
    // Worked out once per set of matching path blocks, with the file's path rules.
    expect(rulesForPath(ruleSet, 'notes/plan.md').gatedHere).toEqual(note);
    expect([rulesForPath(ruleSet, 'notes/plan.md').hasUnkeyedRule, rulesForPath(ruleSet, 'src/app.js').hasUnkeyedRule]).toEqual([true, false]);
    expect(note.map((r) => r.id)).toContain('classification-marking');
    // A password-hash file's rule looks for `:` and digits: a note is not searched for them.
    expect(note.map((r) => r.id)).not.toContain('password-hash-in-credential-file');
    const text = Buffer.from('CONFIDENTIAL - do not forward\n\nMeeting at 10:30, room 4.\n');
    expect([...ruleSet.gatedPrefilter(note)(text)].sort()).toEqual(['confidential', 'do not forward']);
    // The same set of rules gets the same prefilter; another set its own.
    expect(ruleSet.gatedPrefilter(gatedFor('docs/other.md'))).toBe(ruleSet.gatedPrefilter(note));
    const envFile = gatedFor('deploy/.env');
    expect(envFile.map((r) => r.id)).toContain('env-file-secret');
    expect([...ruleSet.gatedPrefilter(envFile)(Buffer.from('API_TOKEN=x\n'))]).toContain('token');
    // A path asked again (a file's next version in history) gets the same answer, kept; the
    // same path under another root name is asked anew (`.aws` mounted itself holds `credentials`).
    expect(rulesForPath(ruleSet, 'notes/plan.md')).toBe(rulesForPath(ruleSet, 'notes/plan.md'));
    expect(rulesForPath(ruleSet, 'credentials', '.aws').pathRules.map((r) => r.id)).toContain('aws-credentials-file');
    expect(rulesForPath(ruleSet, 'credentials', 'docs').pathRules.map((r) => r.id)).not.toContain('aws-credentials-file');
    // And the scan finds the marking through it.
    const findings = await scanContent(ruleSet, 'notes/plan.md', text, { showSecrets: false });
    expect(findings.map((f) => f.ruleId)).toContain('classification-marking');
  });
});

describe('start offsets from the rules cache\'s table', () => {
  it('are taken from the table for a rule compiled without its examples, and worked out from the examples otherwise', async () => {
    const { definitions } = await builtinRules();
    const withExamples = definitions.find((d) => d.id === 'azure-identifiable-key')!;
    const bare = { ...withExamples, examples: [], negative_examples: [] };
    // Without examples and without the table, nothing confirms the offsets: the rule reads the whole text.
    const unconfirmed = compileRules([bare]);
    if (!unconfirmed.ok) throw new Error(unconfirmed.errors.join('\n'));
    expect(unconfirmed.value[0]!.content!.startOffsets()).toBeUndefined();
    // With the table the cache holds, they come from it (a made-up entry shows it is the table's).
    const fromTable = compileRules([bare], { 'azure-identifiable-key': [['acdb', [7]]] });
    if (!fromTable.ok) throw new Error(fromTable.errors.join('\n'));
    expect(fromTable.value[0]!.content!.startOffsets()).toEqual(new Map([['acdb', [7]]]));
    // A rule the table does not name is checked on its examples, as before.
    const fresh = compileRules([withExamples], { 'some-other-rule': null });
    if (!fresh.ok) throw new Error(fresh.errors.join('\n'));
    expect(fresh.value[0]!.content!.startOffsets()?.get('acdb')).toEqual([76]);
  });

  it('leaves a rule in the table uncompiled until its regex is used, and reports a bad pattern at once otherwise', async () => {
    const { definitions } = await builtinRules();
    const rule = definitions.find((d) => d.id === 'azure-identifiable-key')!;
    const broken = { ...rule, content: { ...rule.content!, pattern: '(?<secret>[a-z' } };
    expect(compileRules([broken]).ok).toBe(false);
    // Trusted as the cache wrote it: the error comes when the regex is first asked for.
    const lazy = compileRules([broken], { [rule.id]: null });
    if (!lazy.ok) throw new Error(lazy.errors.join('\n'));
    expect(() => lazy.value[0]!.content!.regex).toThrow(/compiled when cached, and not now/);
  });
});
