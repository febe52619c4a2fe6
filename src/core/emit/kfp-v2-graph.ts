import type { Diagnostic } from '../diagnostics';
import type { Pipeline } from '../model/types';
import { executeSingleNode, fan, mapVariableJson } from './command';
import { identity, pipelineContext } from './fragment-cache';
import { planGraphShape, type CompositeJob, type PlannedGraph, type StepJob } from './graph-plan';
import {
  addCachedV2Container,
  addV2Container,
  COMPONENT_TASK_INDENT,
  containerTaskText,
  inputPlaceholder,
  ITERATE_ON_OUTPUT,
  retryBackoff,
  ROOT_TASK_INDENT,
  RUN_ID_INPUT,
  STATUS_OUTPUT,
  type ContainerTaskOptions,
  type V2Parts,
} from './kfp-v2-container';
import { routesOf, type Route } from './kfp-v2-routes';
import type { NameAllocator } from './names';
import { parameterEnvName } from './parameters';
import type { PlannedVolume } from './plan';

type Yaml = Record<string, unknown>;

/**
 * The input a gated task reads its upstream step's status from. One name for every gated task, so
 * that a region component (several ways in, each from another step) declares one input; the `-`
 * keeps it apart from map variables and parameters.
 */
export const UPSTREAM_STATUS = 'pipelinechannel--upstream-status';
const COMPLETED = 'ALL_UPSTREAM_TASKS_COMPLETED';

/** What a task waits for: the task it depends on and, after a status-wrapped step, the outcome that leads here. */
interface Gate {
  dependentTasks: string[];
  condition?: string;
}

const OPEN: Gate = { dependentTasks: [] };

/**
 * Where a map variable comes from inside a graph's DAG: its own name, except in a map's branch
 * graph, where the variable that graph iterates on arrives as the loop item.
 */
type VariableSource = (name: string) => string;
const byName: VariableSource = (name) => name;

/**
 * KFP v2's graph shape (docs/composite-emission.md): every graph a DAG, composites as fan-out,
 * branches and fan-in, on_failure through status-wrapped steps and conditions.
 */
export function emitV2Graphs(pipeline: Pipeline, parts: V2Parts, volumes: PlannedVolume[]) {
  const plan = planGraphShape(pipeline);
  const builder = new GraphBuilder(pipeline, parts, volumes, plan.names);
  const rootTasks = builder.graphTasks(plan.root, byName, false, ROOT_TASK_INDENT);
  // The entrypoint and root templates, then what the root DAG holds down to its deepest pod.
  const depth = 2 + builder.levels.get(plan.root)!;
  const diagnostics: Diagnostic[] = [
    ...plan.diagnostics,
    // Once per pipeline, at the first step with on_failure: where a click in the designer leads.
    ...(builder.firstOnFailure !== undefined ? [{ ...STATUS_VIEW, step: builder.firstOnFailure }] : []),
    ...(depth > ARGO_MAX_DEPTH ? [tooDeep(depth)] : []),
  ];
  return { rootName: plan.root.name, rootTasks, diagnostics };
}

/** Argo's `maxAllowedStackDepth`: templates nested deeper fail the workflow at run time. */
const ARGO_MAX_DEPTH = 100;

const tooDeep = (depth: number): Diagnostic => ({
  code: 'W_EMIT_V2_DEPTH',
  severity: 'warning',
  message: `the KFP v2 backend runs this pipeline ${depth} Argo templates deep, deeper than Argo's limit of ${ARGO_MAX_DEPTH}: the run fails unless the workflow controller runs with DISABLE_MAX_RECURSION=true. Every step that several steps lead to adds a level, every composite two or three: fewer of them in a row keeps it under the limit (the KFP v1 and Argo targets nest less)`,
});

/** Said once per pipeline: what the Kubeflow UI shows differently from magnus (README, "What is emitted"). */
const STATUS_VIEW: Diagnostic = {
  code: 'I_EMIT_V2_ON_FAILURE',
  severity: 'info',
  field: 'on_failure',
  message:
    'KFP v2 runs on_failure through status outputs and conditions: in the Kubeflow UI a step with on_failure (and every step inside a parallel, map or dag that has one) shows as succeeded even when magnus recorded a failure — its `status` output says `failed` — and the steps the run did not take show as skipped; the run itself ends Failed or Succeeded as magnus does, and magnus’s run log has every step’s real state',
};

class GraphBuilder {
  /** The path of the first step with on_failure met (any status wrapping stems from one). */
  firstOnFailure?: string;
  /** Argo template levels below each graph's DAG template down to its deepest pod (a container task is 2: its executor DAG and the pod). */
  readonly levels = new Map<PlannedGraph, number>();
  /** What every container's cache key starts with: the pipeline's context, the same for all of them. */
  private readonly keyPrefix: string;
  private readonly variableTexts = new Map<readonly string[], { names: string; json: string | undefined }>();

  constructor(
    private readonly pipeline: Pipeline,
    private readonly parts: V2Parts,
    private readonly volumes: PlannedVolume[],
    private readonly names: NameAllocator,
  ) {
    this.keyPrefix = `v2|${pipelineContext(pipeline)}|`;
  }

  /**
   * The tasks of one graph's DAG (its start step's region), adding the components they use. In an
   * absorbing graph no task may fail (see kfp-v2-routes.ts). `at`: where its tasks' entries go (the
   * root DAG's or a DAG component's; the other regions are DAG components).
   */
  graphTasks(graph: PlannedGraph, source: VariableSource, absorbing: boolean, at: number = COMPONENT_TASK_INDENT): Yaml {
    // A graph without steps (an error the validator reports) has nothing to run; the rest of the pipeline is still emitted.
    if (graph.jobs.length === 0) {
      this.levels.set(graph, 0);
      return {};
    }
    const routes = routesOf(graph, absorbing);
    this.firstOnFailure ??= graph.jobs.find((job) => 'on_failure' in job.step && job.step.on_failure)?.path;
    const jobs = new Map(graph.jobs.map((job) => [job.name, job]));
    const regions = new Map(
      routes.heads.map((head, i) => [
        head.name,
        {
          tasks: {} as Yaml,
          source: i === 0 ? source : byName,
          name: i === 0 ? '' : this.names.allocate(`${head.name}-onward`),
          at: i === 0 ? at : COMPONENT_TASK_INDENT,
          gated: false,
          levels: 0,
          calls: [] as string[],
        },
      ]),
    );
    const exitOf = (name: string) => {
      const job = jobs.get(name)!;
      return job.kind === 'composite' && routes.wrapped.has(name) ? job.fanIn.name : name;
    };
    const gateOf = (route: Route): Gate => {
      const dependentTasks = [exitOf(route.from)];
      // After a wrapped step a way taken on success or on failure only is a condition on its status.
      if (!routes.wrapped.has(route.from) || route.on.length !== 1) return { dependentTasks };
      return { dependentTasks, condition: `inputs.parameter_values['${UPSTREAM_STATUS}'] == '${route.on[0] === 'Succeeded' ? 'succeeded' : 'failed'}'` };
    };
    for (const job of graph.jobs) {
      const region = regions.get(routes.regionOf.get(job.name)!)!;
      const into = routes.into.get(job.name);
      const context: JobContext = { graph, source: region.source, absorbing, wrapped: routes.wrapped.has(job.name), gate: into ? gateOf(into) : OPEN, at: region.at };
      const levels = job.kind === 'composite' ? this.addComposite(region.tasks, job, context) : this.addStep(region.tasks, job, context);
      region.levels = Math.max(region.levels, levels);
      for (const route of routes.out.get(job.name) ?? []) {
        const target = regions.get(route.to);
        if (!target) continue;
        region.calls.push(route.to);
        const gate = gateOf(route);
        if (gate.condition) target.gated = true;
        // own-keys: a Kubernetes name, [-a-z0-9]
        region.tasks[this.names.allocate(`${job.name}-to-${route.to}`)] = {
          componentRef: { name: `comp-${target.name}` },
          dependentTasks: gate.dependentTasks,
          ...inputsOf({ ...variableInputs(graph.mapVariables, region.source), ...statusInput(gate) }),
          taskInfo: { name: jobs.get(route.to)!.step.name },
          ...triggerOf(gate),
        };
      }
    }
    this.levels.set(graph, regionLevels(regions, routes.heads[0].name));
    for (const [, region] of [...regions].slice(1)) {
      this.parts.components[`comp-${region.name}`] = {
        dag: { tasks: region.tasks },
        ...definitions({ ...strings(graph.mapVariables), ...(region.gated ? { [UPSTREAM_STATUS]: { isOptional: true, parameterType: 'STRING' } } : {}) }),
      };
    }
    return regions.get(routes.heads[0].name)!.tasks;
  }

  private addStep(tasks: Yaml, job: StepJob, { graph, source, absorbing, wrapped, gate, at }: JobContext): number {
    const parameters = job.receivesParameters ? this.pipeline.parameters.map((p) => p.name) : [];
    const attempts = job.retries + 1;
    const key = `${this.keyPrefix}${job.name}|${this.variables(graph.mapVariables).names}|${job.receivesParameters ? identity(this.pipeline.parameters) : '-'}|${wrapped ? attempts : '-'}|${gate.condition ? 'gated' : '-'}|${absorbing}`;
    addCachedV2Container(
      this.parts,
      job.step,
      key,
      job.name,
      () => ({
        name: job.name,
        argv: executeSingleNode(this.pipeline, job.path, inputPlaceholder(RUN_ID_INPUT), this.variables(graph.mapVariables).json),
        settings: job.settings(),
        exports: job.receivesParameters ? parameterExports(this.pipeline) : [],
        inputs: [...parameters, ...graph.mapVariables, ...(gate.condition ? [UPSTREAM_STATUS] : [])],
        // In an absorbing graph the fan-in judges the branch: its fail step must not fail the DAG.
        failsTheRun: job.failsTheRun && !absorbing,
        ...(wrapped ? { recordsStatus: { attempts, backoff: retryBackoff(job.settings()) } } : {}),
      }),
      this.volumes,
    );
    // own-keys: a Kubernetes name, [-a-z0-9]
    tasks[job.name] = this.task(
      job.name,
      {
        // A wrapped step retries inside its container: a failed attempt there is no failed task.
        retries: wrapped ? 0 : job.retries,
        backoff: !wrapped && job.retries > 0 ? retryBackoff(job.settings()) : undefined,
        caching: caching(this.pipeline),
        displayName: job.step.name,
        inputs: { ...this.parameterInputs(job.receivesParameters), ...variableInputs(graph.mapVariables, source), ...statusInput(gate) },
        dependentTasks: gate.dependentTasks,
        ...triggerOf(gate),
      },
      at,
    );
    return CONTAINER_LEVELS;
  }

  /**
   * A composite with on_failure, or in an absorbing graph: fan-out, branches and a status-wrapped
   * fan-in right in the graph's DAG, its branches absorbing. Any other: a DAG component of its own
   * holding `<C>-branches` (fan-out and branches) and the fan-in, which waits for that one task
   * with ALL_UPSTREAM_TASKS_COMPLETED — the backend makes it an exit hook of each task it waits for.
   */
  private addComposite(tasks: Yaml, job: CompositeJob, context: JobContext): number {
    const { graph, source, wrapped, gate } = context;
    const parameterNames = job.receivesParameters ? this.pipeline.parameters.map((p) => p.name) : [];
    const outer = variableInputs(graph.mapVariables, source);
    if (wrapped) {
      const levels = this.addFanOutAndBranches(tasks, job, context);
      const fanIn = this.addFan(job, 'in', graph.mapVariables, true);
      // own-keys: a Kubernetes name, [-a-z0-9]
      tasks[fanIn] = this.task(
        fanIn,
        { retries: 0, caching: caching(this.pipeline), displayName: `${job.step.name} (fan in)`, inputs: outer, dependentTasks: job.branches.map((b) => b.name) },
        context.at,
      );
      return levels;
    }
    const own: JobContext = { ...context, source: byName, gate: OPEN, at: COMPONENT_TASK_INDENT };
    const body: Yaml = {};
    const bodyLevels = this.addFanOutAndBranches(body, job, own);
    const bodyName = this.names.allocate(`${job.name}-branches`);
    const ownInputs = strings([...parameterNames, ...graph.mapVariables]);
    this.parts.components[`comp-${bodyName}`] = { dag: { tasks: body }, ...definitions(ownInputs) };
    const fanIn = this.addFan(job, 'in', graph.mapVariables, false);
    this.parts.components[`comp-${job.name}`] = {
      dag: {
        tasks: {
          [bodyName]: {
            componentRef: { name: `comp-${bodyName}` },
            ...inputsOf({ ...this.parameterInputs(job.receivesParameters), ...variableInputs(graph.mapVariables, byName) }),
            taskInfo: { name: `${job.step.name} (branches)` },
          },
          // It must run when a branch failed: the fan-in is what fails the composite, the magnus way.
          [fanIn]: this.task(
            fanIn,
            {
              retries: 0,
              caching: caching(this.pipeline),
              displayName: `${job.step.name} (fan in)`,
              inputs: variableInputs(graph.mapVariables, byName),
              dependentTasks: [bodyName],
              triggerPolicy: { strategy: COMPLETED },
            },
            COMPONENT_TASK_INDENT,
          ),
        },
      },
      ...definitions({ ...ownInputs, ...(gate.condition ? strings([UPSTREAM_STATUS]) : {}) }),
    };
    // own-keys: a Kubernetes name, [-a-z0-9]
    tasks[job.name] = {
      componentRef: { name: `comp-${job.name}` },
      ...(gate.dependentTasks.length > 0 ? { dependentTasks: gate.dependentTasks } : {}),
      ...inputsOf({ ...this.parameterInputs(job.receivesParameters), ...outer, ...statusInput(gate) }),
      taskInfo: { name: job.step.name },
      ...triggerOf(gate),
    };
    // comp-<C>, then either <C>-branches or the fan-in's exit-hook template.
    return 1 + Math.max(1 + bodyLevels, 1 + CONTAINER_LEVELS);
  }

  /** The fan-out (gated as the composite is) and one task per branch after it; a map's branch iterates. Returns their levels. */
  private addFanOutAndBranches(tasks: Yaml, job: CompositeJob, { graph, source, wrapped, gate, at }: JobContext): number {
    const mapVariables = graph.mapVariables;
    const outer = variableInputs(mapVariables, source);
    const fanOut = this.addFan(job, 'out', mapVariables, false, gate.condition !== undefined);
    // own-keys: a Kubernetes name, [-a-z0-9]
    tasks[fanOut] = this.task(
      fanOut,
      {
        retries: 0,
        caching: caching(this.pipeline),
        displayName: `${job.step.name} (fan out)`,
        inputs: { ...this.parameterInputs(job.receivesParameters), ...outer, ...statusInput(gate) },
        dependentTasks: gate.dependentTasks,
        ...triggerOf(gate),
      },
      at,
    );
    const listInput = `pipelinechannel--${fanOut}-${ITERATE_ON_OUTPUT}`;
    const itemInput = `${listInput}-loop-item`;
    const iterated = job.iterateAs !== undefined;
    let levels = CONTAINER_LEVELS;
    for (const branch of job.branches) {
      const inner: VariableSource = iterated ? (name) => (name === job.iterateAs ? itemInput : name) : byName;
      this.parts.components[`comp-${branch.name}`] = {
        dag: { tasks: this.graphTasks(branch.graph, inner, wrapped) },
        ...definitions(iterated ? { ...strings(mapVariables), [listInput]: { parameterType: 'LIST' }, [itemInput]: { parameterType: 'STRING' } } : strings(branch.graph.mapVariables)),
      };
      // own-keys: a Kubernetes name, [-a-z0-9]
      tasks[branch.name] = {
        componentRef: { name: `comp-${branch.name}` },
        dependentTasks: [fanOut],
        ...inputsOf({ ...outer, ...(iterated ? { [listInput]: { taskOutputParameter: { outputParameterKey: ITERATE_ON_OUTPUT, producerTask: fanOut } } } : {}) }),
        ...(iterated
          ? {
              parameterIterator: { itemInput, items: { inputParameter: listInput } },
              ...(job.parallelism ? { iteratorPolicy: { parallelismLimit: job.parallelism } } : {}),
            }
          : {}),
        taskInfo: { name: branchDisplayName(job, branch.graph.path) },
      };
      // A ParallelFor is a loop template and an iterations template above the branch's DAG.
      levels = Math.max(levels, (iterated ? 3 : 1) + this.levels.get(branch.graph)!);
    }
    return levels;
  }

  /** The container of a composite's fan-out or fan-in (global settings, as magnus built them); its task name. */
  private addFan(job: CompositeJob, mode: 'in' | 'out', mapVariables: string[], recordsStatus: boolean, gated = false): string {
    const fanJob = mode === 'out' ? job.fanOut : job.fanIn;
    addV2Container(
      this.parts,
      {
        name: fanJob.name,
        argv: fan(this.pipeline, job.path, mode, inputPlaceholder(RUN_ID_INPUT), this.variables(mapVariables).json),
        settings: fanJob.settings,
        exports: fanJob.receivesParameters ? parameterExports(this.pipeline) : [],
        inputs: [...(fanJob.receivesParameters ? this.pipeline.parameters.map((p) => p.name) : []), ...mapVariables, ...(gated ? [UPSTREAM_STATUS] : [])],
        outputsIterateOn: mode === 'out' && job.iterateAs !== undefined,
        ...(recordsStatus ? { recordsStatus: { attempts: 1 } } : {}),
      },
      this.volumes,
    );
    return fanJob.name;
  }

  /**
   * A container task, written as text straight away (what the YAML writer renders from containerTask,
   * kfp-v2-text.test.ts checks it), its entries indented by `at`: the tasks of a 1,000-step graph
   * as objects for the writer to walk were a third of its emission.
   */
  private task(name: string, options: ContainerTaskOptions, at: number) {
    return containerTaskText(this.parts.shared, name, options, at);
  }

  /** A graph's map variables as its containers' cache keys and `--map-variable` read them, made once per graph, not per container. */
  private variables(names: string[]): { names: string; json: string | undefined } {
    let made = this.variableTexts.get(names);
    if (made === undefined) this.variableTexts.set(names, (made = { names: names.join(','), json: mapVariableJson(names, inputPlaceholder) }));
    return made;
  }

  /** The run's parameters, passed on by name from the enclosing DAG to the container that reads them. */
  private parameterInputs(receives: boolean): Yaml {
    return receives ? Object.fromEntries(this.pipeline.parameters.map((p) => [p.name, { componentInputParameter: p.name }])) : {};
  }
}

interface JobContext {
  graph: PlannedGraph;
  source: VariableSource;
  absorbing: boolean;
  wrapped: boolean;
  gate: Gate;
  /** Where the entries of the tasks go in the DAG being written (graphTasks). */
  at: number;
}

/** A container task: the backend's executor DAG template and the pod's template. */
const CONTAINER_LEVELS = 2;

export const caching = (pipeline: Pipeline) => pipeline.executor.enable_caching === true;
/** The run's parameters as `MAGNUS_PRM_*`, exported from the component inputs of the same names. */
export const parameterExports = (pipeline: Pipeline) => pipeline.parameters.map((p) => ({ env: parameterEnvName(p), input: p.name }));
const strings = (names: string[]) => Object.fromEntries(names.map((name) => [name, { parameterType: 'STRING' }]));
const definitions = (parameters: Yaml) => (Object.keys(parameters).length > 0 ? { inputDefinitions: { parameters } } : {});
const inputsOf = (parameters: Yaml) => (Object.keys(parameters).length > 0 ? { inputs: { parameters } } : {});
const variableInputs = (names: string[], source: VariableSource): Yaml => Object.fromEntries(names.map((name) => [name, { componentInputParameter: source(name) }]));
const statusInput = (gate: Gate): Yaml =>
  gate.condition ? { [UPSTREAM_STATUS]: { taskOutputParameter: { outputParameterKey: STATUS_OUTPUT, producerTask: gate.dependentTasks[0] } } } : {};
const triggerOf = (gate: Gate) => (gate.condition ? { triggerPolicy: { condition: gate.condition } } : {});

/**
 * The levels of a graph's DAG: its start region's tasks, and one level more for each region it
 * calls, and so on. Without recursion, as joins in a row can be thousands; a call back into a
 * region being measured (only an invalid, cyclic graph has one) adds nothing.
 */
function regionLevels(regions: ReadonlyMap<string, { levels: number; calls: string[] }>, start: string): number {
  const totals = new Map<string, number>();
  const open = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const head = stack.at(-1)!;
    if (totals.has(head)) {
      stack.pop();
      continue;
    }
    const { levels, calls } = regions.get(head)!;
    if (!open.has(head)) {
      open.add(head);
      stack.push(...calls.filter((call) => !totals.has(call) && !open.has(call)));
      continue;
    }
    stack.pop();
    let value = levels;
    for (const call of calls) value = Math.max(value, 1 + (totals.get(call) ?? 0));
    totals.set(head, value);
  }
  return totals.get(start)!;
}

function branchDisplayName(job: CompositeJob, branchPath: string): string {
  if (job.step.type === 'parallel') return `${job.step.name} / ${branchPath.slice(job.path.length + 1)}`;
  return job.step.type === 'map' ? `${job.step.name} (each ${job.iterateAs})` : `${job.step.name} (${job.step.dag_definition ?? 'nested dag'})`;
}
