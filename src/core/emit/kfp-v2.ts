import type { Diagnostic } from '../diagnostics';
import type { Pipeline } from '../model/types';
import { toYaml } from '../yaml/stringify';
import { executeSingleNode, fan, mapVariableJson } from './command';
import { allJobs, needsGraphShape, planGraphShape, type CompositeJob, type PlannedGraph } from './graph-plan';
import type { EmitOptions, EmitResult } from './options';
import {
  addCachedV2Container,
  addV2Container,
  cachedRootTask,
  containerTask,
  emptyParts,
  inputPlaceholder,
  ITERATE_ON_OUTPUT,
  retryBackoff,
  RUN_ID_INPUT,
  type V2Parts,
} from './kfp-v2-container';
import { parameterEnvName, parameterText } from './parameters';
import { planLinear, plannedVolumes, type PlannedVolume } from './plan';
import { identity, pipelineContext } from './fragment-cache';

export const SCHEMA_VERSION = '2.1.0';
/** Free text the backend does not read; says honestly who compiled the spec. */
export const SDK_VERSION = 'kfp-designer-0.1.0';

type Yaml = Record<string, unknown>;

/**
 * KFP v2: a PipelineSpec (IR) plus a kfp-kubernetes PlatformSpec, two YAML documents (format doc
 * §2, §4). One component/executor per container; both generations of resource fields and secret/PVC
 * name fields so that backends 2.0–2.4 and ≥2.5 read the same pipeline. Composite steps take the
 * graph shape of docs/composite-emission.md; on_failure has no exact KFP v2 form and is refused.
 */
export function emitKfpV2(pipeline: Pipeline, options: EmitOptions): EmitResult {
  void options;
  const parts = emptyParts();
  const volumes = plannedVolumes(pipeline);
  const { rootName, rootTasks, diagnostics } = needsGraphShape(pipeline) ? graphShape(pipeline, parts, volumes) : legacyShape(pipeline, parts, volumes);
  const description = pipeline.dag.description?.trim();
  const spec = {
    components: parts.components,
    deploymentSpec: { executors: parts.executors },
    pipelineInfo: { ...(description ? { description } : {}), name: rootName },
    root: {
      dag: { tasks: rootTasks },
      ...(pipeline.parameters.length > 0
        ? {
            inputDefinitions: {
              parameters: Object.fromEntries(
                pipeline.parameters.map((p) => [p.name, { defaultValue: parameterText(p.value), isOptional: true, parameterType: 'STRING' }]),
              ),
            },
          }
        : {}),
    },
    schemaVersion: SCHEMA_VERSION,
    sdkVersion: SDK_VERSION,
  };
  const platform = { platforms: { kubernetes: { deploymentSpec: { executors: parts.platformExecutors } } } };
  return { text: `${toYaml(spec)}---\n${toYaml(platform)}`, diagnostics };
}

const caching = (pipeline: Pipeline) => pipeline.executor.enable_caching === true;
const parameterExports = (pipeline: Pipeline) => pipeline.parameters.map((p) => ({ env: parameterEnvName(p), input: p.name }));

function legacyShape(pipeline: Pipeline, parts: V2Parts, volumes: PlannedVolume[]) {
  const plan = planLinear(pipeline);
  const tasks: Yaml = {};
  const context = pipelineContext(pipeline);
  for (const task of plan.tasks) {
    const parameters = task.isStart ? pipeline.parameters.map((p) => p.name) : [];
    const key = `v2|${context}|${task.name}|${task.isStart ? identity(pipeline.parameters) : '-'}`;
    addCachedV2Container(
      parts,
      task.step,
      key,
      task.name,
      () => ({
        name: task.name,
        argv: executeSingleNode(pipeline, task.path, inputPlaceholder(RUN_ID_INPUT)),
        settings: task.settings(),
        exports: task.isStart ? parameterExports(pipeline) : [],
        inputs: parameters,
      }),
      volumes,
    );
    // own-keys: a Kubernetes name, [-a-z0-9]
    tasks[task.name] = cachedRootTask(task.step, `${key}|${task.after ?? ''}`, () =>
      containerTask(task.name, {
        retries: task.retries,
        backoff: task.retries > 0 ? retryBackoff(task.settings()) : undefined,
        caching: caching(pipeline),
        displayName: task.step.name,
        inputs: Object.fromEntries(parameters.map((name) => [name, { componentInputParameter: name }])),
        dependentTasks: task.after ? [task.after] : [],
      }),
    );
  }
  return { rootName: plan.rootName, rootTasks: tasks, diagnostics: plan.diagnostics };
}

/**
 * Where a map variable comes from inside a graph's DAG: its own name, except in a map's branch
 * graph, where the variable that graph iterates on arrives as the loop item.
 */
type VariableSource = (name: string) => string;

function graphShape(pipeline: Pipeline, parts: V2Parts, volumes: PlannedVolume[]) {
  const plan = planGraphShape(pipeline);
  const diagnostics: Diagnostic[] = [...plan.diagnostics, ...onFailureRefusals(plan.root)];
  const builder = new GraphBuilder(pipeline, parts, volumes);
  const rootTasks = builder.graphTasks(plan.root, (name) => name);
  return { rootName: plan.root.name, rootTasks, diagnostics };
}

/** KFP v2 has no trigger that runs a task only when an upstream task failed (see docs/composite-emission.md). */
function onFailureRefusals(root: PlannedGraph): Diagnostic[] {
  const refusals: Diagnostic[] = [];
  for (const job of allJobs(root)) {
    const step = job.step;
    if (step.type === 'success' || step.type === 'fail' || !step.on_failure) continue;
    refusals.push({
      code: 'E_EMIT_V2_ON_FAILURE',
      severity: 'error',
      step: job.path,
      field: 'on_failure',
      message: `KFP v2 cannot run \`${step.on_failure}\` only when \`${step.name}\` fails (no trigger policy waits for a failure); emit this pipeline with the KFP v1 or Argo target, which express on_failure exactly and which KFP 2.x still runs`,
    });
  }
  return refusals;
}

class GraphBuilder {
  constructor(
    private readonly pipeline: Pipeline,
    private readonly parts: V2Parts,
    private readonly volumes: PlannedVolume[],
  ) {}

  /** The tasks of one graph's DAG, adding the components they use. */
  graphTasks(graph: PlannedGraph, source: VariableSource): Yaml {
    const tasks: Yaml = {};
    const variableInputs = Object.fromEntries(graph.mapVariables.map((name) => [name, { componentInputParameter: source(name) }]));
    for (const job of graph.jobs) {
      const after = job.incoming.filter((e) => e.on === 'Succeeded').map((e) => e.from);
      if (job.kind === 'composite') {
        this.addComposite(job, graph.mapVariables);
        // own-keys: a Kubernetes name, [-a-z0-9]
        tasks[job.name] = {
          componentRef: { name: `comp-${job.name}` },
          ...(after.length > 0 ? { dependentTasks: after } : {}),
          ...inputsOf({ ...this.parameterInputs(job.receivesParameters), ...variableInputs }),
          taskInfo: { name: job.step.name },
        };
        continue;
      }
      const parameters = job.receivesParameters ? this.pipeline.parameters.map((p) => p.name) : [];
      const key = `v2|${pipelineContext(this.pipeline)}|${job.name}|${graph.mapVariables.join(',')}|${job.receivesParameters ? identity(this.pipeline.parameters) : '-'}`;
      addCachedV2Container(
        this.parts,
        job.step,
        key,
        job.name,
        () => ({
          name: job.name,
          argv: executeSingleNode(this.pipeline, job.path, inputPlaceholder(RUN_ID_INPUT), mapVariableJson(graph.mapVariables, inputPlaceholder)),
          settings: job.settings(),
          exports: job.receivesParameters ? parameterExports(this.pipeline) : [],
          inputs: [...parameters, ...graph.mapVariables],
          failsTheRun: job.failsTheRun,
        }),
        this.volumes,
      );
      const parameterInputs = Object.fromEntries(parameters.map((name) => [name, { componentInputParameter: name }]));
      // own-keys: a Kubernetes name, [-a-z0-9]
      tasks[job.name] = containerTask(job.name, {
        retries: job.retries,
        backoff: job.retries > 0 ? retryBackoff(job.settings()) : undefined,
        caching: caching(this.pipeline),
        displayName: job.step.name,
        inputs: { ...parameterInputs, ...variableInputs },
        dependentTasks: after,
      });
    }
    return tasks;
  }

  /** A composite's own DAG component: fan-out, its branches (a map's iterated), fan-in. */
  private addComposite(job: CompositeJob, mapVariables: string[]) {
    const byName = (name: string) => name;
    const variableInputs = Object.fromEntries(mapVariables.map((name) => [name, { componentInputParameter: name }]));
    const tasks: Yaml = {};
    for (const fanJob of [job.fanOut, job.fanIn]) {
      addV2Container(
        this.parts,
        {
          name: fanJob.name,
          argv: fan(this.pipeline, job.path, fanJob.mode, inputPlaceholder(RUN_ID_INPUT), mapVariableJson(mapVariables, inputPlaceholder)),
          settings: fanJob.settings,
          exports: fanJob.receivesParameters ? parameterExports(this.pipeline) : [],
          inputs: [...(fanJob.receivesParameters ? this.pipeline.parameters.map((p) => p.name) : []), ...mapVariables],
          outputsIterateOn: fanJob.mode === 'out' && job.iterateAs !== undefined,
        },
        this.volumes,
      );
    }
    // own-keys: a Kubernetes name, [-a-z0-9]
    tasks[job.fanOut.name] = containerTask(job.fanOut.name, {
      retries: 0,
      caching: caching(this.pipeline),
      displayName: `${job.step.name} (fan out)`,
      inputs: { ...this.parameterInputs(job.receivesParameters), ...variableInputs },
    });
    const listInput = `pipelinechannel--${job.fanOut.name}-${ITERATE_ON_OUTPUT}`;
    const itemInput = `${listInput}-loop-item`;
    for (const branch of job.branches) {
      const iterated = job.iterateAs !== undefined;
      const source: VariableSource = iterated ? (name) => (name === job.iterateAs ? itemInput : name) : byName;
      this.parts.components[`comp-${branch.name}`] = {
        dag: { tasks: this.graphTasks(branch.graph, source) },
        ...definitions(iterated ? { ...strings(mapVariables), [listInput]: { parameterType: 'LIST' }, [itemInput]: { parameterType: 'STRING' } } : strings(branch.graph.mapVariables)),
      };
      // own-keys: a Kubernetes name, [-a-z0-9]
      tasks[branch.name] = {
        componentRef: { name: `comp-${branch.name}` },
        dependentTasks: [job.fanOut.name],
        ...inputsOf({
          ...variableInputs,
          ...(iterated ? { [listInput]: { taskOutputParameter: { outputParameterKey: ITERATE_ON_OUTPUT, producerTask: job.fanOut.name } } } : {}),
        }),
        ...(iterated
          ? {
              parameterIterator: { itemInput, items: { inputParameter: listInput } },
              ...(job.parallelism ? { iteratorPolicy: { parallelismLimit: job.parallelism } } : {}),
            }
          : {}),
        taskInfo: { name: branchDisplayName(job, branch.graph.path) },
      };
    }
    // own-keys: a Kubernetes name, [-a-z0-9]
    tasks[job.fanIn.name] = containerTask(job.fanIn.name, {
      retries: 0,
      caching: caching(this.pipeline),
      displayName: `${job.step.name} (fan in)`,
      inputs: variableInputs,
      dependentTasks: job.branches.map((b) => b.name),
      // It must run when a branch failed: the fan-in is what fails the composite, the magnus way.
      triggerPolicy: { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' },
    });
    const parameterNames = job.receivesParameters ? this.pipeline.parameters.map((p) => p.name) : [];
    this.parts.components[`comp-${job.name}`] = { dag: { tasks }, ...definitions(strings([...parameterNames, ...mapVariables])) };
  }

  /** The run's parameters, passed on by name from the enclosing DAG to the container that reads them. */
  private parameterInputs(receives: boolean): Yaml {
    return receives ? Object.fromEntries(this.pipeline.parameters.map((p) => [p.name, { componentInputParameter: p.name }])) : {};
  }
}

const strings = (names: string[]) => Object.fromEntries(names.map((name) => [name, { parameterType: 'STRING' }]));
const definitions = (parameters: Yaml) => (Object.keys(parameters).length > 0 ? { inputDefinitions: { parameters } } : {});
const inputsOf = (parameters: Yaml) => (Object.keys(parameters).length > 0 ? { inputs: { parameters } } : {});

function branchDisplayName(job: CompositeJob, branchPath: string): string {
  if (job.step.type === 'parallel') return `${job.step.name} / ${branchPath.slice(job.path.length + 1)}`;
  return job.step.type === 'map' ? `${job.step.name} (each ${job.iterateAs})` : `${job.step.name} (${job.step.dag_definition ?? 'nested dag'})`;
}
