import { describe, expect, it } from 'vitest';
import { exportMagnus } from '../../core/magnus/export';
import { moveSteps } from '../../core/model/actions';
import { setStepFields } from '../../core/model/settings-actions';
import { validatePipeline } from '../../core/validate/validate';
import { examplePipeline } from '../store/initial';
import { generatePipeline } from '../../../bench/generate';
import { emitPipeline } from '../../core/emit/index';
import { errorKey, keepPositions, placedEdit, readEdit, SEED_FROM, type EditRequest } from './read-edit';
import type { Pipeline } from '../../core/model/types';
import { needsLayout } from '../layout/needs-layout';

const pipeline = examplePipeline();
const dag = exportMagnus(pipeline).dag;
const request = (text: string, base = pipeline): EditRequest => ({
  id: 7,
  kind: 'dag',
  text,
  pipeline: base,
  knownErrors: validatePipeline(base)
    .filter((d) => d.severity === 'error')
    .map(errorKey),
  target: 'kfp-v2',
});

describe('reading a hand-edited dag file', () => {
  it('a valid edit gives the pipeline it describes, positions kept', () => {
    const text = dag.replace('      command: notebooks/evaluate.ipynb\n', '      command: notebooks/evaluate.ipynb\n      executor_config: {kfp: {memory_limit: 3Gi}}\n');
    const result = readEdit(request(text));
    expect(result.id).toBe(7);
    expect(result.pipeline!.dag.steps.find((s) => s.name === 'evaluate')!.kfp).toContainEqual({ key: 'memory_limit', value: '3Gi' });
    expect(result.pipeline!.layout).toEqual(pipeline.layout);
  });

  it('broken YAML is held back, with a positioned error', () => {
    const result = readEdit(request(dag.replace('  steps:', '  steps: [')));
    expect(result.pipeline).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ file: 'dag', severity: 'error', line: expect.any(Number), column: expect.any(Number) });
  });

  it('an edit that adds an error (next names no step) is held back, marked at the `next`', () => {
    const text = dag.replace('next: evaluate', 'next: evaluat');
    const line = text.split('\n').findIndex((l) => l.includes('next: evaluat')) + 1;
    const result = readEdit(request(text));
    expect(result.pipeline).toBeUndefined();
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'E_TARGET_MISSING', file: 'dag', line, column: 13 }));
  });

  it('an error the pipeline already had does not hold back an unrelated edit', () => {
    const broken = setStepFields(pipeline, 'evaluate', { next: 'nowhere' });
    const text = exportMagnus(broken).dag.replace('python -m churn.publish', 'python -m churn.publish --dry-run');
    const result = readEdit(request(text, broken));
    expect(result.pipeline).toBeDefined();
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'E_TARGET_MISSING' }));
  });

  it('a long text comes back with its validation and emission, a short one without', () => {
    expect(readEdit(request(dag)).seed).toBeUndefined();
    const long = generatePipeline(400);
    const text = exportMagnus(long).dag;
    expect(text.length).toBeGreaterThanOrEqual(SEED_FROM);
    const result = readEdit(request(text));
    expect(result.pipeline).toBeDefined();
    expect(result.seed).toMatchObject({ target: 'kfp-v2', validation: expect.any(Array) });
    expect(result.seed!.emission.text).toBe(emitPipeline(result.pipeline!, { target: 'kfp-v2' }).text);
  });

  it('a long text pasted whole is placed in the reader as the canvas would place it, and its export follows', async () => {
    const pasted = readEdit(request(exportMagnus(generatePipeline(400)).dag));
    const asked: Pipeline[] = [];
    const layOut = async (p: Pipeline) => {
      asked.push(p);
      return moveSteps(p, Object.fromEntries(p.dag.steps.map((s, i) => [s.name, { x: 0, y: 100 * i }])));
    };
    const placed = await placedEdit(pasted, layOut);
    // The few steps that kept a name from the example keep no place: the graph is laid out afresh.
    expect(asked).toHaveLength(1);
    expect(Object.keys(asked[0].layout)).toEqual([]);
    expect(needsLayout(placed.pipeline!)).toBe(false);
    expect(placed.seed!.exported).toEqual(exportMagnus(placed.pipeline!));
    expect(placed.seed!.validation).toBe(pasted.seed!.validation);

    // Steps that all have places are not laid out (nor a few new ones, which the canvas puts beside their neighbours).
    const generated = generatePipeline(400);
    const long = moveSteps(generated, Object.fromEntries(generated.dag.steps.map((s, i) => [s.name, { x: 300 * i, y: 0 }])));
    const edited = readEdit(request(exportMagnus(long).dag, long));
    expect(edited.pipeline).toBeDefined();
    const kept = await placedEdit(edited, layOut);
    expect(asked).toHaveLength(1);
    expect(kept.pipeline).toBe(edited.pipeline);
    expect(kept.seed!.exported).toEqual(exportMagnus(edited.pipeline!));
    // Short texts come back as they were.
    const short = readEdit(request(dag));
    expect(await placedEdit(short, layOut)).toBe(short);
  });

  it('steps the text gives no position keep theirs; new steps get none', () => {
    const withoutLayout = { ...pipeline, layout: { evaluate: { x: 1, y: 2 } } };
    const kept = keepPositions(pipeline, withoutLayout);
    expect(kept.layout.evaluate).toEqual({ x: 1, y: 2 });
    expect(kept.layout.publish).toEqual(pipeline.layout.publish);
    const renamed = { ...pipeline, dag: { ...pipeline.dag, steps: pipeline.dag.steps.map((s) => (s.name === 'publish' ? { ...s, name: 'release' } : s)) }, layout: {} };
    expect(keepPositions(pipeline, renamed).layout.release).toBeUndefined();
  });
});
