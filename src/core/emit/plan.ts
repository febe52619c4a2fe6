import type { Diagnostic } from '../diagnostics';
import { taskSecretNames, type EffectiveSettings } from '../model/effective';
import { StepSettings } from '../model/step-settings';
import type { Graph, Pipeline, Service, Step, VolumeEntry } from '../model/types';
import { commandFriendlyName, kfpName, NameAllocator } from './names';
import { keepWalk, reusedWalk, type LinearWalk } from './linear-walk';
import { substituteVariables, variableMap } from '../model/variables';

/** One container of the emitted pipeline: a magnus step run by `execute_single_node`. */
export interface PlannedTask {
  step: Step;
  path: string;
  /** Kubernetes-safe, unique task/template name. */
  name: string;
  /** commandFriendlyName(path), when the plan made it already. */
  commandName?: string;
  settings: () => EffectiveSettings;
  /** Argo/KFP retries: magnus counts attempts in all, so N attempts are N − 1 retries. */
  retries: number;
  /** The task that must succeed first. */
  after?: string;
  isStart: boolean;
}

export interface LinearPlan {
  tasks: PlannedTask[];
  /** The pipeline's own template/DAG name, unique against the task names. */
  rootName: string;
  volumes: PlannedVolume[];
  diagnostics: Diagnostic[];
}

export interface PlannedVolume extends VolumeEntry {
  /** `executor-<i>` for the executor's volumes, `run-log-store` / `catalog` for the services' (§9.2). */
  volumeName: string;
}

export const PIPELINE_NAME = 'magnus_dag';

/** Where runnable's Argo executor mounts `pvc_for_runnable` (§6.3). */
export const RUNNABLE_MOUNT = '/tmp';

/**
 * The steps the old kfp executor turned into containers (§9.3): from the pipeline's `start_at`,
 * follow `next` until a success or fail step has been emitted. Only for pipelines without
 * composite steps or on_failure on that chain (see graph-plan.ts for the others).
 */
export function planLinear(pipeline: Pipeline): LinearPlan {
  const walk = reusedWalk(pipeline.dag) ?? walkLinear(pipeline.dag);
  const stepSettings = new StepSettings(pipeline);
  const tasks: PlannedTask[] = walk.chain.map(
    (step, i) => new LinearTask(pipeline, step, walk.commandNames[i], walk.names[i], stepSettings.lazy(step), i > 0 ? walk.names[i - 1] : undefined, i === 0),
  );
  const diagnostics: Diagnostic[] = [];
  if (tasks.length === 0) {
    diagnostics.push({ code: 'E_EMIT_EMPTY', severity: 'error', graph: '', field: 'start_at', message: 'nothing to emit: the pipeline has no valid start step' });
  }
  return { tasks, rootName: walk.rootName, volumes: plannedVolumes(pipeline), diagnostics };
}

/** From the graph's `start_at`, follow `next` until a success or fail step, naming each step met. */
function walkLinear(graph: Graph): LinearWalk {
  const byName = stepsByName(graph);
  const names = new NameAllocator();
  const chain: Step[] = [];
  const commandNames: string[] = [];
  const taskNames: string[] = [];
  const seen = new Set<string>();
  let current = graph.start_at !== undefined ? byName.get(graph.start_at) : undefined;
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    const step: Step = current;
    const commandName = commandFriendlyName(step.name);
    chain.push(step);
    commandNames.push(commandName);
    taskNames.push(names.allocate(kfpName(commandName)));
    if (step.type === 'success' || step.type === 'fail') break;
    current = step.next !== undefined ? byName.get(step.next) : undefined;
  }
  // The tasks' allocator holds their names: the same name as an allocator made of them would give, without one.
  const rootName = names.allocate(kfpName(PIPELINE_NAME));
  return keepWalk({ steps: graph.steps, startAt: graph.start_at, chain, commandNames, names: taskNames, rootName });
}

const byNameOf = new WeakMap<readonly Step[], ReadonlyMap<string, Step>>();

/**
 * A graph's steps by name (the last of a repeated name, as `new Map` keeps it), kept per steps
 * array: the model is immutable, and an emission asks twice (needsGraphShape, then the plan), which
 * at 10,000 steps was ~15 % of a cold emission's own work (hashing every name of a fresh copy).
 * Read-only.
 */
export function stepsByName(graph: Graph): ReadonlyMap<string, Step> {
  let byName = byNameOf.get(graph.steps);
  if (byName === undefined) {
    // A loop, not `new Map(steps.map(...))`: no pair array per step to make and iterate.
    const map = new Map<string, Step>();
    for (const step of graph.steps) map.set(step.name, step);
    byNameOf.set(graph.steps, (byName = map));
  }
  return byName;
}

/**
 * A PlannedTask of a linear plan. A class, not an object literal with a getter: V8 builds such a
 * literal property by property, ~10× slower than a constructor (1–3 ms per 1,000 steps).
 */
class LinearTask implements PlannedTask {
  readonly path: string;
  constructor(
    private readonly pipeline: Pipeline,
    readonly step: Step,
    readonly commandName: string,
    readonly name: string,
    readonly settings: () => EffectiveSettings,
    readonly after: string | undefined,
    readonly isStart: boolean,
  ) {
    this.path = step.name;
  }

  /** Resolved when read: most steps need no settings to know it (stepRetries). */
  get retries(): number {
    return stepRetries(this.pipeline, this.step, this.settings);
  }
}

/**
 * Executor volumes first, then runnable's own claim (mounted at /tmp as its Argo executor does,
 * volume `runnable`), then the run log store's and the catalog's claims, as the kfp executor applied them.
 */
export function plannedVolumes(pipeline: Pipeline): PlannedVolume[] {
  const variables = variableMap(pipeline.variables);
  const resolve = (text: string) => substituteVariables(text, variables).text;
  const volumes: PlannedVolume[] = (pipeline.executor.persistent_volumes ?? []).map((v, i) => ({
    claim: resolve(v.claim),
    mountPath: resolve(v.mountPath),
    volumeName: `executor-${i}`,
    ...(v.readOnly ? { readOnly: true } : {}),
  }));
  const runnableClaim = pipeline.executor.pvc_for_runnable;
  if (runnableClaim) volumes.push({ claim: resolve(runnableClaim), mountPath: RUNNABLE_MOUNT, volumeName: 'runnable' });
  const runLogStore = findService(pipeline.services, ['run_log_store', 'run-log-store']);
  const catalog = findService(pipeline.services, ['catalog']);
  for (const [service, volumeName] of [
    [runLogStore, 'run-log-store'],
    [catalog, 'catalog'],
  ] as const) {
    if (!service || !['k8s-pvc', 'chunked-k8s-pvc'].includes(service.type ?? '')) continue;
    const claim = service.config?.persistent_volume_name;
    const mountPath = service.config?.mount_path;
    if (typeof claim === 'string' && typeof mountPath === 'string') volumes.push({ claim, mountPath, volumeName });
  }
  return volumes;
}

/**
 * Argo/KFP retries of a step's container. magnus counts attempts in all, so a step's own N
 * attempts are N − 1 retries; a step without attempts of its own gets the executor's retry limit
 * (the Argo executors' `retryStrategy.limit`), when one is set anywhere.
 */
export function stepRetries(pipeline: Pipeline, step: Step, settings: () => EffectiveSettings): number {
  const attempts = step.type === 'task' || step.type === 'stub' ? step.max_attempts : undefined;
  if (attempts !== undefined) return Math.max(0, attempts - 1);
  // Most pipelines set no retry limit: skip resolving the step's settings (fragment-cache.ts).
  if (!mayHaveRetryLimit(pipeline, step)) return 0;
  const limit = Number(settings().retry_limit.value);
  return Number.isInteger(limit) && limit > 0 ? limit : 0;
}

const mayHaveRetryLimit = (pipeline: Pipeline, step: Step) =>
  pipeline.executor.retry_limit !== undefined ||
  pipeline.executor.profiles.some((p) => p.entries.some((e) => e.key === 'retry_limit')) ||
  (step.kfp ?? []).some((e) => e.key === 'retry_limit');

export const findService = (services: readonly Service[], keys: readonly string[]) => services.find((s) => keys.includes(s.key));
