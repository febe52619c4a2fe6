import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMIT_TARGETS, emitPipeline } from '../../src/core/emit/index';
import { renameStep } from '../../src/core/model/structure-actions';
import { setExecutorSetting, setParameters, setStepFields, setStepOverride, setTag, setVariables } from '../../src/core/model/settings-actions';
import { walkGraphs, walkSteps } from '../../src/core/model/paths';
import { moveStepToGraph, moveSteps } from '../../src/core/model/actions';
import { exportMagnus } from '../../src/core/magnus/export';
import { piecesEdit } from '../../src/ui/yaml/markers';
import type { Pipeline } from '../../src/core/model/types';
import { generatePipeline } from '../../bench/generate';
import { compositePipeline } from '../oracle/arbitraries';
import { validPipeline } from './arbitraries';

/** Edits of the kinds a user makes, each as a model action on one step or on the whole pipeline. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('override' as const), key: fc.constantFrom('memory_limit', 'cpu_limit', 'docker_image', 'gpu_limit'), value: fc.constantFrom('2Gi', '500m', 'img:9', '1') }),
  fc.record({ kind: fc.constant('attempts' as const), value: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('rename' as const), value: fc.constantFrom('renamed', 'zz top') }),
  fc.record({ kind: fc.constant('global' as const), value: fc.constantFrom('3', '750m') }),
  fc.record({ kind: fc.constant('parameters' as const), value: fc.constantFrom('x', 'y') }),
  fc.record({ kind: fc.constant('tag' as const), value: fc.constantFrom('', 'nightly') }),
  fc.record({ kind: fc.constant('variables' as const), value: fc.constantFrom('a', 'b') }),
);

function apply(pipeline: Pipeline, change: fc.infer<typeof edit>, pick: number): Pipeline {
  const steps = [...walkSteps(pipeline.dag)].filter((v) => v.step.type !== 'success' && v.step.type !== 'fail');
  const target = steps[pick % steps.length];
  try {
    switch (change.kind) {
      case 'override':
        return setStepOverride(pipeline, target.path, change.key, change.value);
      case 'attempts':
        return target.step.type === 'task' || target.step.type === 'stub' ? setStepFields(pipeline, target.path, { max_attempts: change.value }) : pipeline;
      case 'rename':
        return renameStep(pipeline, target.path, change.value);
      case 'global':
        return setExecutorSetting(pipeline, 'cpu_limit', change.value);
      case 'parameters':
        return setParameters(pipeline, [{ name: change.value, value: 1 }]);
      case 'tag':
        return setTag(pipeline, change.value);
      case 'variables':
        return setVariables(pipeline, [{ name: change.value, value: 'v' }]);
    }
  } catch {
    return pipeline; // a refused edit (a name already taken) changes nothing
  }
}

describe('property: reusing rendered parts of unchanged steps never changes the output', () => {
  it.each(EMIT_TARGETS)('%s: after any sequence of edits, the output equals that of a fresh copy of the pipeline', (target) => {
    const pipelines = fc.oneof(validPipeline, compositePipeline());
    fc.assert(
      fc.property(pipelines, fc.array(fc.tuple(edit, fc.nat()), { maxLength: 6 }), (start, edits) => {
        let pipeline = start;
        let before = emitPipeline(pipeline, { target }); // fill the cache
        for (const [change, pick] of edits) {
          pipeline = apply(pipeline, change, pick);
          const incremental = emitPipeline(pipeline, { target });
          const fresh = emitPipeline(structuredClone(pipeline), { target });
          expect(incremental).toEqual(fresh);
          // The designer edits pipeline.yaml from the pieces alone (YAML pane, edit-session.ts).
          if (incremental.pieces) expect(incremental.pieces.join('')).toBe(fresh.text);
          const edit = piecesEdit(before.pieces ?? [before.text], incremental.pieces ?? [incremental.text]);
          expect(edit ? before.text.slice(0, edit.start) + edit.text + before.text.slice(edit.end) : before.text).toBe(fresh.text);
          before = incremental;
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** Edits of the layout, and moves of a step (with the steps inside it) into another graph, another depth. */
const exportEdit = fc.oneof(
  edit.map((change) => ({ change })),
  fc.record({ kind: fc.constant('position' as const), x: fc.integer({ min: -500, max: 500 }) }),
  fc.record({ kind: fc.constant('regraph' as const), graph: fc.nat() }),
);

function applyToExport(pipeline: Pipeline, change: fc.infer<typeof exportEdit>, pick: number): Pipeline {
  if ('change' in change) return apply(pipeline, change.change, pick);
  const steps = [...walkSteps(pipeline.dag)].filter((v) => v.step.type !== 'success' && v.step.type !== 'fail');
  const target = steps[pick % steps.length];
  if (change.kind === 'position') return moveSteps(pipeline, { [target.path]: { x: change.x, y: 10 } });
  const graphs = [...walkGraphs(pipeline.dag)].map((g) => g.path);
  try {
    return moveStepToGraph(pipeline, target.path, graphs[change.graph % graphs.length]).pipeline;
  } catch {
    return pipeline; // a step cannot go into its own branches
  }
}

/** A copy with no object of its own twice (structuredClone keeps one shared by two places shared). */
const unshared = (pipeline: Pipeline): Pipeline => JSON.parse(JSON.stringify(pipeline));

describe('property: reusing the written steps of the magnus files never changes them', () => {
  it('after any sequence of edits, the files equal those of a fresh copy of the pipeline', () => {
    fc.assert(
      fc.property(fc.oneof(validPipeline, compositePipeline()), fc.array(fc.tuple(exportEdit, fc.nat()), { maxLength: 6 }), (start, edits) => {
        let pipeline = start;
        exportMagnus(pipeline); // fill the cache
        for (const [change, pick] of edits) {
          pipeline = applyToExport(pipeline, change, pick);
          expect(exportMagnus(pipeline)).toEqual(exportMagnus(unshared(pipeline)));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('a step written at one depth is written anew at another', () => {
    const pipeline = generatePipeline(3);
    const task = pipeline.dag.steps.find((s) => s.type === 'task')!;
    const parallel: Pipeline = {
      ...pipeline,
      dag: { ...pipeline.dag, steps: [...pipeline.dag.steps, { type: 'parallel', name: 'fan', branches: [{ name: 'a', graph: { start_at: task.name, steps: [task, { type: 'success', name: 'ok' }] } }] }] },
    };
    exportMagnus(pipeline);
    expect(exportMagnus(parallel).dag).toBe(exportMagnus(unshared(parallel)).dag);
  });
});

describe('KFP v2 pieces of a linear pipeline', () => {
  it('after an edit of one step, only that step\'s pieces differ, and the rest is the text of before', () => {
    const pipeline = generatePipeline(40);
    const before = emitPipeline(pipeline, { target: 'kfp-v2' });
    const path = pipeline.dag.steps[20].name;
    const after = emitPipeline(setStepOverride(pipeline, path, 'memory_limit', '7Gi'), { target: 'kfp-v2' });
    expect(before.pieces).toBeDefined();
    expect(after.pieces!.length).toBe(before.pieces!.length);
    const changed = after.pieces!.flatMap((piece, i) => (piece === before.pieces![i] ? [] : [piece]));
    // The step's executor (its resources) and its kfp-kubernetes config, nothing else.
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThanOrEqual(2);
    expect(changed.join('')).toContain('7Gi');
    expect(after.pieces!.join('')).toBe(after.text);
    expect(Object.keys(after)).toEqual(['diagnostics', 'text']); // a copy carries the text, not the pieces
  });
});
