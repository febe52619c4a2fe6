import { describe, expect, it } from 'vitest';
import { runKfpV2 } from './kfp-v2';
import { oracleDocuments, oraclePipeline } from './load';
import { runMagnus } from './magnus';
import { asMultiset, COMPOSITE_SCENARIOS, scenario } from './scenario';

const composite = oraclePipeline('composite');
const compositeDocs = oracleDocuments('composite.kfp-v2.yaml');
const onFailure = oraclePipeline('on-failure');

const container = (step: string) => ({
  container: { image: 'img', command: ['magnus', 'execute_single_node', "{{$.inputs.parameters['run_id']}}", step, '--file', 'dag.yaml'] },
});
const RUN_ID = { run_id: { runtimeValue: { constant: '{{$.pipeline_job_uuid}}' } } };

/** A spec whose root DAG has the given tasks, each running the on-failure pipeline's step of its name. */
function spec(tasks: Record<string, Record<string, unknown>>) {
  const steps = Object.keys(tasks);
  return [
    {
      components: Object.fromEntries(steps.map((s) => [`comp-${s}`, { executorLabel: `exec-${s}`, inputDefinitions: { parameters: { run_id: { parameterType: 'STRING' } } } }])),
      deploymentSpec: { executors: Object.fromEntries(steps.map((s) => [`exec-${s}`, container(s)])) },
      root: {
        dag: { tasks: Object.fromEntries(Object.entries(tasks).map(([s, t]) => [s, { componentRef: { name: `comp-${s}` }, inputs: { parameters: RUN_ID }, ...t }])) },
      },
    },
  ];
}

describe('runKfpV2: scheduling', () => {
  it('skips a task whose upstream failed under the default trigger policy, and fails the DAG', () => {
    const docs = spec({ a: {}, b: { dependentTasks: ['a'] }, success: { dependentTasks: ['b'] } });
    expect(runKfpV2(docs, onFailure, scenario(['a']))).toEqual({ ran: ['a'], succeeded: false });
    expect(runKfpV2(docs, onFailure, scenario())).toEqual({ ran: ['a', 'b', 'success'], succeeded: true });
  });

  it('runs an ALL_UPSTREAM_TASKS_COMPLETED task after failed and skipped upstreams alike', () => {
    const docs = spec({
      a: {},
      b: { dependentTasks: ['a'] },
      c: { dependentTasks: ['a', 'b'], triggerPolicy: { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' } },
    });
    expect(runKfpV2(docs, onFailure, scenario(['a']))).toEqual({ ran: ['a', 'c'], succeeded: false });
  });

  it('refuses what it does not model: conditions, unknown inputs, unresolved placeholders', () => {
    expect(() => runKfpV2(spec({ a: { triggerPolicy: { condition: 'x == 1' } } }), onFailure, scenario())).toThrow(/triggerPolicy.condition/);
    expect(() => runKfpV2(spec({ a: { inputs: { parameters: { run_id: { componentInputParameter: 'nope' } } } } }), onFailure, scenario())).toThrow(/DAG input nope/);
    const docs = spec({ a: {} });
    (docs[0].deploymentSpec.executors['exec-a'].container.command as string[])[2] = '{{$.pipeline_job_name}}';
    expect(() => runKfpV2(docs, onFailure, scenario())).toThrow(/pipeline_job_name/);
    expect(() => runKfpV2([], onFailure, scenario())).toThrow(/0 pipeline specs/);
  });

  it('retries a failing task as often as retryPolicy allows', () => {
    expect(runKfpV2(spec({ a: { retryPolicy: { maxRetryCount: 1 } } }), onFailure, scenario(['a'])).ran).toEqual(['a', 'a']);
  });
});

describe('runKfpV2: composites (hand-written after docs/composite-emission.md)', () => {
  it.each(COMPOSITE_SCENARIOS)('agrees with magnus when %s', (_, s) => {
    const expected = runMagnus(composite, s);
    const run = runKfpV2(compositeDocs, composite, s);
    expect(asMultiset(run.ran)).toEqual(asMultiset(expected.ran));
    expect(run.succeeded).toBe(expected.succeeded);
  });

  it('iterates the map branch over the fan-out’s LIST output through parameterIterator', () => {
    const run = runKfpV2(compositeDocs, composite, scenario([], { items: ['b', 'a'] }));
    expect(run.ran.filter((n) => n.startsWith('m.'))).toEqual(['m.b.z', 'm.b.success', 'm.a.z', 'm.a.success']);
  });

  it('runs the fan-in of a map over an empty list', () => {
    expect(runKfpV2(compositeDocs, composite, scenario([], { items: [] })).unjudged).toBeUndefined();
  });

  it('runs the fan-in (ALL_UPSTREAM_TASKS_COMPLETED) after a failed branch, and skips what follows the composite', () => {
    const run = runKfpV2(compositeDocs, composite, scenario(['p.one.x'], { items: ['a'] }));
    expect(run).toEqual({ ran: ['p.one.x', 'p.one.fail', 'p.two.y', 'p.two.success', 'fail'], succeeded: false });
  });
});
