import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HeldSightings } from '../../src/git/held-sightings.js';

describe('sightings held while the blobs are listed', () => {
  it('come back in the order they came, each with its own id, path, commit and place, past the buffers growing', () => {
    const held = new HeldSightings(20);
    const sent = Array.from({ length: 5000 }, (_, i) => ({ id: randomBytes(20), path: i % 37, commit: randomBytes(20), sequence: i * 3 }));
    for (const { id, path, commit, sequence } of sent) held.hold(id, path, commit, sequence);
    const given: typeof sent = [];
    held.replay((records, idAt, path, commitAt, sequence) => given.push({ id: Buffer.from(records.subarray(idAt, idAt + 20)), path, commit: Buffer.from(records.subarray(commitAt, commitAt + 20)), sequence }));
    expect(given).toEqual(sent);
    // Given back once: a second replay gives nothing.
    let again = 0;
    held.replay(() => again++);
    expect(again).toBe(0);
  });
});
