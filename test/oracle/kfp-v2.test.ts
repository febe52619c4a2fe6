import { describe, expect, it } from 'vitest';
import { emitPipeline } from '../../src/core/emit/index';
import { runKfpV2 } from './kfp-v2';
import { oracleDocuments, oraclePipeline, parseDocuments } from './load';
import { runMagnus } from './magnus';
import { asMultiset, COMPOSITE_SCENARIOS, ON_FAILURE_SCENARIOS, scenario, type Scenario } from './scenario';

const composite = oraclePipeline('composite');
const onFailure = oraclePipeline('on-failure');
const everywhere = oraclePipeline('on-failure-everywhere', { 'nested.yaml': 'on-failure-nested' });

const container = (step: string) => ({
  container: { image: 'img', command: ['magnus', 'execute_single_node', "{{$.inputs.parameters['run_id']}}", step, '--file', 'dag.yaml'] },
});
const RUN_ID = { run_id: { runtimeValue: { constant: '{{$.pipeline_job_uuid}}' } } };
const COMPLETED = { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };

/** A spec whose root DAG has the given tasks, each running the on-failure pipeline's step of its name. */
function spec(tasks: Record<string, Record<string, unknown>>, components: Record<string, unknown> = {}) {
  const steps = Object.keys(tasks).filter((s) => !(`comp-${s}` in components));
  return [
    {
      components: {
        ...Object.fromEntries(steps.map((s) => [`comp-${s}`, { executorLabel: `exec-${s}`, inputDefinitions: { parameters: { run_id: { parameterType: 'STRING' } } } }])),
        ...components,
      },
      deploymentSpec: { executors: Object.fromEntries(steps.map((s) => [`exec-${s}`, container(s)])) },
      root: {
        dag: { tasks: Object.fromEntries(Object.entries(tasks).map(([s, t]) => [s, { componentRef: { name: `comp-${s}` }, inputs: { parameters: RUN_ID }, ...t }])) },
      },
    },
  ];
}

/** `b` with an input `s` from a's output `status`, and the condition given. */
const gated = (condition: string) => ({
  dependentTasks: ['a'],
  inputs: { parameters: { ...RUN_ID, s: { taskOutputParameter: { producerTask: 'a', outputParameterKey: 'status' } } } },
  triggerPolicy: { condition },
});

/** The on-failure spec with `a` writing `status` (its script) and `b` gated on it. */
function statusSpec(condition: string) {
  const docs = spec({ a: {}, b: gated(condition), c: { dependentTasks: ['b'] } });
  const [doc] = docs as unknown as [Record<string, any>];
  doc.components['comp-a'].outputDefinitions = { parameters: { status: { parameterType: 'STRING' } } };
  doc.components['comp-b'].inputDefinitions.parameters.s = { parameterType: 'STRING' };
  doc.deploymentSpec.executors['exec-a'].container = {
    image: 'img',
    command: ['sh', '-c', 'magnus execute_single_node "$0" a --file dag.yaml && printf succeeded > "$1" || printf failed > "$1"'],
    args: ["{{$.inputs.parameters['run_id']}}", "{{$.outputs.parameters['status'].output_file}}"],
  };
  return docs;
}

describe('runKfpV2: scheduling as the backend compiles it', () => {
  it('skips a task whose upstream failed under the default trigger policy, and fails the DAG', () => {
    const docs = spec({ a: {}, b: { dependentTasks: ['a'] }, success: { dependentTasks: ['b'] } });
    expect(runKfpV2(docs, onFailure, scenario(['a']))).toEqual({ ran: ['a'], succeeded: false });
    expect(runKfpV2(docs, onFailure, scenario())).toEqual({ ran: ['a', 'b', 'success'], succeeded: true });
  });

  it('runs an ALL_UPSTREAM_TASKS_COMPLETED task as the exit hook of its one upstream task, failed or not', () => {
    const docs = spec({ a: {}, c: { dependentTasks: ['a'], triggerPolicy: COMPLETED } });
    expect(runKfpV2(docs, onFailure, scenario(['a']))).toEqual({ ran: ['a', 'c'], succeeded: false });
    expect(runKfpV2(docs, onFailure, scenario())).toEqual({ ran: ['a', 'c'], succeeded: true });
  });

  it('runs it once per upstream task, each time as soon as that one ends (the backend’s exit-hook rule)', () => {
    const docs = spec({ a: {}, b: {}, c: { dependentTasks: ['a', 'b'], triggerPolicy: COMPLETED } });
    const run = runKfpV2(docs, onFailure, scenario([], {}, { durations: { a: 1, b: 3 } }));
    expect(run.ran).toEqual(['a', 'c', 'b', 'c']);
  });

  it('on backends before exit hooks (kubeflow/pipelines#11470) runs it once, after all its upstream tasks, as a task that counts', () => {
    const docs = spec({ a: {}, b: {}, c: { dependentTasks: ['a', 'b'], triggerPolicy: COMPLETED } });
    const run = runKfpV2(docs, onFailure, scenario(['a'], {}, { durations: { a: 1, b: 3 } }), { exitTasks: 'tasks' });
    expect(run).toEqual({ ran: ['a', 'b', 'c'], succeeded: true });
  });

  it('runs no hook for a skipped or omitted upstream task, and its failure does not fail the DAG', () => {
    const omitted = spec({ a: {}, b: { dependentTasks: ['a'] }, c: { dependentTasks: ['b'], triggerPolicy: COMPLETED } });
    expect(runKfpV2(omitted, onFailure, scenario(['a'])).ran).toEqual(['a']);
    const failingHook = spec({ a: {}, b: { dependentTasks: ['a'], triggerPolicy: COMPLETED } });
    expect(runKfpV2(failingHook, onFailure, scenario(['b']))).toMatchObject({ succeeded: true });
  });

  it('refuses what the backend cannot compile: a task depending on an exit task, a DAG of exit tasks only', () => {
    const dependent = spec({ a: {}, c: { dependentTasks: ['a'], triggerPolicy: COMPLETED }, b: { dependentTasks: ['c'] } });
    expect(() => runKfpV2(dependent, onFailure, scenario())).toThrow(/b depends on c, which the KFP backend compiles into an exit hook/);
    expect(() => runKfpV2(spec({ a: { triggerPolicy: COMPLETED } }), onFailure, scenario())).toThrow(/only ALL_UPSTREAM_TASKS_COMPLETED tasks/);
  });

  it('skips a task whose condition is false, omits what follows it, and the DAG still succeeds', () => {
    const onSuccess = statusSpec("inputs.parameter_values['s'] == 'succeeded'");
    expect(runKfpV2(onSuccess, onFailure, scenario())).toEqual({ ran: ['a', 'b', 'c'], succeeded: true });
    expect(runKfpV2(onSuccess, onFailure, scenario(['a']))).toEqual({ ran: ['a'], succeeded: true });
    const onFailed = statusSpec("!(inputs.parameter_values['s'] != 'failed') && 'x' == 'x'");
    expect(runKfpV2(onFailed, onFailure, scenario(['a'])).ran).toEqual(['a', 'b', 'c']);
  });

  it('refuses conditions it cannot read with certainty, and inputs the task does not have', () => {
    expect(() => runKfpV2(statusSpec('x == 1'), onFailure, scenario())).toThrow(/the condition "x == 1"/);
    expect(() => runKfpV2(statusSpec("int(inputs.parameter_values['s']) > 1"), onFailure, scenario())).toThrow(/the condition/);
    expect(() => runKfpV2(statusSpec("inputs.parameter_values['t'] == 'failed'"), onFailure, scenario())).toThrow(/no input t/);
  });

  it('refuses what it does not model: unknown inputs, unresolved placeholders, other documents', () => {
    expect(() => runKfpV2(spec({ a: { inputs: { parameters: { run_id: { componentInputParameter: 'nope' } } } } }), onFailure, scenario())).toThrow(/DAG input nope/);
    const docs = spec({ a: {} });
    (docs[0].deploymentSpec.executors['exec-a'].container.command as string[])[2] = '{{$.pipeline_job_name}}';
    expect(() => runKfpV2(docs, onFailure, scenario())).toThrow(/pipeline_job_name/);
    expect(() => runKfpV2([], onFailure, scenario())).toThrow(/0 pipeline specs/);
  });

  it('retries a failing task as often as retryPolicy allows, and stops when an attempt succeeds', () => {
    expect(runKfpV2(spec({ a: { retryPolicy: { maxRetryCount: 1 } } }), onFailure, scenario(['a'])).ran).toEqual(['a', 'a']);
    const recovering = runKfpV2(spec({ a: { retryPolicy: { maxRetryCount: 3 } } }), onFailure, scenario([], {}, { failingAttempts: { a: 1 } }));
    expect(recovering).toEqual({ ran: ['a', 'a'], succeeded: true });
  });
});

const agrees = (run: ReturnType<typeof runKfpV2>, s: Scenario, pipeline = composite) => {
  const expected = runMagnus(pipeline, s);
  expect({ ran: asMultiset(run.ran), succeeded: run.succeeded, unjudged: run.unjudged, judgedTwice: run.judgedTwice }).toEqual({
    ran: asMultiset(expected.ran),
    succeeded: expected.succeeded,
    unjudged: undefined,
    judgedTwice: undefined,
  });
};

describe('runKfpV2: composites (hand-written after docs/composite-emission.md)', () => {
  const docs = oracleDocuments('composite.kfp-v2.yaml');

  it.each([...COMPOSITE_SCENARIOS, ['branches end at different times', scenario(['p.two.y'], { items: ['a', 'b'] }, { durations: { 'p.one.x': 7 } })] as const])(
    'agrees with magnus when %s',
    (_, s) => agrees(runKfpV2(docs, composite, s), s),
  );

  it('iterates the map branch over the fan-out’s LIST output through parameterIterator', () => {
    const run = runKfpV2(docs, composite, scenario([], { items: ['b', 'a'] }));
    expect(run.ran.filter((n) => n.startsWith('m.'))).toEqual(['m.b.z', 'm.a.z', 'm.b.success', 'm.a.success']);
  });

  it('runs the fan-in of a map over an empty list', () => {
    expect(runKfpV2(docs, composite, scenario([], { items: [] })).unjudged).toBeUndefined();
  });

  it('runs the fan-in after a failed branch, which then fails the composite, and skips what follows', () => {
    const run = runKfpV2(docs, composite, scenario(['p.one.x'], { items: ['a'] }));
    // The implicit fail runs in p.one.x's own container, so the two end together.
    expect(run).toEqual({ ran: ['p.one.x', 'p.one.fail', 'p.two.y', 'p.two.success', 'fail'], succeeded: false });
  });
});

describe('runKfpV2 catches the first design (fan-in waiting for every branch with ALL_UPSTREAM_TASKS_COMPLETED)', () => {
  const docs = oracleDocuments('composite.fan-in-per-branch.kfp-v2.yaml');

  it('judges a parallel twice, the first time while a branch still runs, which then fails the run', () => {
    const run = runKfpV2(docs, composite, scenario([], { items: ['a'] }, { durations: { 'p.two.y': 4 } }));
    expect(run.judgedTwice).toEqual(['p']);
    expect(run.ran).toContain('fail');
    expect(runMagnus(composite, scenario([], { items: ['a'] })).ran).not.toContain('fail');
  });

  it('never judges a map: the backend drops the exit hook of a ParallelFor task', () => {
    expect(runKfpV2(docs, composite, scenario([], { items: ['a'] })).unjudged).toEqual(['m']);
  });
});

describe('runKfpV2: on_failure (hand-written after docs/composite-emission.md)', () => {
  const docs = oracleDocuments('on-failure.kfp-v2.yaml');
  it.each([[[]], [['a']], [['b']], [['a', 'c']]])('agrees with magnus when %j fail', (failing) => {
    const s = scenario(failing);
    agrees(runKfpV2(docs, onFailure, s), s, onFailure);
  });
});

describe('runKfpV2 on the emitted KFP v2 of on_failure at every depth', () => {
  const emitted = emitPipeline(everywhere, { target: 'kfp-v2' });
  const docs = parseDocuments(emitted.text);

  it('is emitted, with one note on what the Kubeflow UI shows', () => {
    expect(emitted.diagnostics.map((d) => [d.code, d.severity])).toEqual([['I_EMIT_V2_ON_FAILURE', 'info']]);
  });

  it.each(ON_FAILURE_SCENARIOS)('agrees with magnus when %s', (_, s) => agrees(runKfpV2(docs, everywhere, s), s, everywhere));

  // Its fan-ins wait for one task each, so backends that compiled them as ordinary tasks run them the same.
  it.each(ON_FAILURE_SCENARIOS)('agrees with magnus on backends before exit hooks when %s', (_, s) => agrees(runKfpV2(docs, everywhere, s, { exitTasks: 'tasks' }), s, everywhere));

  it('retries a step with on_failure inside its container: the attempts, then its handler', () => {
    const run = runKfpV2(docs, everywhere, scenario(['p.one.x'], { items: [] }));
    expect(run.ran.filter((n) => n.startsWith('p.one.'))).toEqual(['p.one.x', 'p.one.x', 'p.one.cleanup', 'p.one.success']);
  });

  it('judges the parallel only after its slow branch ended', () => {
    const s = scenario([], { items: [] }, { durations: { 'p.two.y': 9 } });
    const run = runKfpV2(docs, everywhere, s);
    expect(run.ran.indexOf('p.two.success')).toBeLessThan(run.ran.indexOf('d.dag.n'));
    agrees(run, s, everywhere);
  });
});
