import type { Diagnostic } from '../diagnostics';
import type { EffectiveSettings } from '../model/effective';
import { childGraphs, joinPath, MAP_BRANCH } from '../model/paths';
import type { CompositeStep, Graph, Pipeline, Step } from '../model/types';
import { commandFriendlyName, kfpName, NameAllocator } from './names';
import { StepSettings } from '../model/step-settings';
import { PIPELINE_NAME, stepRetries, stepsByName } from './plan';
import { replacedSteps } from './linear-walk';

/**
 * The graph shape of docs/composite-emission.md, independent of the target: which steps become
 * tasks in which graph, their names, the edges between them, and the composites' fan-out, branches
 * and fan-in. The Argo and KFP v2 writers only decide how to spell it.
 */

/** An edge into a task: the predecessor's task name and the outcome that leads here. */
export interface Incoming {
  from: string;
  on: 'Succeeded' | 'Failed';
}

/** A container that runs one magnus step (task, stub, success, fail). */
export interface StepJob {
  kind: 'step';
  step: Step;
  path: string;
  name: string;
  settings: () => EffectiveSettings;
  retries: number;
  incoming: Incoming[];
  /** The pipeline's own start step: the one that receives the parameters. */
  receivesParameters: boolean;
  /**
   * A fail step reached by an edge. magnus's fail node records success for itself, so its
   * container would exit 0 and the run would look successful; this one exits non-zero after it.
   */
  failsTheRun: boolean;
  /**
   * Tasks that must have been omitted for this one to run (the success task waits on the graph's
   * fail task): it keeps the fail task from being a leaf, whose omission after a failure that
   * on_failure handled would otherwise mark the whole DAG failed (Argo's omitted-branch rule).
   */
  afterOmitted: string[];
}

/** A container running `magnus fan` for a composite; built from global settings, as magnus did. */
export interface FanJob {
  name: string;
  mode: 'in' | 'out';
  settings: EffectiveSettings;
  receivesParameters: boolean;
}

export interface CompositeJob {
  kind: 'composite';
  step: CompositeStep;
  path: string;
  /** The composite's task in its graph and its own DAG (template/component) name. */
  name: string;
  incoming: Incoming[];
  /** The pipeline's start step is this composite: its fan-out is the first container, which reads the parameters. */
  receivesParameters: boolean;
  fanOut: FanJob;
  fanIn: FanJob;
  branches: PlannedBranch[];
  /** For a map: the variable its iterations bind. */
  iterateAs?: string;
  parallelism?: number;
}

export interface PlannedBranch {
  /** Task name in the composite's DAG, which is also the branch graph's DAG name. */
  name: string;
  graph: PlannedGraph;
}

export type Job = StepJob | CompositeJob;

export interface PlannedGraph {
  path: string;
  name: string;
  jobs: Job[];
  /** Map variables in scope, outermost first: every template inside takes them as inputs. */
  mapVariables: string[];
}

export interface GraphPlan {
  root: PlannedGraph;
  diagnostics: Diagnostic[];
  /** The names handed out so far: a writer that adds tasks or components of its own takes theirs here. */
  names: NameAllocator;
}

/**
 * Whether the legacy straight-line shape can carry this pipeline: no composite, no on_failure on
 * the way, and a chain ending in the success step (one ending in the fail step needs the fail
 * container that fails the run, see StepJob.failsTheRun).
 */
export function needsGraphShape(pipeline: Pipeline): boolean {
  const graph = pipeline.dag;
  const before = lastShape;
  // The answer reads only what replacedSteps keeps: after a keystroke it is the last one.
  if (before !== undefined && before.startAt === graph.start_at && (before.steps === graph.steps || replacedSteps(before.steps, graph.steps))) {
    lastShape = { ...before, steps: graph.steps };
    return before.graphShape;
  }
  const graphShape = walkNeedsGraphShape(graph);
  lastShape = { steps: graph.steps, startAt: graph.start_at, graphShape };
  return graphShape;
}

let lastShape: { steps: readonly Step[]; startAt: string | undefined; graphShape: boolean } | undefined;

function walkNeedsGraphShape(graph: Graph): boolean {
  const byName = stepsByName(graph);
  let step = graph.start_at !== undefined ? byName.get(graph.start_at) : undefined;
  // A walk longer than the graph has steps has come round a loop: what it meets again decides nothing new.
  for (let left = byName.size; step && left > 0; left--) {
    if (step.type === 'parallel' || step.type === 'map' || step.type === 'dag') return true;
    if ('on_failure' in step && step.on_failure) return true;
    if (step.type === 'fail') return true;
    if (step.type === 'success') return false;
    step = step.next !== undefined ? byName.get(step.next) : undefined;
  }
  return false;
}

export function planGraphShape(pipeline: Pipeline): GraphPlan {
  const diagnostics: Diagnostic[] = [];
  const names = new NameAllocator([kfpName(PIPELINE_NAME)]);
  const settings = new StepSettings(pipeline);
  const context: PlanContext = { pipeline, names, diagnostics, settings, globalSettings: settings.of(undefined) };
  const root = planGraph(context, pipeline.dag, '', kfpName(PIPELINE_NAME), []);
  return { root, diagnostics, names };
}

interface PlanContext {
  pipeline: Pipeline;
  names: NameAllocator;
  diagnostics: Diagnostic[];
  settings: StepSettings;
  globalSettings: EffectiveSettings;
}

function planGraph(context: PlanContext, graph: Graph, graphPath: string, name: string, mapVariables: string[]): PlannedGraph {
  const reachable = reachableSteps(graph);
  if (reachable.length === 0) {
    context.diagnostics.push({ code: 'E_EMIT_EMPTY', severity: 'error', graph: graphPath, field: 'start_at', message: `${graphPath === '' ? 'the pipeline' : `graph \`${graphPath}\``} has no valid start step: nothing to emit` });
  }
  const taskNames = new Map<string, string>();
  for (const step of reachable) taskNames.set(step.name, context.names.allocate(nameOf(joinPath(graphPath, step.name))));
  const incoming = incomingEdges(reachable, taskNames);
  const failTask = reachable.find((s) => s.type === 'fail');
  const isStart = (step: Step) => graphPath === '' && step.name === graph.start_at;
  const jobs = reachable.map((step) => {
    const path = joinPath(graphPath, step.name);
    const edges = incoming.get(step.name) ?? [];
    const taskName = taskNames.get(step.name)!;
    if (step.type === 'parallel' || step.type === 'map' || step.type === 'dag') return planComposite(context, step, path, taskName, edges, mapVariables, isStart(step));
    return new PlannedStep(context.pipeline, step, path, taskName, context.settings.lazy(step), edges, isStart(step), step.type === 'success' && failTask ? [taskNames.get(failTask.name)!] : []);
  });
  return { path: graphPath, name, jobs, mapVariables };
}

/**
 * A StepJob of a plan. A class, not an object literal with a getter: V8 builds such a literal
 * property by property into an object of its own shape (~1.2 KB a step; see LinearTask in plan.ts).
 */
class PlannedStep implements StepJob {
  readonly kind = 'step';
  readonly failsTheRun: boolean;
  constructor(
    private readonly pipeline: Pipeline,
    readonly step: Step,
    readonly path: string,
    readonly name: string,
    readonly settings: () => EffectiveSettings,
    readonly incoming: Incoming[],
    readonly receivesParameters: boolean,
    readonly afterOmitted: string[],
  ) {
    this.failsTheRun = step.type === 'fail';
  }

  /** Resolved when read: most steps need no settings to know it (stepRetries). */
  get retries(): number {
    return stepRetries(this.pipeline, this.step, this.settings);
  }
}

function planComposite(
  context: PlanContext,
  step: CompositeStep,
  path: string,
  name: string,
  incoming: Incoming[],
  mapVariables: string[],
  receivesParameters: boolean,
): CompositeJob {
  const fanOut: FanJob = { name: context.names.allocate(`${name}-fan-out`), mode: 'out', settings: context.globalSettings, receivesParameters };
  const iterateAs = step.type === 'map' ? step.iterate_as : undefined;
  const inner = iterateAs ? [...mapVariables, iterateAs] : mapVariables;
  const branches: PlannedBranch[] = childGraphs(step, path).map((child) => {
    const branchName = context.names.allocate(step.type === 'parallel' ? nameOf(child.path) : `${name}-${step.type === 'map' ? 'map' : 'branch'}`);
    return { name: branchName, graph: planGraph(context, child.graph, child.path, branchName, inner) };
  });
  if (step.type === 'dag' && !step.graph) {
    context.diagnostics.push({
      code: 'E_EMIT_NESTED_DAG_MISSING',
      severity: 'error',
      step: path,
      field: 'dag_definition',
      message: `the nested pipeline \`${step.dag_definition ?? ''}\` was not supplied, so \`${step.name}\` cannot be emitted; import it together with its dag file`,
    });
  }
  const fanIn: FanJob = { name: context.names.allocate(`${name}-fan-in`), mode: 'in', settings: context.globalSettings, receivesParameters: false };
  return { kind: 'composite', step, path, name, incoming, receivesParameters, fanOut, fanIn, branches, ...(iterateAs ? { iterateAs } : {}), ...parallelismOf(context.settings, step) };
}

/** Kubernetes-safe name of a path; a map's long placeholder segment reads as `map`, as magnus's Argo names did. */
const nameOf = (path: string) => kfpName(commandFriendlyName(path.includes(MAP_SEGMENT) ? path.replaceAll(MAP_SEGMENT, '.map.') : path));
/** replaceAll makes a new string even where nothing is replaced: most paths have no map segment. */
const MAP_SEGMENT = `.${MAP_BRANCH}.`;

/** A composite's effective `parallelism` (the Argo executors' setting, from its override, a profile or the config), when it is a positive whole number. */
function parallelismOf(settings: StepSettings, step: Step): { parallelism?: number } {
  const value = Number(settings.of(step).parallelism.value || NaN);
  return Number.isInteger(value) && value > 0 ? { parallelism: value } : {};
}

/** The steps a run can reach from start_at over next ∪ on_failure, in the order first reached. */
export function reachableSteps(graph: Graph): Step[] {
  const byName = new Map(graph.steps.map((s) => [s.name, s]));
  const order: Step[] = [];
  const seen = new Set<string>();
  const queue = graph.start_at !== undefined ? [graph.start_at] : [];
  while (queue.length > 0) {
    const name = queue.shift()!;
    const step = byName.get(name);
    if (!step || seen.has(name)) continue;
    seen.add(name);
    order.push(step);
    if (step.type === 'success' || step.type === 'fail') continue;
    for (const target of [step.next, step.on_failure]) if (target) queue.push(target);
  }
  return order;
}

function incomingEdges(steps: Step[], taskNames: Map<string, string>): Map<string, Incoming[]> {
  const incoming = new Map<string, Incoming[]>();
  const add = (target: string | undefined, edge: Incoming) => {
    if (!target || !taskNames.has(target)) return;
    incoming.set(target, [...(incoming.get(target) ?? []), edge]);
  };
  for (const step of steps) {
    if (step.type === 'success' || step.type === 'fail') continue;
    const from = taskNames.get(step.name)!;
    add(step.next, { from, on: 'Succeeded' });
    add(step.on_failure, { from, on: 'Failed' });
  }
  return incoming;
}

/** Every job of a plan, depth first (composites before their branches' jobs). */
export function* allJobs(graph: PlannedGraph): Generator<Job> {
  for (const job of graph.jobs) {
    yield job;
    if (job.kind === 'composite') for (const branch of job.branches) yield* allJobs(branch.graph);
  }
}

/** Every graph of a plan, the pipeline's first. */
export function* allGraphs(graph: PlannedGraph): Generator<PlannedGraph> {
  yield graph;
  for (const job of graph.jobs) if (job.kind === 'composite') for (const branch of job.branches) yield* allGraphs(branch.graph);
}
