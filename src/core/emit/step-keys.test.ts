import { describe, expect, it } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import type { Pipeline } from '../model/types';
import { emitPipeline } from './index';
import type { PlannedTask } from './plan';
import { stepKeys } from './step-keys';

const task = (name: string, after: string | undefined, isStart: boolean) => ({ name, after, isStart }) as PlannedTask;
const fresh = (tasks: PlannedTask[], prefix: string, parameters: number) => tasks.map((t) => `${prefix}${t.name}|${t.isStart ? parameters : '-'}|${t.after ?? ''}`);

describe('stepKeys', () => {
  it('gives the last keys back, the same strings, for tasks of the same names, predecessors and start', () => {
    const first = stepKeys([task('a', undefined, true), task('b', 'a', false)], 'v2|1|', 7);
    const again = stepKeys([task('a', undefined, true), task('b', 'a', false)], 'v2|1|', 7);
    expect(again).toEqual(fresh([task('a', undefined, true), task('b', 'a', false)], 'v2|1|', 7));
    again.forEach((key, i) => expect(key).toBe(first[i]));
  });

  it.each([
    ['a name', [task('a', undefined, true), task('c', 'a', false)], 'v2|1|', 7],
    ['a predecessor', [task('a', undefined, true), task('b', 'x', false)], 'v2|1|', 7],
    ['a start', [task('a', undefined, true), task('b', 'a', true)], 'v2|1|', 7],
    ['the context', [task('a', undefined, true), task('b', 'a', false)], 'v2|2|', 7],
    ['the parameters', [task('a', undefined, true), task('b', 'a', false)], 'v2|1|', 8],
  ])('makes a task’s key again when %s changed', (_, tasks, prefix, parameters) => {
    stepKeys([task('a', undefined, true), task('b', 'a', false)], 'v2|1|', 7);
    expect(stepKeys(tasks, prefix, parameters)).toEqual(fresh(tasks, prefix, parameters));
  });

  it('an unchanged step whose task name moves (another step renamed away from its name) is emitted with its new name', () => {
    // "job a" and "job_a" are both the task name job-a: the later is job-a-2 until the first is renamed;
    // the step between them keeps its predecessor's task name out of the later one's key.
    const base = generatePipeline(3);
    const [s0, s1, s2, ...ends] = base.dag.steps;
    const steps = [{ ...s0, name: 'job a' }, { ...s1, next: 'job_a' }, { ...s2, name: 'job_a' }, ...ends] as Pipeline['dag']['steps'];
    const pipeline: Pipeline = { ...base, dag: { ...base.dag, start_at: 'job a', steps } };
    expect(emitPipeline(pipeline, { target: 'kfp-v2' }).text).toContain('job-a-2');
    // The first step renamed, and nothing else replaced (renameStep copies the steps that name it).
    const renamed: Pipeline = { ...pipeline, dag: { ...pipeline.dag, start_at: 'other', steps: [{ ...steps[0], name: 'other' }, ...steps.slice(1)] } };
    const text = emitPipeline(renamed, { target: 'kfp-v2' }).text;
    expect(text).toBe(emitPipeline(structuredClone(renamed), { target: 'kfp-v2' }).text);
    expect(text).not.toContain('job-a-2');
  });
});
