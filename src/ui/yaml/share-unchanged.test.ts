import { describe, expect, it } from 'vitest';
import { shareUnchanged } from './share-unchanged';

describe('sharing the unchanged parts of a value read back from text', () => {
  it('an equal value gives back the old object itself', () => {
    const before = { a: [1, { b: 'x' }], c: { d: null } };
    expect(shareUnchanged(before, structuredClone(before))).toBe(before);
  });

  it('a change makes new objects only along its path', () => {
    const before = { steps: [{ name: 'a', cpu: '1' }, { name: 'b', cpu: '1' }], executor: { image: 'i' } };
    const after = structuredClone(before);
    after.steps[1].cpu = '2';
    const shared = shareUnchanged(before, after);
    expect(shared).toEqual(after);
    expect(shared).not.toBe(before);
    expect(shared.executor).toBe(before.executor);
    expect(shared.steps[0]).toBe(before.steps[0]);
    expect(shared.steps[1]).not.toBe(before.steps[1]);
  });

  it('named items are matched by name, so an inserted step leaves the others shared', () => {
    const before = { steps: [{ name: 'a' }, { name: 'b' }] };
    const after = { steps: [{ name: 'a' }, { name: 'new' }, { name: 'b' }] };
    const shared = shareUnchanged(before, after);
    expect(shared.steps[0]).toBe(before.steps[0]);
    expect(shared.steps[2]).toBe(before.steps[1]);
    expect(shared.steps[1]).toBe(after.steps[1]);
  });

  it('a key added or removed is a change', () => {
    const before: Record<string, unknown> = { a: 1 };
    expect(shareUnchanged(before, { a: 1, b: undefined })).not.toBe(before);
    expect(shareUnchanged({ a: 1, b: 2 } as Record<string, unknown>, { a: 1 })).toEqual({ a: 1 });
  });
});
