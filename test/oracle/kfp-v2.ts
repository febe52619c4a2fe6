import type { Pipeline } from '../../src/core/model/types';
import { evaluateCondition } from './cel';
import { Clock } from './clock';
import { createWorld, runOf, startContainer, type ContainerWorld } from './containers';
import { asList, asRecord, asString, attempts } from './documents';
import { OracleUnsupported, type Run, type Scenario } from './scenario';

/**
 * Runs a KFP v2 PipelineSpec the way the KFP v2 backend runs it: its Argo compiler
 * (backend/src/v2/compiler/argocompiler dag.go, container.go) turns every task into a driver and
 * an Argo task that waits for `<dependency>.Succeeded` of each of its `dependentTasks`, skips it
 * (`when`) when its `triggerPolicy.condition` is false, and runs a sub-DAG or a container; the
 * drivers (backend/src/v2/driver) resolve inputs and evaluate the condition. Argo then decides the
 * DAG's phase from its leaves. In time: containers take the scenario's durations, everything
 * ready runs at once (a ParallelFor up to its parallelismLimit), and a container sees the run log
 * as it was when it started. What the backend does not do as a reader of the spec would expect:
 *
 * - A task with `triggerPolicy.strategy: ALL_UPSTREAM_TASKS_COMPLETED` is no DAG task at all: it
 *   becomes an exit lifecycle hook of *each* of its dependentTasks (the one with the last name
 *   wins a dependency), run when that task completes (Succeeded or Failed, not skipped or
 *   omitted); nothing can depend on it; its outcome does not count for the DAG's phase.
 * - A ParallelFor task gets no exit hook (`iteratorTask` drops it), and one whose condition is
 *   false succeeds with no iterations (the condition skips the iterations, not the loop).
 *
 * The kfp-kubernetes platform document changes no control flow and is not read. The model is
 * consulted only by containers.ts.
 */
export interface KfpV2Options {
  /**
   * How the backend compiles an `ALL_UPSTREAM_TASKS_COMPLETED` task: as exit hooks (since
   * kubeflow/pipelines#11470, January 2025), or, before, as an ordinary task that runs once all
   * its upstream tasks ended, however they ended, and counts for its DAG's phase.
   */
  exitTasks?: 'hooks' | 'tasks';
}

export function runKfpV2(specDocs: unknown[], pipeline: Pipeline, scenario: Scenario, options: KfpV2Options = {}): Run {
  const specs = specDocs.filter((doc) => doc && typeof doc === 'object' && 'root' in doc);
  if (specs.length !== 1) throw new OracleUnsupported('the KFP v2 documents', `${specs.length} pipeline specs (documents with root)`);
  const spec = asRecord(specs[0], 'the pipeline spec');
  const context: KfpContext = {
    components: spec.components === undefined ? {} : asRecord(spec.components, 'components'),
    executors: asRecord(asRecord(spec.deploymentSpec ?? {}, 'deploymentSpec').executors ?? {}, 'deploymentSpec.executors'),
    world: createWorld(pipeline, scenario),
    clock: new Clock(),
    exitTasks: options.exitTasks ?? 'hooks',
  };
  let outcome: Outcome | undefined;
  runComponent(context, asRecord(spec.root, 'root'), {}, 'root', (o) => (outcome = o));
  context.clock.runAll();
  if (!outcome) throw new OracleUnsupported('root', 'the pipeline never finished');
  return runOf(context.world.log, outcome.state === 'succeeded');
}

const JOB_UUID = 'oracle-pipeline-job-uuid';

type Value = unknown;
/** The phase of a task's Argo node: skipped by its condition, omitted because an upstream did not succeed. */
type State = 'succeeded' | 'failed' | 'skipped' | 'omitted';

interface KfpContext {
  components: Record<string, unknown>;
  executors: Record<string, unknown>;
  world: ContainerWorld;
  clock: Clock;
  exitTasks: 'hooks' | 'tasks';
}

interface Outcome {
  state: 'succeeded' | 'failed';
  outputs: Record<string, Value>;
}

type Done = (outcome: Outcome) => void;

const COMPONENT_KEYS = new Set(['executorLabel', 'dag', 'inputDefinitions', 'outputDefinitions']);
const TASK_KEYS = new Set(['componentRef', 'dependentTasks', 'inputs', 'triggerPolicy', 'parameterIterator', 'iteratorPolicy', 'retryPolicy', 'cachingOptions', 'taskInfo']);
const COMPLETED = 'ALL_UPSTREAM_TASKS_COMPLETED';

function runComponent(context: KfpContext, component: Record<string, unknown>, inputs: Record<string, Value>, at: string, done: Done): void {
  for (const key of Object.keys(component)) if (!COMPONENT_KEYS.has(key)) throw new OracleUnsupported(at, `the component key ${key}`);
  if (('dag' in component) === ('executorLabel' in component)) throw new OracleUnsupported(at, 'a component that is not exactly one of dag and executor');
  const bound = bindInputs(component, inputs, at);
  if ('dag' in component) return runDag(context, asRecord(component.dag, `${at} dag`), bound, at, done);
  const label = asString(component.executorLabel, `${at} executorLabel`);
  runExecutor(context, component, label, bound, at, done);
}

/** The component's declared inputs: given, or their default, or (optional) absent. */
function bindInputs(component: Record<string, unknown>, inputs: Record<string, Value>, at: string): Record<string, Value> {
  const definitions = component.inputDefinitions === undefined ? {} : asRecord(component.inputDefinitions, `${at} inputDefinitions`);
  for (const key of Object.keys(definitions)) if (key !== 'parameters') throw new OracleUnsupported(at, `inputDefinitions.${key}`);
  const bound: Record<string, Value> = {};
  for (const [name, raw] of Object.entries(asRecord(definitions.parameters ?? {}, `${at} inputDefinitions.parameters`))) {
    const definition = asRecord(raw, `${at} input ${name}`);
    const value = Object.hasOwn(inputs, name) ? inputs[name] : definition.defaultValue;
    if (value === undefined) {
      if (definition.isOptional === true) continue;
      throw new OracleUnsupported(at, `no value for input ${name}`);
    }
    bound[name] = typed(value, definition.parameterType, `${at} input ${name}`);
  }
  return bound;
}

function typed(value: Value, type: unknown, at: string): Value {
  switch (type) {
    case 'STRING':
      if (typeof value !== 'string') throw new OracleUnsupported(at, `a STRING parameter given ${JSON.stringify(value)}`);
      return value;
    case 'LIST': {
      const list = typeof value === 'string' ? parseJson(value, at) : value;
      if (!Array.isArray(list)) throw new OracleUnsupported(at, `a LIST parameter given ${JSON.stringify(value)}`);
      return list;
    }
    default:
      throw new OracleUnsupported(at, `parameterType ${JSON.stringify(type)}`);
  }
}

function parseJson(text: string, at: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new OracleUnsupported(at, `not JSON: ${text}`);
  }
}

interface DagTask {
  name: string;
  raw: Record<string, unknown>;
  upstream: string[];
  strategy: string;
  condition?: string;
  iterates: boolean;
}

function runDag(context: KfpContext, dag: Record<string, unknown>, inputs: Record<string, Value>, at: string, done: Done): void {
  for (const key of Object.keys(dag)) if (key !== 'tasks') throw new OracleUnsupported(at, `dag.${key}`);
  const all = Object.entries(asRecord(dag.tasks, `${at} dag.tasks`))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, raw]) => readTask(name, asRecord(raw, `${at} task ${name}`), at));
  const byName = new Map(all.map((t) => [t.name, t]));
  for (const task of all) for (const u of task.upstream) if (!byName.has(u)) throw new OracleUnsupported(`${at} task ${task.name}`, `depends on the unknown task ${u}`);
  // The compiler's first pass, in name order: each exit task becomes the hook of each dependency.
  const hooks = new Map<string, DagTask>();
  const asHooks = context.exitTasks === 'hooks';
  const tasks = asHooks ? all.filter((t) => t.strategy !== COMPLETED) : all;
  for (const exit of asHooks ? all.filter((t) => t.strategy === COMPLETED) : []) {
    for (const u of exit.upstream) hooks.set(u, exit);
    for (const task of tasks) {
      if (task.upstream.includes(exit.name)) {
        throw new Error(`${at}: task ${task.name} depends on ${exit.name}, which the KFP backend compiles into an exit hook, not a DAG task: the workflow is invalid`);
      }
    }
  }
  if (tasks.length === 0) throw new Error(`${at}: the KFP backend refuses a DAG with only ${COMPLETED} tasks`);
  checkAcyclic(tasks, at);

  const states = new Map<string, State>();
  const started = new Set<string>();
  const outputs = new Map<string, Record<string, Value>>();
  let hooksRunning = 0;
  let finished = false;
  const finishIfDone = () => {
    if (finished || states.size < tasks.length || hooksRunning > 0) return;
    finished = true;
    done({ state: dagPhase(tasks, states), outputs: {} });
  };
  const settle = (task: DagTask, state: State, values: Record<string, Value> = {}) => {
    states.set(task.name, state);
    if (state === 'succeeded') outputs.set(task.name, values);
    const hook = hooks.get(task.name);
    // Argo runs a task's exit hook when the task completed, whatever its phase — not when skipped or omitted.
    if (hook && !task.iterates && (state === 'succeeded' || state === 'failed')) {
      hooksRunning++;
      startTask(context, hook, inputs, outputs, `${at} exit hook ${hook.name} of ${task.name}`, () => {
        hooksRunning--;
        finishIfDone();
      });
    }
    scheduleReady();
    finishIfDone();
  };
  const scheduleReady = () => {
    for (const task of tasks) {
      if (started.has(task.name) || !task.upstream.every((u) => states.has(u))) continue;
      started.add(task.name);
      // Compiled as a task, ALL_UPSTREAM_TASKS_COMPLETED runs after its upstream tasks, whatever they did.
      const completed = task.strategy === COMPLETED && !asHooks;
      if (!completed && !task.upstream.every((u) => states.get(u) === 'succeeded')) settle(task, 'omitted');
      else startTask(context, task, inputs, outputs, `${at} task ${task.name}`, (state, values) => settle(task, state, values));
    }
  };
  scheduleReady();
  finishIfDone();
}

function readTask(name: string, raw: Record<string, unknown>, at: string): DagTask {
  const where = `${at} task ${name}`;
  for (const key of Object.keys(raw)) if (!TASK_KEYS.has(key)) throw new OracleUnsupported(where, `the key ${key}`);
  const dependent = raw.dependentTasks === undefined ? [] : asList(raw.dependentTasks, `${where} dependentTasks`).map((d) => asString(d, `${where} dependentTasks`));
  // The backend waits for a producer only through dependentTasks; the compiler always lists it there.
  for (const producer of producersOf(raw, where)) {
    if (!dependent.includes(producer)) throw new OracleUnsupported(where, `reads an output of ${producer} without listing it in dependentTasks`);
  }
  const { strategy, condition } = triggerPolicy(raw, where);
  return { name, raw, upstream: dependent, strategy, ...(condition !== undefined ? { condition } : {}), iterates: raw.parameterIterator !== undefined };
}

function producersOf(raw: Record<string, unknown>, where: string): string[] {
  const inputs = raw.inputs === undefined ? {} : asRecord(raw.inputs, `${where} inputs`);
  return Object.values(asRecord(inputs.parameters ?? {}, `${where} inputs.parameters`)).flatMap((spec) => {
    const producer = asRecord(spec, `${where} input`).taskOutputParameter;
    return producer === undefined ? [] : [asString(asRecord(producer, `${where} taskOutputParameter`).producerTask, `${where} producerTask`)];
  });
}

function triggerPolicy(raw: Record<string, unknown>, where: string): { strategy: string; condition?: string } {
  if (raw.triggerPolicy === undefined) return { strategy: 'ALL_UPSTREAM_TASKS_SUCCEEDED' };
  const policy = asRecord(raw.triggerPolicy, `${where} triggerPolicy`);
  for (const key of Object.keys(policy)) if (key !== 'strategy' && key !== 'condition') throw new OracleUnsupported(where, `triggerPolicy.${key}`);
  const strategy = policy.strategy ?? 'ALL_UPSTREAM_TASKS_SUCCEEDED';
  if (strategy !== 'ALL_UPSTREAM_TASKS_SUCCEEDED' && strategy !== COMPLETED) throw new OracleUnsupported(where, `trigger strategy ${String(strategy)}`);
  const condition = policy.condition === undefined || policy.condition === '' ? undefined : asString(policy.condition, `${where} triggerPolicy.condition`);
  return { strategy, ...(condition !== undefined ? { condition } : {}) };
}

function checkAcyclic(tasks: DagTask[], at: string): void {
  const done = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const task of tasks) {
      if (!done.has(task.name) && task.upstream.every((u) => done.has(u))) {
        done.add(task.name);
        progress = true;
      }
    }
  }
  if (done.size < tasks.length) throw new OracleUnsupported(at, 'tasks depend on each other in a cycle');
}

/**
 * Argo's `assessDAGPhase` on the compiled DAG: the leaves decide (tasks no other DAG task waits
 * for; exit tasks are none); a skipped task counts as succeeded, an omitted one takes the phase of
 * its upstream tasks, a failed one winning.
 */
function dagPhase(tasks: DagTask[], states: Map<string, State>): 'succeeded' | 'failed' {
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const dependedOn = new Set(tasks.flatMap((t) => t.upstream));
  const memo = new Map<string, boolean>();
  const failed = (name: string): boolean => {
    if (!memo.has(name)) {
      const state = states.get(name);
      memo.set(name, state === 'omitted' ? byName.get(name)!.upstream.some(failed) : state === 'failed');
    }
    return memo.get(name)!;
  };
  return tasks.filter((t) => !dependedOn.has(t.name)).some((t) => failed(t.name)) ? 'failed' : 'succeeded';
}

/** The driver, then what it starts: inputs resolved, the condition evaluated, the component run (retried, iterated). */
function startTask(
  context: KfpContext,
  task: DagTask,
  dagInputs: Record<string, Value>,
  outputs: Map<string, Record<string, Value>>,
  where: string,
  done: (state: State, outputs?: Record<string, Value>) => void,
): void {
  const componentName = asString(asRecord(task.raw.componentRef, `${where} componentRef`).name, `${where} componentRef.name`);
  const component = asRecord(context.components[componentName], `component ${componentName}`);
  const inputs = resolveTaskInputs(task.raw, dagInputs, outputs, where);
  if (task.condition !== undefined && !evaluateCondition(task.condition, inputs, where)) {
    // The compiler puts a loop's `when` on its iterations: the loop itself succeeds.
    done(task.iterates ? 'succeeded' : 'skipped');
    return;
  }
  const finish = (outcome: Outcome) => done(outcome.state, outcome.outputs);
  if (!task.iterates) return withRetries(task.raw, component, where, (attempt, next) => runComponent(context, component, inputs, attempt, next), finish);
  const iterator = asRecord(task.raw.parameterIterator, `${where} parameterIterator`);
  const itemInput = asString(iterator.itemInput, `${where} parameterIterator.itemInput`);
  const items = asRecord(iterator.items, `${where} parameterIterator.items`);
  if (Object.keys(items).join() !== 'inputParameter') throw new OracleUnsupported(where, `parameterIterator.items ${JSON.stringify(items)}`);
  const listName = asString(items.inputParameter, `${where} items.inputParameter`);
  const list = typeof inputs[listName] === 'string' ? parseJson(inputs[listName] as string, where) : inputs[listName];
  if (!Array.isArray(list)) throw new OracleUnsupported(where, `the iterated input ${listName} is not a list: ${JSON.stringify(inputs[listName])}`);
  const policy = task.raw.iteratorPolicy === undefined ? {} : asRecord(task.raw.iteratorPolicy, `${where} iteratorPolicy`);
  const limit = policy.parallelismLimit === undefined ? Infinity : Number(policy.parallelismLimit);
  if (!(limit > 0)) throw new OracleUnsupported(where, `iteratorPolicy.parallelismLimit ${JSON.stringify(policy.parallelismLimit)}`);
  iterate(list, limit, (item, next) =>
    withRetries(task.raw, component, where, (attempt, then) => runComponent(context, component, { ...inputs, [itemInput]: item }, `${attempt} item ${JSON.stringify(item)}`, then), next),
  (anyFailed) => done(anyFailed ? 'failed' : 'succeeded'));
}

/** Runs `run` on every item, at most `limit` at a time; `done` once all have finished. */
function iterate(list: unknown[], limit: number, run: (item: unknown, done: Done) => void, done: (anyFailed: boolean) => void): void {
  let started = 0;
  let finished = 0;
  let anyFailed = false;
  const startNext = () => {
    while (started < list.length && started - finished < limit) {
      run(list[started++], (outcome) => {
        finished++;
        if (outcome.state === 'failed') anyFailed = true;
        if (finished === list.length) done(anyFailed);
        else startNext();
      });
    }
  };
  if (list.length === 0) done(false);
  else startNext();
}

/** A container task's retryPolicy: after a failure the next attempt starts (backoff 0 s). */
function withRetries(raw: Record<string, unknown>, component: Record<string, unknown>, where: string, run: (where: string, done: Done) => void, done: Done): void {
  const policy = raw.retryPolicy === undefined ? undefined : asRecord(raw.retryPolicy, `${where} retryPolicy`);
  // The compiler hands a DAG task's retryPolicy down to the tasks inside (visitor.go): not modelled.
  if (policy && 'dag' in component) throw new OracleUnsupported(where, 'retryPolicy on a DAG task');
  const tries = policy ? attempts(policy.maxRetryCount ?? 0, where) : 1;
  const attempt = (n: number) =>
    run(n === 1 ? where : `${where} attempt ${n}`, (outcome) => {
      if (outcome.state === 'failed' && n < tries) attempt(n + 1);
      else done(outcome);
    });
  attempt(1);
}

function resolveTaskInputs(raw: Record<string, unknown>, dagInputs: Record<string, Value>, outputs: Map<string, Record<string, Value>>, where: string): Record<string, Value> {
  const spec = raw.inputs === undefined ? {} : asRecord(raw.inputs, `${where} inputs`);
  for (const key of Object.keys(spec)) if (key !== 'parameters') throw new OracleUnsupported(where, `inputs.${key}`);
  const resolved: Record<string, Value> = {};
  for (const [name, rawSpec] of Object.entries(asRecord(spec.parameters ?? {}, `${where} inputs.parameters`))) {
    const source = asRecord(rawSpec, `${where} input ${name}`);
    const kinds = Object.keys(source);
    if (kinds.length !== 1) throw new OracleUnsupported(where, `input ${name} with ${JSON.stringify(kinds)}`);
    if ('componentInputParameter' in source) {
      const from = asString(source.componentInputParameter, `${where} input ${name}`);
      if (!Object.hasOwn(dagInputs, from)) throw new OracleUnsupported(where, `input ${name} reads the DAG input ${from}, which the DAG does not have`);
      resolved[name] = dagInputs[from];
    } else if ('runtimeValue' in source) {
      const constant = asRecord(source.runtimeValue, `${where} input ${name} runtimeValue`).constant;
      // The driver substitutes the job's UUID only when it is the whole constant.
      if (typeof constant === 'string' && constant.includes('{{$') && constant !== '{{$.pipeline_job_uuid}}') {
        throw new OracleUnsupported(where, `input ${name}: the constant ${constant} holds a placeholder the driver does not resolve`);
      }
      resolved[name] = constant === '{{$.pipeline_job_uuid}}' ? JOB_UUID : constant;
    } else if ('taskOutputParameter' in source) {
      const producer = asRecord(source.taskOutputParameter, `${where} input ${name}`);
      const task = asString(producer.producerTask, `${where} producerTask`);
      const key = asString(producer.outputParameterKey, `${where} outputParameterKey`);
      const values = outputs.get(task);
      if (!values || !Object.hasOwn(values, key)) throw new OracleUnsupported(where, `input ${name}: ${task} has produced no output ${key}`);
      resolved[name] = values[key];
    } else {
      throw new OracleUnsupported(where, `input ${name} from ${kinds[0]}`);
    }
  }
  return resolved;
}

const CONTAINER_KEYS = new Set(['image', 'command', 'args', 'resources']);
const outputFile = (name: string) => `/tmp/kfp/outputs/${name}/data`;

/** One container: it starts now, and ends (its results visible to the run log) after its duration. */
function runExecutor(context: KfpContext, component: Record<string, unknown>, label: string, inputs: Record<string, Value>, at: string, done: Done): void {
  const executor = asRecord(context.executors[label], `executor ${label}`);
  if (Object.keys(executor).join() !== 'container') throw new OracleUnsupported(at, `executor ${label} that is not just a container`);
  const container = asRecord(executor.container, `${at} container`);
  for (const key of Object.keys(container)) if (!CONTAINER_KEYS.has(key)) throw new OracleUnsupported(at, `container.${key}`);
  const resolve = (word: unknown) =>
    asString(word, `${at} command`).replace(/\{\{\$\.([^{}]*)\}\}/g, (whole, path: string) => {
      const input = /^inputs\.parameters\['([^']+)'\]$/.exec(path);
      if (input) {
        if (!Object.hasOwn(inputs, input[1])) throw new OracleUnsupported(at, `${whole}: the component has no input ${input[1]}`);
        const value = inputs[input[1]];
        return typeof value === 'string' ? value : JSON.stringify(value);
      }
      const output = /^outputs\.parameters\['([^']+)'\]\.output_file$/.exec(path);
      if (output) return outputFile(output[1]);
      throw new OracleUnsupported(at, `the placeholder ${whole}`);
    });
  if (container.command === undefined) throw new OracleUnsupported(at, 'a container that runs its image entrypoint');
  const argv = [...asList(container.command, `${at} command`).map(resolve), ...asList(container.args ?? [], `${at} args`).map(resolve)];
  const run = startContainer(context.world, argv, at);
  const outcome: Outcome = run.exitCode !== 0 ? { state: 'failed', outputs: {} } : { state: 'succeeded', outputs: readOutputs(component, run.files, at) };
  context.clock.after(run.duration, () => {
    run.commit();
    done(outcome);
  });
}

function readOutputs(component: Record<string, unknown>, files: Map<string, string>, at: string): Record<string, Value> {
  if (component.outputDefinitions === undefined) return {};
  const definitions = asRecord(component.outputDefinitions, `${at} outputDefinitions`);
  for (const key of Object.keys(definitions)) if (key !== 'parameters') throw new OracleUnsupported(at, `outputDefinitions.${key}`);
  const outputs: Record<string, Value> = {};
  for (const [name, raw] of Object.entries(asRecord(definitions.parameters ?? {}, `${at} outputDefinitions.parameters`))) {
    const text = files.get(outputFile(name));
    // The launcher fails a task whose declared output file is missing; magnus's containers never leave it out.
    if (text === undefined) throw new OracleUnsupported(at, `the container wrote no output ${name}`);
    const type = asRecord(raw, `${at} output ${name}`).parameterType;
    outputs[name] = typed(type === 'STRING' ? text : parseJson(text, at), type, `${at} output ${name}`);
  }
  return outputs;
}
