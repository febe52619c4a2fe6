/**
 * Step names, file paths and keys named like Object.prototype members go through every table the
 * core and the designer's pure logic keep by user key (the lint in own-keys.test.ts covers the
 * syntax it can see; this covers the reads it cannot).
 */
import { describe, expect, it } from 'vitest';
import { moveStepToGraph } from '../src/core/model/actions';
import { addStep } from '../src/core/model/new-steps';
import { renameStep } from '../src/core/model/structure-actions';
import { copySteps, pasteSteps } from '../src/core/model/clipboard';
import { pipelineOf } from '../src/core/model/defaults';
import type { Pipeline } from '../src/core/model/types';
import { formatDiagnostic } from '../src/core/diagnostics';
import { deriveView } from '../src/ui/canvas/derive-flow';
import { pastePosition } from '../src/ui/clipboard/paste-place';
import { classifyFiles } from '../src/ui/import/classify';
import { matchNestedFiles, withNestedFiles } from '../src/ui/import/nested-files';
import { withFileNames } from '../src/ui/import/outcome';
import { changedPositions } from '../src/ui/layout/changed-positions';
import { insertionPlaces, placeMissingSteps } from '../src/ui/layout/placement';
import { keepPositions } from '../src/ui/yaml/read-edit';
import { shareUnchanged } from '../src/ui/yaml/share-unchanged';

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

function pipelineWith(name: string): Pipeline {
  const base = pipelineOf({
    start_at: name,
    steps: [
      { name, type: 'task', command: 'm.f', next: 'success' },
      { name: 'p', type: 'parallel', next: 'success', branches: [{ name, graph: { start_at: name, steps: [{ name, type: 'stub', next: 'success' }, { name: 'success', type: 'success' }, { name: 'fail', type: 'fail' }] } }] },
      { name: 'success', type: 'success' },
      { name: 'fail', type: 'fail' },
    ],
  });
  return { ...base, executor: { docker_image: 'img', profiles: [] } };
}

const isPosition = (p: unknown) => typeof p === 'object' && p !== null && Number.isFinite((p as { x: number }).x) && Number.isFinite((p as { y: number }).y);

describe.each(NAMES)('a step named `%s`', (name) => {
  it('is placed on the canvas when it has no position, and drawn where it is placed', () => {
    const pipeline = pipelineWith(name);
    const placed = placeMissingSteps(pipeline);
    expect(Object.keys(placed)).toEqual(expect.arrayContaining([name, 'p', `p.${name}.${name}`]));
    expect(Object.values(placed).every(isPosition)).toBe(true);
    const laidOut = { ...pipeline, layout: placed };
    expect(Object.getPrototypeOf(laidOut.layout)).toBe(Object.prototype);
    for (const view of deriveView(laidOut)) expect(isPosition(view.position)).toBe(true);
    expect(isPosition(Object.getOwnPropertyDescriptor(insertionPlaces(laidOut, name), name)?.value)).toBe(true);
    expect(isPosition(pastePosition(laidOut, '', name, name))).toBe(true);
    expect(changedPositions(laidOut, { [name]: { x: 1, y: 2 } })).toEqual({ [name]: { x: 1, y: 2 } });
  });

  it('keeps its position through renames, moves, copy and paste', () => {
    let pipeline = { ...pipelineWith(name), layout: Object.fromEntries([[name, { x: 10, y: 20 }], ['p', { x: 0, y: 200 }]]) };
    pipeline = addStep(pipeline, 'stub', { name: 'other' }).pipeline;
    pipeline = renameStep(pipeline, 'other', `${name}2`);
    const moved = moveStepToGraph(pipeline, name, `p.${name}`, { x: 5, y: 6 });
    expect(Object.getOwnPropertyDescriptor(moved.pipeline.layout, moved.path)?.value).toEqual({ x: 5, y: 6 });
    expect(Object.getPrototypeOf(moved.pipeline.layout)).toBe(Object.prototype);
    const text = copySteps(pipeline, [name]);
    const pasted = pasteSteps(pipeline, text, { at: { x: 100, y: 100 } });
    for (const path of pasted.paths) expect(isPosition(Object.getOwnPropertyDescriptor(pasted.pipeline.layout, path)?.value)).toBe(true);
    expect(Object.getPrototypeOf(pasted.pipeline.layout)).toBe(Object.prototype);
  });

  it('keeps its position when the dag is edited as text', () => {
    const before = { ...pipelineWith(name), layout: Object.fromEntries([[name, { x: 10, y: 20 }]]) };
    const after = { ...pipelineWith(name), layout: {} };
    const kept = keepPositions(before, after);
    expect(Object.getOwnPropertyDescriptor(kept.layout, name)?.value).toEqual({ x: 10, y: 20 });
    expect(Object.getPrototypeOf(kept.layout)).toBe(Object.prototype);
    const shared = shareUnchanged(JSON.parse(`{"${name}": {"a": 1}}`), JSON.parse(`{"${name}": {"a": 1}, "b": 2}`));
    expect(Object.keys(shared)).toEqual([name, 'b']);
    expect(Object.getPrototypeOf(shared)).toBe(Object.prototype);
  });

  it('as a nested file path, is matched, classified and named in messages', () => {
    const dag = `dag:\n  start_at: d\n  steps:\n    d: {type: dag, dag_definition: ${name}, next: success}\n    success: {type: success}\n    fail: {type: fail}\n`;
    const inner = 'dag:\n  start_at: x\n  steps:\n    x: {type: stub, next: success}\n    success: {type: success}\n    fail: {type: fail}\n';
    const classified = classifyFiles([
      { name: 'dag.yaml', text: dag },
      { name, text: inner },
    ]);
    expect(classified.problems).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(classified.input!.nested as object, name)?.value).toBe(inner);
    const { matched } = matchNestedFiles([name], [{ name, text: inner }, { name: 'x', text: '' }]);
    expect(Object.getOwnPropertyDescriptor(matched, name)?.value).toEqual({ name, text: inner });
    const chosen = withNestedFiles(classifyFiles([{ name: 'dag.yaml', text: dag }]), Object.fromEntries([[name, { name: 'picked.yaml', text: inner }]]));
    expect(Object.getOwnPropertyDescriptor(chosen.fileNames, name)?.value).toBe('picked.yaml');
    const [named] = withFileNames([{ code: 'X', severity: 'error', message: 'm', file: name }], { dag: 'dag.yaml' });
    expect(formatDiagnostic(named)).toBe(`${name}: error X: m`);
  });
});
