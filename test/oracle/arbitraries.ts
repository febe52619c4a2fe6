import fc from 'fast-check';
import { childGraphs, joinPath } from '../../src/core/model/paths';
import type { Branch, FlowStep, Graph, Pipeline, Step } from '../../src/core/model/types';
import { stepName } from '../property/arbitraries';
import { scenario, type Scenario } from './scenario';

/**
 * Valid magnus pipelines with composites (parallel, map, nested dag, nested up to three deep) and
 * on_failure edges, for checking the emitted documents against magnus's own traversal.
 */

/** A composite inside a composite inside a composite, at most (the top graph is depth 0). */
const MAX_DEPTH = 3;
const ITERATE_ON = ['items', 'shards'];
const ITERATE_AS = ['item', 'shard', 'chunk', 'x'];
/** Success and fail steps may have any name (§3.1); only their type matters. */
const TERMINAL_NAMES: [string, string][] = [
  ['success', 'fail'],
  ['Done', 'Failed'],
  ['all good', 'broken-run'],
];
const ITEM_POOL = ['a', 'b', 'c d', '7'];

export interface PipelineOptions {
  /** Let a graph end its chain with `next: <fail step>` (legal magnus, §3.1) besides on_failure edges. */
  nextToFail?: boolean;
  /** Generate on_failure edges at all (default true); KFP v2 refuses pipelines with them. */
  onFailure?: boolean;
}

interface Scope {
  depth: number;
  /** iterate_as of the enclosing maps: a nested map reusing one would clash in the map variable. */
  mapVariables: string[];
  options: PipelineOptions;
}

type WithoutEdges<T> = T extends unknown ? Omit<T, 'next' | 'on_failure'> : never;
/** A step before its next/on_failure are known (they depend on the names of the steps after it). */
type Body = WithoutEdges<FlowStep>;

function graph(scope: Scope): fc.Arbitrary<Graph> {
  // Deeper graphs stay small: the emitted YAML grows with every level, and parsing it is the cost of a run.
  const maxSteps = [5, 3, 2, 2][scope.depth];
  return fc
    .record({
      names: fc.uniqueArray(stepName, { minLength: 1, maxLength: maxSteps }),
      terminals: fc.constantFrom(...TERMINAL_NAMES),
      lastToFail: scope.options.nextToFail ? fc.boolean() : fc.constant(false),
    })
    .filter(({ names, terminals }) => terminals.every((t) => !names.includes(t)))
    .chain(({ names, terminals, lastToFail }) =>
      fc
        .tuple(...names.map((name) => fc.tuple(flowStep(name, scope), scope.options.onFailure === false ? fc.constant(null) : fc.option(fc.nat(), { freq: 3 }))))
        .map((bodies): Graph => {
          const [success, fail] = terminals;
          const steps = bodies.map(([body, failurePick], i): Step => {
            const later = [...names.slice(i + 1), success, fail];
            const next = i + 1 < names.length ? names[i + 1] : lastToFail ? fail : success;
            return { ...body, next, ...(failurePick !== null ? { on_failure: later[failurePick % later.length] } : {}) } as Step;
          });
          return { start_at: names[0], steps: [...steps, { name: success, type: 'success' }, { name: fail, type: 'fail' }] };
        }),
    );
}

function flowStep(name: string, scope: Scope): fc.Arbitrary<Body> {
  const inner: Scope = { ...scope, depth: scope.depth + 1 };
  const composites = scope.depth < MAX_DEPTH;
  // Some steps retry (max_attempts is attempts in all), so a scenario can fail their first attempts only.
  const attempts = fc.option(fc.integer({ min: 2, max: 3 }), { freq: 3, nil: undefined });
  return fc.oneof(
    { weight: 4, arbitrary: attempts.map((n): Body => ({ name, type: 'task', command_type: 'python', command: 'pkg.module.main', ...(n ? { max_attempts: n } : {}) })) },
    { weight: 2, arbitrary: attempts.map((n): Body => ({ name, type: 'stub', ...(n ? { max_attempts: n } : {}) })) },
    ...(composites
      ? [
          { weight: 1, arbitrary: parallel(name, inner) },
          { weight: 1, arbitrary: map(name, inner) },
          { weight: 1, arbitrary: graph(inner).map((g): Body => ({ name, type: 'dag', dag_definition: 'nested.yaml', graph: g })) },
        ]
      : []),
  );
}

function parallel(name: string, scope: Scope): fc.Arbitrary<Body> {
  return fc
    .uniqueArray(stepName, { minLength: 1, maxLength: scope.depth <= 1 ? 3 : 2 })
    .chain((names) => fc.tuple(...names.map(() => graph(scope))).map((graphs): Branch[] => names.map((n, i) => ({ name: n, graph: graphs[i] }))))
    .map((branches): Body => ({ name, type: 'parallel', branches }));
}

function map(name: string, scope: Scope): fc.Arbitrary<Body> {
  const free = ITERATE_AS.filter((v) => !scope.mapVariables.includes(v));
  return fc
    .record({ iterate_on: fc.constantFrom(...ITERATE_ON), iterate_as: fc.constantFrom(...free) })
    .chain(({ iterate_on, iterate_as }) =>
      graph({ ...scope, mapVariables: [...scope.mapVariables, iterate_as] }).map((branch): Body => ({ name, type: 'map', iterate_on, iterate_as, branch })),
    );
}

/** Nested dag files get distinct names, as separate files would have. */
function numberNestedDags(dag: Graph): void {
  let n = 0;
  const visit = (g: Graph) => {
    for (const step of g.steps) {
      if (step.type === 'dag') step.dag_definition = `nested_${++n}.yaml`;
      for (const child of childGraphs(step, '')) visit(child.graph);
    }
  };
  visit(dag);
}

const isComposite = (s: Step) => s.type === 'parallel' || s.type === 'map' || s.type === 'dag';

/** Pipelines in the graph shape: the top graph has a composite or an on_failure. */
export function compositePipeline(options: PipelineOptions = {}): fc.Arbitrary<Pipeline> {
  return fc
    .record({
      dag: graph({ depth: 0, mapVariables: [], options }),
      parameters: fc.subarray([
        { name: 'lr', value: 0.1 },
        { name: 'mode', value: 'fast' },
      ]),
    })
    .filter(({ dag }) => dag.steps.some((s) => isComposite(s) || ('on_failure' in s && !!s.on_failure)))
    .map(({ dag, parameters }) => {
      numberNestedDags(dag);
      return {
        dag,
        executor: { docker_image: 'registry.example.com/team/image:1.0', profiles: [] },
        services: [{ key: 'run_log_store', type: 'k8s-pvc', config: { persistent_volume_name: 'run-logs', mount_path: '/mnt/run_log_store' } }],
        parameters,
        variables: [],
        files: { dag: 'pipelines/dag.yaml', config: 'pipelines/config.yaml', ...(parameters.length > 0 ? { parameters: 'pipelines/params.yaml' } : {}) },
        layout: {},
      } satisfies Pipeline;
    });
}

/** Every `iterate_on` parameter of the pipeline, each once. */
export function iterateOnParameters(pipeline: Pipeline): string[] {
  const found = new Set<string>();
  const visit = (g: Graph) => {
    for (const step of g.steps) {
      if (step.type === 'map' && step.iterate_on) found.add(step.iterate_on);
      for (const child of childGraphs(step, '')) visit(child.graph);
    }
  };
  visit(pipeline.dag);
  return [...found];
}

/** The runtime names of every task and stub that some run could reach, under the given map lists. */
export function possibleRuntimeNames(pipeline: Pipeline, items: Record<string, string[]>): string[] {
  const names: string[] = [];
  const visit = (g: Graph, runtimePath: string) => {
    for (const step of g.steps) {
      const runtime = joinPath(runtimePath, step.name);
      if (step.type === 'task' || step.type === 'stub') names.push(runtime);
      else if (step.type === 'map') for (const item of items[step.iterate_on ?? ''] ?? []) visit(step.branch, joinPath(runtime, item));
      else for (const child of childGraphs(step, runtime)) visit(child.graph, child.path);
    }
  };
  visit(pipeline.dag, '');
  return names;
}

/** 0–3 distinct items for each map list. */
export function mapItems(pipeline: Pipeline): fc.Arbitrary<Record<string, string[]>> {
  const parameters = iterateOnParameters(pipeline);
  return fc.tuple(...parameters.map(() => fc.uniqueArray(fc.constantFrom(...ITEM_POOL), { maxLength: 3 }))).map((lists) => Object.fromEntries(parameters.map((p, i) => [p, lists[i]])));
}

/** No failure at all, or a random set of the steps that could run. */
export function scenarioFor(pipeline: Pipeline, items: Record<string, string[]>): fc.Arbitrary<Scenario> {
  const names = possibleRuntimeNames(pipeline, items);
  return fc.oneof(fc.constant(scenario([], items)), fc.subarray(names).map((failing) => scenario(failing, items)));
}

/** What a scenario may set besides which steps fail: steps failing only their first attempts, how long steps take. */
export interface ScenarioExtras {
  failingAttempts: Record<string, number>;
  durations: Record<string, number>;
}

/** Random durations of 1–5 units for the steps a run could reach, and first attempts that fail. */
export function scenarioExtras(names: string[]): fc.Arbitrary<ScenarioExtras> {
  const some = (values: fc.Arbitrary<number>) =>
    fc.subarray(names).chain((chosen) => fc.tuple(...chosen.map(() => values)).map((picked) => Object.fromEntries(chosen.map((n, i) => [n, picked[i]]))));
  return fc.record({ failingAttempts: some(fc.integer({ min: 1, max: 2 })), durations: some(fc.integer({ min: 1, max: 5 })) });
}

/** A pipeline, its map lists, random failure sets to try beyond none and each single step, and timings and partial failures. */
export function pipelineWithScenarios(options: PipelineOptions = {}) {
  return compositePipeline(options).chain((pipeline) =>
    mapItems(pipeline).chain((items) => {
      const names = possibleRuntimeNames(pipeline, items);
      return fc.record({
        pipeline: fc.constant(pipeline),
        items: fc.constant(items),
        randomFailures: fc.array(fc.subarray(names), { maxLength: 3 }),
        extras: scenarioExtras(names),
      });
    }),
  );
}
