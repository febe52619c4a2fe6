import { describe, expect, it } from 'vitest';
import { moveSteps } from '../../core/model/actions';
import { setStepOverride } from '../../core/model/settings-actions';
import { follow, isPending, showsExport, showsOwnText, type Draft } from './draft';
import { examplePipeline } from '../store/initial';

const pipeline = examplePipeline();

describe('whose text an editable YAML tab shows', () => {
  it('a tab not shown yet takes the export', () => {
    expect(follow(undefined, pipeline)).toEqual({ draft: showsExport(pipeline), sync: true });
  });

  it('a change from elsewhere replaces the export, or the user\'s valid text, with the new export', () => {
    const changed = setStepOverride(pipeline, 'evaluate', 'memory_limit', '3Gi');
    expect(follow(showsExport(pipeline), changed)).toEqual({ draft: showsExport(changed), sync: true });
    expect(follow({ kind: 'shows', pipeline, own: true }, changed)).toEqual({ draft: showsExport(changed), sync: true });
  });

  it('the user\'s text that produced the pipeline stays as typed (cursor and formatting kept)', () => {
    const own: Draft = { kind: 'shows', pipeline, own: true };
    expect(follow(own, pipeline)).toEqual({ draft: own, sync: false });
  });

  it('text being typed or held back (unreadable, adds errors) is never overwritten', () => {
    const changed = setStepOverride(pipeline, 'evaluate', 'memory_limit', '3Gi');
    for (const draft of [{ kind: 'typing' }, { kind: 'held' }] as Draft[]) {
      expect(follow(draft, changed)).toEqual({ draft, sync: false });
      expect(isPending(draft)).toBe(true);
      expect(showsOwnText(draft)).toBe(true);
    }
  });

  it('placing the steps the user\'s text added keeps the text; moving a step does not', () => {
    const unplaced = { ...pipeline, layout: Object.fromEntries(Object.entries(pipeline.layout).filter(([path]) => path !== 'publish')) };
    const placed = moveSteps(unplaced, { publish: { x: 10, y: 20 } });
    expect(follow({ kind: 'shows', pipeline: unplaced, own: true }, placed)).toEqual({ draft: { kind: 'shows', pipeline: placed, own: true }, sync: false });
    const moved = moveSteps(placed, { evaluate: { x: 500, y: 500 } });
    expect(follow({ kind: 'shows', pipeline: placed, own: true }, moved)).toEqual({ draft: showsExport(moved), sync: true });
    // The export itself is rewritten either way: it is the designer's text.
    expect(follow(showsExport(unplaced), placed).sync).toBe(true);
  });
});
