/**
 * Small pipelines for tests. `pipelineOf(…)` of steps chained by `next` to `success` is valid as
 * it stands (validatePipeline reports nothing), so a test changes one thing and sees exactly the
 * diagnostic that change causes.
 */
import type { DagStep, FailStep, Graph, KfpConfig, MapStep, ParallelStep, Pipeline, Step, StubStep, SuccessStep, TaskStep } from '../model/types';

export const task = (name: string, next = 'success', fields: Partial<Omit<TaskStep, 'type' | 'name'>> = {}): TaskStep => ({
  name,
  type: 'task',
  command: 'my_module.my_function',
  next,
  ...fields,
});

export const stub = (name: string, next = 'success', fields: Partial<Omit<StubStep, 'type' | 'name'>> = {}): StubStep => ({ name, type: 'stub', next, ...fields });

export const success = (name = 'success'): SuccessStep => ({ name, type: 'success' });

export const fail = (name = 'fail'): FailStep => ({ name, type: 'fail' });

export const parallel = (name: string, branches: Record<string, Graph>, next = 'success'): ParallelStep => ({
  name,
  type: 'parallel',
  branches: Object.entries(branches).map(([branchName, graph]) => ({ name: branchName, graph })),
  next,
});

export const map = (name: string, branch: Graph, next = 'success', fields: Partial<Omit<MapStep, 'type' | 'name' | 'branch'>> = {}): MapStep => ({
  name,
  type: 'map',
  iterate_on: 'items',
  iterate_as: 'item',
  branch,
  next,
  ...fields,
});

export const dag = (name: string, graph: Graph | undefined, next = 'success', fields: Partial<Omit<DagStep, 'type' | 'name' | 'graph'>> = {}): DagStep => ({
  name,
  type: 'dag',
  dag_definition: 'nested.yaml',
  ...(graph ? { graph } : {}),
  next,
  ...fields,
});

/**
 * A graph starting at the first step, with a `success` and a `fail` step added when none of that
 * type is given (as runnable ≥0.12 does).
 */
export function graphOf(...steps: Step[]): Graph {
  const terminals = [success(), fail()].filter((t) => !steps.some((s) => s.type === t.type));
  return { start_at: steps[0]?.name, steps: [...steps, ...terminals] };
}

/** A graph exactly as given: no start_at guessed, no terminal steps added. */
export const rawGraph = (start_at: string | undefined, steps: Step[]): Graph => ({ ...(start_at !== undefined ? { start_at } : {}), steps });

/**
 * The kfp config of a pipeline that runs: an image, and an output file other than magnus's
 * default, which is also the default pipeline file.
 */
export const kfpConfig = (fields: Partial<KfpConfig> = {}): KfpConfig => ({
  docker_image: 'registry.example.com/ml/train:1.0',
  output_file: 'kfp-pipeline.yaml',
  profiles: [],
  ...fields,
});

/** A pipeline whose graph is `graphOf(steps)`, with the config a kfp run needs (shared run log store on a claim). */
export function pipelineOf(...steps: Step[]): Pipeline {
  return pipelineWith(graphOf(...steps));
}

export function pipelineWith(graph: Graph, fields: Partial<Pipeline> = {}): Pipeline {
  return {
    dag: graph,
    executor: kfpConfig(),
    services: [{ key: 'run_log_store', type: 'k8s-pvc', config: { persistent_volume_name: 'run-logs', mount_path: '/mnt/run_log_store' } }],
    parameters: [],
    variables: [],
    files: { dag: 'pipeline.yaml', config: 'config.yaml' },
    layout: {},
    ...fields,
  };
}

/** The same pipeline with some executor settings changed. */
export const withExecutor = (pipeline: Pipeline, fields: Partial<KfpConfig>): Pipeline => ({ ...pipeline, executor: { ...pipeline.executor, ...fields } });

/** The same pipeline with other fields changed. */
export const withPipeline = (pipeline: Pipeline, fields: Partial<Pipeline>): Pipeline => ({ ...pipeline, ...fields });

/** The codes of some diagnostics, in order: the shortest readable assertion. */
export const codesOf = (diagnostics: readonly { code: string }[]) => diagnostics.map((d) => d.code);
