import { describe, expect, it } from 'vitest';
import { runArgo } from './argo';
import { parseDepends } from './argo-depends';
import { oracleDocuments, oraclePipeline } from './load';
import { runMagnus } from './magnus';
import { asMultiset, COMPOSITE_SCENARIOS, scenario } from './scenario';

const onFailure = oraclePipeline('on-failure');
const [onFailureWorkflow] = oracleDocuments('on-failure.argo.yaml');
const composite = oraclePipeline('composite');
const [compositeWorkflow] = oracleDocuments('composite.argo.yaml');

/** A workflow whose one DAG has the given tasks, each running the on-failure pipeline's step of its name. */
function workflow(tasks: Record<string, unknown>[], dag: Record<string, unknown> = { failFast: false }) {
  const steps = [...new Set(tasks.map((t) => String(t.template)))];
  return {
    kind: 'Workflow',
    spec: {
      entrypoint: 'main',
      templates: [
        { name: 'main', dag: { ...dag, tasks } },
        ...steps.map((name) => ({ name, container: { image: 'img', command: ['magnus', 'execute_single_node', 'run-1', name, '--file', 'dag.yaml'] } })),
      ],
    },
  };
}

describe('runArgo: depends', () => {
  it('parses results, !, &&, || and parentheses, with && binding tighter', () => {
    expect(parseDepends('a.Succeeded || !b && (c || d.Failed)', 't')).toEqual({
      kind: 'or',
      left: { kind: 'task', task: 'a', result: 'Succeeded' },
      right: {
        kind: 'and',
        left: { kind: 'not', operand: { kind: 'task', task: 'b' } },
        right: { kind: 'or', left: { kind: 'task', task: 'c' }, right: { kind: 'task', task: 'd', result: 'Failed' } },
      },
    });
    expect(() => parseDepends('a.AnySucceeded', 't')).toThrow(/\.AnySucceeded/);
    expect(() => parseDepends('(a', 't')).toThrow(/unbalanced/);
  });

  it('runs an on_failure target through `.Failed` and a join through `||` of `.Succeeded`', () => {
    expect(runArgo(onFailureWorkflow, onFailure, scenario(['a']))).toEqual({ ran: ['a', 'c', 'success'], succeeded: true });
    expect(runArgo(onFailureWorkflow, onFailure, scenario())).toEqual({ ran: ['a', 'b', 'success'], succeeded: true });
  });

  it('fails the DAG through an omitted leaf whose predecessors’ branch phase is Failed', () => {
    // a and c fail: b is omitted (a failed), success omitted (neither b nor c succeeded) and inherits Failed.
    expect(runArgo(onFailureWorkflow, onFailure, scenario(['a', 'c']))).toEqual({ ran: ['a', 'c', 'fail'], succeeded: false });
  });

  it('lets an omitted leaf whose predecessors succeeded count as Succeeded', () => {
    const run = runArgo(workflow([{ name: 'a', template: 'a' }, { name: 'c', template: 'c', depends: 'a.Failed' }]), onFailure, scenario());
    expect(run).toEqual({ ran: ['a'], succeeded: true });
  });

  it('propagates Failed through a chain of omitted tasks, a failed one winning over succeeded ones', () => {
    const tasks = [
      { name: 'a', template: 'a' },
      { name: 'b', template: 'b' },
      { name: 'c', template: 'c', depends: 'a.Succeeded && b.Succeeded' },
      { name: 'success', template: 'success', depends: 'c' },
    ];
    expect(runArgo(workflow(tasks), onFailure, scenario(['b']))).toEqual({ ran: ['a', 'b', 'fail'], succeeded: false });
  });

  it('reads `dependencies` as the bare names AND-ed, and `!`', () => {
    const tasks = [
      { name: 'a', template: 'a' },
      { name: 'b', template: 'b', dependencies: ['a'] },
      { name: 'c', template: 'c', depends: '!a.Succeeded' },
    ];
    expect(runArgo(workflow(tasks), onFailure, scenario()).ran).toEqual(['a', 'b']);
  });

  it('refuses failFast when a later task would still start, and keys it does not know', () => {
    const tasks = [
      { name: 'a', template: 'a' },
      { name: 'c', template: 'c', depends: 'a.Failed' },
    ];
    expect(() => runArgo(workflow(tasks, {}), onFailure, scenario(['a']))).toThrow(/failFast is on/);
    expect(runArgo(workflow(tasks, {}), onFailure, scenario()).succeeded).toBe(true);
    expect(() => runArgo(workflow([{ name: 'a', template: 'a', when: '1 == 1' }]), onFailure, scenario())).toThrow(/the key when/);
    expect(() => runArgo(workflow([{ name: 'a', template: 'a', depends: 'zz' }]), onFailure, scenario())).toThrow(/unknown task zz/);
  });

  it('retries a failing container as often as retryStrategy allows', () => {
    const doc = workflow([{ name: 'a', template: 'a' }]);
    (doc.spec.templates[1] as Record<string, unknown>).retryStrategy = { limit: '2' };
    expect(runArgo(doc, onFailure, scenario(['a'])).ran).toEqual(['a', 'a', 'a']);
  });
});

describe('runArgo: composites (hand-written after docs/composite-emission.md)', () => {
  it.each(COMPOSITE_SCENARIOS)('agrees with magnus when %s', (_, s) => {
    const expected = runMagnus(composite, s);
    const run = runArgo(compositeWorkflow, composite, s);
    expect(asMultiset(run.ran)).toEqual(asMultiset(expected.ran));
    expect(run.succeeded).toBe(expected.succeeded);
  });

  it('runs the map branch once per withParam item with {{item}} in its arguments', () => {
    const run = runArgo(compositeWorkflow, composite, scenario([], { items: ['a', 'c d'] }));
    expect(run.ran.filter((n) => n.startsWith('m.'))).toEqual(['m.a.z', 'm.a.success', 'm.c d.z', 'm.c d.success']);
  });

  it('marks a withParam over [] Skipped (Argo ≥3.2), so a fan-in on `.Succeeded || .Failed` never runs', () => {
    const empty = scenario([], { items: [] });
    expect(runArgo(compositeWorkflow, composite, empty).unjudged).toEqual(['m']);
    expect(runArgo(compositeWorkflow, composite, empty, { emptyWithParam: 'Succeeded' }).unjudged).toBeUndefined();
  });

  it('runs the fan-in after a failed branch, which then fails the composite and the run', () => {
    const run = runArgo(compositeWorkflow, composite, scenario(['p.one.x'], { items: ['a'] }));
    expect(run.ran).toContain('fail');
    expect(run.ran.some((n) => n.startsWith('m.'))).toBe(false);
    expect(run.succeeded).toBe(false);
  });
});
