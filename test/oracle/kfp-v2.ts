import type { Pipeline } from '../../src/core/model/types';
import { createWorld, runContainer, runOf, type ContainerWorld } from './containers';
import { asList, asRecord, asString, attempts } from './documents';
import { OracleUnsupported, type Run, type Scenario } from './scenario';

/**
 * Runs a KFP v2 PipelineSpec the way the KFP v2 backend's driver schedules it: DAG tasks after
 * their `dependentTasks` under their trigger policy, sub-DAG components, `parameterIterator`
 * loops, container placeholders resolved from task inputs. The kfp-kubernetes platform document
 * changes no control flow and is not read. The model is consulted only by containers.ts.
 */
export function runKfpV2(specDocs: unknown[], pipeline: Pipeline, scenario: Scenario): Run {
  const specs = specDocs.filter((doc) => doc && typeof doc === 'object' && 'root' in doc);
  if (specs.length !== 1) throw new OracleUnsupported('the KFP v2 documents', `${specs.length} pipeline specs (documents with root)`);
  const spec = asRecord(specs[0], 'the pipeline spec');
  const context: KfpContext = {
    components: spec.components === undefined ? {} : asRecord(spec.components, 'components'),
    executors: asRecord(asRecord(spec.deploymentSpec ?? {}, 'deploymentSpec').executors ?? {}, 'deploymentSpec.executors'),
    world: createWorld(pipeline, scenario),
  };
  const root = asRecord(spec.root, 'root');
  const outcome = runComponent(context, root, {}, 'root');
  return runOf(context.world.log, outcome.state === 'succeeded');
}

const JOB_UUID = 'oracle-pipeline-job-uuid';

type Value = unknown;
type State = 'succeeded' | 'failed' | 'skipped';

interface KfpContext {
  components: Record<string, unknown>;
  executors: Record<string, unknown>;
  world: ContainerWorld;
}

interface Outcome {
  state: 'succeeded' | 'failed';
  outputs: Record<string, Value>;
}

const COMPONENT_KEYS = new Set(['executorLabel', 'dag', 'inputDefinitions', 'outputDefinitions']);
const TASK_KEYS = new Set(['componentRef', 'dependentTasks', 'inputs', 'triggerPolicy', 'parameterIterator', 'iteratorPolicy', 'retryPolicy', 'cachingOptions', 'taskInfo']);

function runComponent(context: KfpContext, component: Record<string, unknown>, inputs: Record<string, Value>, at: string): Outcome {
  for (const key of Object.keys(component)) if (!COMPONENT_KEYS.has(key)) throw new OracleUnsupported(at, `the component key ${key}`);
  if (('dag' in component) === ('executorLabel' in component)) throw new OracleUnsupported(at, 'a component that is not exactly one of dag and executor');
  const bound = bindInputs(component, inputs, at);
  if ('dag' in component) return runDag(context, asRecord(component.dag, `${at} dag`), bound, at);
  const label = asString(component.executorLabel, `${at} executorLabel`);
  return runExecutor(context, component, label, bound, at);
}

/** The component's declared inputs: given, or their default, or (optional) absent. */
function bindInputs(component: Record<string, unknown>, inputs: Record<string, Value>, at: string): Record<string, Value> {
  const definitions = component.inputDefinitions === undefined ? {} : asRecord(component.inputDefinitions, `${at} inputDefinitions`);
  for (const key of Object.keys(definitions)) if (key !== 'parameters') throw new OracleUnsupported(at, `inputDefinitions.${key}`);
  const bound: Record<string, Value> = {};
  for (const [name, raw] of Object.entries(asRecord(definitions.parameters ?? {}, `${at} inputDefinitions.parameters`))) {
    const definition = asRecord(raw, `${at} input ${name}`);
    const value = name in inputs ? inputs[name] : definition.defaultValue;
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
}

function runDag(context: KfpContext, dag: Record<string, unknown>, inputs: Record<string, Value>, at: string): Outcome {
  for (const key of Object.keys(dag)) if (key !== 'tasks') throw new OracleUnsupported(at, `dag.${key}`);
  const tasks = Object.entries(asRecord(dag.tasks, `${at} dag.tasks`)).map(([name, raw]) => readTask(name, asRecord(raw, `${at} task ${name}`), at));
  const names = new Set(tasks.map((t) => t.name));
  for (const task of tasks) for (const u of task.upstream) if (!names.has(u)) throw new OracleUnsupported(`${at} task ${task.name}`, `depends on the unknown task ${u}`);
  const states = new Map<string, State>();
  const outputs = new Map<string, Record<string, Value>>();
  for (const task of topologicalOrder(tasks, at)) {
    const where = `${at} task ${task.name}`;
    const strategy = triggerStrategy(task.raw, where);
    const upstream = task.upstream.map((u) => states.get(u)!);
    const runs = strategy === 'ALL_UPSTREAM_TASKS_COMPLETED' || upstream.every((s) => s === 'succeeded');
    if (!runs) {
      states.set(task.name, 'skipped');
      continue;
    }
    const outcome = runTask(context, task, inputs, outputs, where);
    states.set(task.name, outcome.state);
    if (outcome.state === 'succeeded') outputs.set(task.name, outcome.outputs);
  }
  return { state: [...states.values()].includes('failed') ? 'failed' : 'succeeded', outputs: {} };
}

function readTask(name: string, raw: Record<string, unknown>, at: string): DagTask {
  const where = `${at} task ${name}`;
  for (const key of Object.keys(raw)) if (!TASK_KEYS.has(key)) throw new OracleUnsupported(where, `the key ${key}`);
  const dependent = raw.dependentTasks === undefined ? [] : asList(raw.dependentTasks, `${where} dependentTasks`).map((d) => asString(d, `${where} dependentTasks`));
  // The backend waits for a producer only through dependentTasks; the compiler always lists it there.
  for (const producer of producersOf(raw, where)) {
    if (!dependent.includes(producer)) throw new OracleUnsupported(where, `reads an output of ${producer} without listing it in dependentTasks`);
  }
  return { name, raw, upstream: dependent };
}

function producersOf(raw: Record<string, unknown>, where: string): string[] {
  const inputs = raw.inputs === undefined ? {} : asRecord(raw.inputs, `${where} inputs`);
  return Object.values(asRecord(inputs.parameters ?? {}, `${where} inputs.parameters`)).flatMap((spec) => {
    const producer = asRecord(spec, `${where} input`).taskOutputParameter;
    return producer === undefined ? [] : [asString(asRecord(producer, `${where} taskOutputParameter`).producerTask, `${where} producerTask`)];
  });
}

function triggerStrategy(raw: Record<string, unknown>, where: string): string {
  if (raw.triggerPolicy === undefined) return 'ALL_UPSTREAM_TASKS_SUCCEEDED';
  const policy = asRecord(raw.triggerPolicy, `${where} triggerPolicy`);
  for (const key of Object.keys(policy)) if (key !== 'strategy') throw new OracleUnsupported(where, `triggerPolicy.${key}`);
  const strategy = policy.strategy ?? 'ALL_UPSTREAM_TASKS_SUCCEEDED';
  if (strategy !== 'ALL_UPSTREAM_TASKS_SUCCEEDED' && strategy !== 'ALL_UPSTREAM_TASKS_COMPLETED') throw new OracleUnsupported(where, `trigger strategy ${String(strategy)}`);
  return strategy;
}

function topologicalOrder(tasks: DagTask[], at: string): DagTask[] {
  const order: DagTask[] = [];
  const done = new Set<string>();
  while (order.length < tasks.length) {
    const ready = tasks.filter((t) => !done.has(t.name) && t.upstream.every((u) => done.has(u)));
    if (ready.length === 0) throw new OracleUnsupported(at, 'tasks depend on each other in a cycle');
    for (const task of ready) {
      order.push(task);
      done.add(task.name);
    }
  }
  return order;
}

function runTask(context: KfpContext, task: DagTask, dagInputs: Record<string, Value>, outputs: Map<string, Record<string, Value>>, where: string): Outcome {
  const componentName = asString(asRecord(task.raw.componentRef, `${where} componentRef`).name, `${where} componentRef.name`);
  const component = asRecord(context.components[componentName], `component ${componentName}`);
  const inputs = resolveTaskInputs(task.raw, dagInputs, outputs, where);
  if (task.raw.parameterIterator === undefined) return withRetries(task.raw, where, (attempt) => runComponent(context, component, inputs, attempt));
  const iterator = asRecord(task.raw.parameterIterator, `${where} parameterIterator`);
  const itemInput = asString(iterator.itemInput, `${where} parameterIterator.itemInput`);
  const items = asRecord(iterator.items, `${where} parameterIterator.items`);
  if (Object.keys(items).join() !== 'inputParameter') throw new OracleUnsupported(where, `parameterIterator.items ${JSON.stringify(items)}`);
  const listName = asString(items.inputParameter, `${where} items.inputParameter`);
  const list = typeof inputs[listName] === 'string' ? parseJson(inputs[listName] as string, where) : inputs[listName];
  if (!Array.isArray(list)) throw new OracleUnsupported(where, `the iterated input ${listName} is not a list: ${JSON.stringify(inputs[listName])}`);
  let state: Outcome['state'] = 'succeeded';
  for (const item of list) {
    const outcome = withRetries(task.raw, where, (attempt) => runComponent(context, component, { ...inputs, [itemInput]: item }, `${attempt} item ${JSON.stringify(item)}`));
    if (outcome.state === 'failed') state = 'failed';
  }
  return { state, outputs: {} };
}

function withRetries(raw: Record<string, unknown>, where: string, run: (where: string) => Outcome): Outcome {
  const policy = raw.retryPolicy === undefined ? undefined : asRecord(raw.retryPolicy, `${where} retryPolicy`);
  const tries = policy ? attempts(policy.maxRetryCount ?? 0, where) : 1;
  let outcome = run(where);
  for (let attempt = 2; attempt <= tries && outcome.state === 'failed'; attempt++) outcome = run(`${where} attempt ${attempt}`);
  return outcome;
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
      if (!(from in dagInputs)) throw new OracleUnsupported(where, `input ${name} reads the DAG input ${from}, which the DAG does not have`);
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
      if (!values || !(key in values)) throw new OracleUnsupported(where, `input ${name}: ${task} has produced no output ${key}`);
      resolved[name] = values[key];
    } else {
      throw new OracleUnsupported(where, `input ${name} from ${kinds[0]}`);
    }
  }
  return resolved;
}

const CONTAINER_KEYS = new Set(['image', 'command', 'args', 'resources']);
const outputFile = (name: string) => `/tmp/kfp/outputs/${name}/data`;

function runExecutor(context: KfpContext, component: Record<string, unknown>, label: string, inputs: Record<string, Value>, at: string): Outcome {
  const executor = asRecord(context.executors[label], `executor ${label}`);
  if (Object.keys(executor).join() !== 'container') throw new OracleUnsupported(at, `executor ${label} that is not just a container`);
  const container = asRecord(executor.container, `${at} container`);
  for (const key of Object.keys(container)) if (!CONTAINER_KEYS.has(key)) throw new OracleUnsupported(at, `container.${key}`);
  const resolve = (word: unknown) =>
    asString(word, `${at} command`).replace(/\{\{\$\.([^{}]*)\}\}/g, (whole, path: string) => {
      const input = /^inputs\.parameters\['([^']+)'\]$/.exec(path);
      if (input) {
        if (!(input[1] in inputs)) throw new OracleUnsupported(at, `${whole}: the component has no input ${input[1]}`);
        const value = inputs[input[1]];
        return typeof value === 'string' ? value : JSON.stringify(value);
      }
      const output = /^outputs\.parameters\['([^']+)'\]\.output_file$/.exec(path);
      if (output) return outputFile(output[1]);
      throw new OracleUnsupported(at, `the placeholder ${whole}`);
    });
  if (container.command === undefined) throw new OracleUnsupported(at, 'a container that runs its image entrypoint');
  const argv = [...asList(container.command, `${at} command`).map(resolve), ...asList(container.args ?? [], `${at} args`).map(resolve)];
  const result = runContainer(context.world, argv, at);
  if (result.exitCode !== 0) return { state: 'failed', outputs: {} };
  return { state: 'succeeded', outputs: readOutputs(component, result.files, at) };
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
