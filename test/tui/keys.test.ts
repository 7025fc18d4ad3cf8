import { describe, expect, it } from 'vitest';
import { commandFor, COMMANDS, commandsWithoutHelp, helpLines, keyNamesOf, type InkKey, type KeyBinding } from '../../src/tui/keys.js';

const NO_KEY: InkKey = { upArrow: false, downArrow: false, pageUp: false, pageDown: false, home: false, end: false, return: false, escape: false, tab: false, ctrl: false, meta: false };

describe('the key table', () => {
  it('gives every command help text and at least one key', () => {
    expect(commandsWithoutHelp(COMMANDS)).toEqual([]);
  });

  it('catches a command without help (the check can fail)', () => {
    const table = { ok: { keys: ['x'], help: 'does a thing' }, blank: { keys: ['y'], help: ' ' }, named: { keys: ['z'], help: 'named' }, keyless: { keys: [], help: 'has no key' } };
    expect(commandsWithoutHelp(table)).toEqual(['blank', 'named', 'keyless']);
  });

  it('binds each key to one command only', () => {
    const keys = Object.values(COMMANDS).flatMap((b: KeyBinding) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds the command of each key, and none for an unbound one', () => {
    for (const [command, binding] of Object.entries(COMMANDS) as [string, KeyBinding][]) {
      for (const key of binding.keys) expect(commandFor(key)).toBe(command);
    }
    expect(commandFor('z')).toBeUndefined();
  });

  it('generates the help screen from the table: one line per command, with its keys', () => {
    const lines = helpLines();
    expect(lines).toHaveLength(Object.keys(COMMANDS).length);
    expect(lines).toContainEqual({ keys: '↑ k', help: COMMANDS.up.help });
    expect(lines).toContainEqual({ keys: 'q', help: COMMANDS.quit.help });
  });
});

describe('keyNamesOf', () => {
  it('names special keys', () => {
    expect(keyNamesOf('', { ...NO_KEY, upArrow: true })).toEqual(['up']);
    expect(keyNamesOf('\r', { ...NO_KEY, return: true })).toEqual(['return']);
    expect(keyNamesOf('', { ...NO_KEY, escape: true })).toEqual(['escape']);
    expect(keyNamesOf('\t', { ...NO_KEY, tab: true })).toEqual(['tab']);
  });

  it('splits characters typed quickly into one chunk', () => {
    expect(keyNamesOf('jjk', NO_KEY)).toEqual(['j', 'j', 'k']);
  });

  it('finds Enter and Tab inside such a chunk (ink does not split them out)', () => {
    expect(keyNamesOf('jjj\r', NO_KEY)).toEqual(['j', 'j', 'j', 'return']);
    expect(keyNamesOf('\tj', NO_KEY)).toEqual(['tab', 'j']);
  });

  it('ignores keys with Ctrl or Alt', () => {
    expect(keyNamesOf('q', { ...NO_KEY, ctrl: true })).toEqual([]);
    expect(keyNamesOf('q', { ...NO_KEY, meta: true })).toEqual([]);
  });
});
