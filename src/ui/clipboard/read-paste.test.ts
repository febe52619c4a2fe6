import { describe, expect, it } from 'vitest';
import { aliasBombDag } from '../../../bench/ui/hostile-input';
import { MAX_FILE_BYTES } from '../../core/limits';
import { copySteps, COPIED_STEPS_HEADER, pasteSteps } from '../../core/model/clipboard';
import { pipelineOf } from '../../core/model/defaults';
import { placeCopiedSteps } from '../../core/model/place-steps';
import { readPaste } from './read-paste';

const pipeline = () =>
  pipelineOf({
    start_at: 'a',
    steps: [
      { name: 'a', type: 'task', command: 'm.a', next: 'b' },
      { name: 'b', type: 'stub', next: 'success' },
      { name: 'success', type: 'success' },
      { name: 'fail', type: 'fail' },
    ],
  });

describe('reading pasted text (in the reader worker)', () => {
  it('reads copied steps; placed on the page they give what a paste in one go gives', () => {
    const source = pipeline();
    const text = copySteps(source, ['a', 'b']);
    const read = readPaste({ text });
    expect(read).toMatchObject({ ok: true, copied: { names: ['a', 'b'], steps: [{ name: 'a', next: 'b' }, { name: 'b' }] } });
    // What crosses to the page is plain data (structured clone keeps it as is).
    const copied = structuredClone(read.ok ? read.copied : undefined)!;
    expect(placeCopiedSteps(source, copied, { at: { x: 10, y: 10 } })).toEqual(pasteSteps(source, text, { at: { x: 10, y: 10 } }));
  });

  it('an alias bomb of steps is refused with the reason and where, not expanded', () => {
    const read = readPaste({ text: COPIED_STEPS_HEADER + aliasBombDag(7) });
    expect(read).toEqual({ ok: false, message: expect.stringMatching(/^the clipboard is not a magnus pipeline: aliases expand to more than 100,000 nodes.*\(line \d+\)$/) });
  });

  it('a text past the file size limit is refused saying so, not "no steps"', () => {
    const read = readPaste({ text: `dag:\n  steps:\n    a: {type: stub}\n# ${'x'.repeat(MAX_FILE_BYTES)}\n` });
    expect(read).toEqual({ ok: false, message: expect.stringContaining('files larger than 8 MiB are not read') });
  });

  it('text without steps says so', () => {
    expect(readPaste({ text: 'hello world' })).toEqual({ ok: false, message: expect.stringContaining('holds no magnus steps') });
  });
});
