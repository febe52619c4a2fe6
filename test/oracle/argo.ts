import type { Pipeline } from '../../src/core/model/types';
import { dependenciesAsDepends, dependsTasks, evaluateDepends, parseDepends, type Depends, type TaskPhase } from './argo-depends';
import { createWorld, runContainer, runOf, type ContainerWorld } from './containers';
import { OracleUnsupported, type Run, type Scenario } from './scenario';
import { asList, asRecord, asString, attempts, substitute, type Vars } from './documents';

/**
 * Runs an Argo Workflow (targets `argo` and `kfp-v1`) the way the Argo controller schedules it
 * (workflow/controller/dag.go): DAG tasks by `depends`, `withParam` fan-outs, the DAG's phase from
 * its leaves. What happens inside each container is containers.ts's business; the model is never
 * consulted for control flow.
 */
export interface ArgoOptions {
  /**
   * The phase of a `withParam` task whose list is empty. Argo ≥3.2 (argo-workflows#6912) marks it
   * Skipped ("Skipped, empty params"); older controllers, and the oracle's brief, Succeeded.
   */
  emptyWithParam?: 'Skipped' | 'Succeeded';
}

export function runArgo(workflow: unknown, pipeline: Pipeline, scenario: Scenario, options: ArgoOptions = {}): Run {
  const document = asRecord(workflow, 'the workflow');
  if (document.kind !== 'Workflow') throw new OracleUnsupported('the workflow', `kind ${String(document.kind)}`);
  const spec = asRecord(document.spec, 'spec');
  for (const key of ['hooks', 'suspend', 'shutdown', 'retryStrategy', 'workflowTemplateRef', 'templateDefaults', 'podSpecPatch']) {
    if (key in spec) throw new OracleUnsupported('spec', `${key} (it changes what runs)`);
  }
  const templates = new Map<string, Template>();
  for (const raw of asList(spec.templates, 'spec.templates')) {
    const template = asRecord(raw, 'a template') as Template;
    const name = asString(template.name, 'a template name');
    if (templates.has(name)) throw new OracleUnsupported('spec.templates', `two templates named ${name}`);
    templates.set(name, template);
  }
  const workflowVars: Vars = { 'workflow.uid': 'oracle-workflow-uid', 'workflow.name': 'oracle-workflow' };
  const argumentsSpec = spec.arguments === undefined ? {} : asRecord(spec.arguments, 'spec.arguments');
  for (const raw of asList(argumentsSpec.parameters ?? [], 'spec.arguments.parameters')) {
    const parameter = asRecord(raw, 'a workflow parameter');
    const value = parameter.value === undefined ? '' : typeof parameter.value === 'string' ? parameter.value : JSON.stringify(parameter.value);
    workflowVars[`workflow.parameters.${asString(parameter.name, 'a workflow parameter name')}`] = substitute(value, workflowVars, 'spec.arguments');
  }
  const context: ArgoContext = { templates, workflowVars, world: createWorld(pipeline, scenario), emptyWithParam: options.emptyWithParam ?? 'Skipped' };
  const main = runTemplate(context, asString(spec.entrypoint, 'spec.entrypoint'), {}, 'the entrypoint');
  let exit: TaskPhase = 'Succeeded';
  if (spec.onExit !== undefined) {
    context.workflowVars = { ...workflowVars, 'workflow.status': main.phase };
    exit = runTemplate(context, asString(spec.onExit, 'spec.onExit'), {}, 'the exit handler').phase;
  }
  return runOf(context.world.log, main.phase === 'Succeeded' && exit === 'Succeeded');
}

type Template = Record<string, unknown> & { name: string };

interface ArgoContext {
  templates: Map<string, Template>;
  workflowVars: Vars;
  world: ContainerWorld;
  emptyWithParam: 'Skipped' | 'Succeeded';
}

interface Outcome {
  phase: 'Succeeded' | 'Failed' | 'Skipped';
  outputs: Record<string, string>;
}

/** Keys that do not change which containers run or with what arguments. */
const INERT_TEMPLATE_KEYS = new Set([
  'name',
  'inputs',
  'outputs',
  'metadata',
  'retryStrategy',
  'volumes',
  'parallelism',
  'activeDeadlineSeconds',
  'timeout',
  'nodeSelector',
  'tolerations',
  'affinity',
  'securityContext',
  'serviceAccountName',
  'priorityClassName',
]);
const TASK_KEYS = new Set(['name', 'template', 'depends', 'dependencies', 'arguments', 'withParam']);

function runTemplate(context: ArgoContext, name: string, args: Record<string, string>, where: string): Outcome {
  const template = context.templates.get(name);
  if (!template) throw new OracleUnsupported(where, `no template named ${name}`);
  const at = `template ${name}`;
  for (const key of Object.keys(template)) {
    if (!INERT_TEMPLATE_KEYS.has(key) && key !== 'dag' && key !== 'container') throw new OracleUnsupported(at, `the key ${key}`);
  }
  if (('dag' in template) === ('container' in template)) throw new OracleUnsupported(at, 'a template that is not exactly one of dag and container');
  const inputs = bindInputs(template, args, at);
  if ('dag' in template) {
    // A retried DAG reruns its containers on top of what they wrote: not modelled.
    if ('retryStrategy' in template) throw new OracleUnsupported(at, 'retryStrategy on a dag template');
    return runDag(context, template, inputs, at);
  }
  return runContainerTemplate(context, template, inputs, at);
}

/** The template's declared input parameters from the caller's arguments (fixed values and defaults too). */
function bindInputs(template: Template, args: Record<string, string>, at: string): Vars {
  const vars: Vars = {};
  const declared = template.inputs === undefined ? [] : asList(asRecord(template.inputs, `${at} inputs`).parameters ?? [], `${at} inputs.parameters`);
  for (const raw of declared) {
    const parameter = asRecord(raw, `${at} input`);
    const name = asString(parameter.name, `${at} input name`);
    if (`inputs.parameters.${name}` in vars) throw new OracleUnsupported(at, `input parameter ${name} declared twice`);
    const value = parameter.value ?? args[name] ?? parameter.default;
    if (value === undefined) throw new OracleUnsupported(at, `no value for input parameter ${name}`);
    vars[`inputs.parameters.${name}`] = String(value);
  }
  return vars;
}

interface DagTask {
  name: string;
  raw: Record<string, unknown>;
  depends?: Depends;
  predecessors: Set<string>;
}

function runDag(context: ArgoContext, template: Template, inputs: Vars, at: string): Outcome {
  const dag = asRecord(template.dag, `${at} dag`);
  for (const key of Object.keys(dag)) if (key !== 'tasks' && key !== 'failFast') throw new OracleUnsupported(at, `dag.${key}`);
  const tasks = readTasks(asList(dag.tasks, `${at} dag.tasks`), at);
  const phases = new Map<string, TaskPhase>();
  const outputs = new Map<string, Record<string, string>>();
  // Argo's default: after a failure no new task starts — which ones had started depends on timing.
  const failFast = dag.failFast !== false;
  let failed: string | undefined;
  for (const task of topologicalOrder(tasks, at)) {
    const runs = task.depends ? evaluateDepends(task.depends, (name) => phases.get(name)!) : true;
    if (!runs) {
      phases.set(task.name, 'Omitted');
      continue;
    }
    if (failFast && failed) throw new OracleUnsupported(at, `failFast is on, so whether ${task.name} starts after ${failed} failed depends on timing`);
    const outcome = runTask(context, task, inputs, outputs, `${at} task ${task.name}`);
    phases.set(task.name, outcome.phase);
    if (outcome.phase === 'Failed') failed ??= task.name;
    else outputs.set(task.name, outcome.outputs);
  }
  return { phase: dagPhase(tasks, phases), outputs: {} };
}

function readTasks(list: unknown[], at: string): DagTask[] {
  const tasks = list.map((raw): DagTask => {
    const task = asRecord(raw, `${at} task`);
    const name = asString(task.name, `${at} task name`);
    for (const key of Object.keys(task)) if (!TASK_KEYS.has(key)) throw new OracleUnsupported(`${at} task ${name}`, `the key ${key}`);
    if (task.depends !== undefined && task.dependencies !== undefined) throw new OracleUnsupported(`${at} task ${name}`, 'both depends and dependencies');
    const depends =
      task.depends !== undefined
        ? parseDepends(asString(task.depends, `${at} task ${name} depends`), `${at} task ${name}`)
        : task.dependencies !== undefined
          ? dependenciesAsDepends(asList(task.dependencies, `${at} task ${name} dependencies`).map((d) => asString(d, 'a dependency')))
          : undefined;
    return { name, raw: task, ...(depends ? { depends } : {}), predecessors: dependsTasks(depends) };
  });
  const names = new Set(tasks.map((t) => t.name));
  if (names.size !== tasks.length) throw new OracleUnsupported(at, 'two tasks with the same name');
  for (const task of tasks) {
    for (const p of task.predecessors) if (!names.has(p)) throw new OracleUnsupported(`${at} task ${task.name}`, `depends on the unknown task ${p}`);
  }
  return tasks;
}

function topologicalOrder(tasks: DagTask[], at: string): DagTask[] {
  const order: DagTask[] = [];
  const done = new Set<string>();
  while (order.length < tasks.length) {
    const ready = tasks.filter((t) => !done.has(t.name) && [...t.predecessors].every((p) => done.has(p)));
    if (ready.length === 0) throw new OracleUnsupported(at, 'tasks depend on each other in a cycle');
    for (const task of ready) {
      order.push(task);
      done.add(task.name);
    }
  }
  return order;
}

/**
 * dag.go `assessDAGPhase`: the leaves (tasks nothing depends on) decide; an omitted task takes the
 * branch phase of its predecessors, a failed one winning.
 */
function dagPhase(tasks: DagTask[], phases: Map<string, TaskPhase>): 'Succeeded' | 'Failed' {
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const dependedOn = new Set(tasks.flatMap((t) => [...t.predecessors]));
  const memo = new Map<string, 'Succeeded' | 'Failed'>();
  const branchPhase = (name: string): 'Succeeded' | 'Failed' => {
    if (!memo.has(name)) {
      const phase = phases.get(name);
      const result =
        phase === 'Omitted'
          ? [...byName.get(name)!.predecessors].some((p) => branchPhase(p) === 'Failed')
            ? 'Failed'
            : 'Succeeded'
          : phase === 'Succeeded' || phase === 'Skipped' || phase === 'Daemoned'
            ? 'Succeeded'
            : 'Failed';
      memo.set(name, result);
    }
    return memo.get(name)!;
  };
  const leaves = tasks.filter((t) => !dependedOn.has(t.name));
  return leaves.every((leaf) => branchPhase(leaf.name) === 'Succeeded') ? 'Succeeded' : 'Failed';
}

function runTask(context: ArgoContext, task: DagTask, inputs: Vars, outputs: Map<string, Record<string, string>>, at: string): Outcome {
  const vars: Vars = { ...context.workflowVars, ...inputs };
  // Argo resolves {{tasks.T…}} only for tasks this one depends on (they have finished).
  for (const [name, values] of outputs) {
    if (!task.predecessors.has(name)) continue;
    for (const [key, value] of Object.entries(values)) vars[`tasks.${name}.outputs.parameters.${key}`] = value;
  }
  const template = asString(task.raw.template, `${at} template`);
  const argumentsOf = (itemVars: Vars) => {
    const args: Record<string, string> = {};
    const spec = task.raw.arguments === undefined ? {} : asRecord(task.raw.arguments, `${at} arguments`);
    for (const key of Object.keys(spec)) if (key !== 'parameters') throw new OracleUnsupported(at, `arguments.${key}`);
    for (const raw of asList(spec.parameters ?? [], `${at} arguments.parameters`)) {
      const parameter = asRecord(raw, `${at} argument`);
      const value = parameter.value === undefined ? undefined : typeof parameter.value === 'string' ? parameter.value : JSON.stringify(parameter.value);
      if (value === undefined) throw new OracleUnsupported(at, `argument ${String(parameter.name)} without a value`);
      args[asString(parameter.name, `${at} argument name`)] = substitute(value, { ...vars, ...itemVars }, at);
    }
    return args;
  };
  if (task.raw.withParam === undefined) return runTemplate(context, template, argumentsOf({}), at);
  const listText = substitute(asString(task.raw.withParam, `${at} withParam`), vars, at);
  let items: unknown;
  try {
    items = JSON.parse(listText);
  } catch {
    throw new OracleUnsupported(at, `withParam is not a JSON list: ${listText}`);
  }
  if (!Array.isArray(items)) throw new OracleUnsupported(at, `withParam is not a JSON list: ${listText}`);
  if (items.length === 0) return { phase: context.emptyWithParam, outputs: {} };
  let phase: Outcome['phase'] = 'Succeeded';
  for (const item of items) {
    if (item !== null && typeof item === 'object') throw new OracleUnsupported(at, 'withParam items that are objects ({{item.key}})');
    const outcome = runTemplate(context, template, argumentsOf({ item: typeof item === 'string' ? item : JSON.stringify(item) }), `${at} item ${String(item)}`);
    if (outcome.phase === 'Failed') phase = 'Failed';
  }
  return { phase, outputs: {} };
}

const CONTAINER_KEYS = new Set(['command', 'args', 'image', 'imagePullPolicy', 'env', 'resources', 'volumeMounts', 'securityContext']);

function runContainerTemplate(context: ArgoContext, template: Template, inputs: Vars, at: string): Outcome {
  const container = asRecord(template.container, `${at} container`);
  for (const key of Object.keys(container)) if (!CONTAINER_KEYS.has(key)) throw new OracleUnsupported(at, `container.${key}`);
  const vars: Vars = { ...context.workflowVars, ...inputs };
  const words = (key: 'command' | 'args') => (container[key] === undefined ? [] : asList(container[key], `${at} container.${key}`).map((w) => substitute(asString(w, `${at} container.${key}`), vars, at)));
  const argv = [...words('command'), ...words('args')];
  if (container.command === undefined) throw new OracleUnsupported(at, 'a container that runs its image entrypoint');
  // Environment values are resolved too, so a placeholder Argo could not fill is reported.
  for (const raw of asList(container.env ?? [], `${at} container.env`)) {
    const variable = asRecord(raw, `${at} env`);
    if (typeof variable.value === 'string') substitute(variable.value, vars, at);
  }
  const retry = template.retryStrategy === undefined ? undefined : asRecord(template.retryStrategy, `${at} retryStrategy`);
  const policy = retry?.retryPolicy ?? 'OnFailure';
  // A non-zero exit is a Failure: retried by OnFailure and Always, not by OnError/OnTransientError.
  const tries = retry && (policy === 'OnFailure' || policy === 'Always') ? attempts(retry.limit, at) : 1;
  let result = runContainer(context.world, argv, at);
  for (let attempt = 2; attempt <= tries && result.exitCode !== 0; attempt++) result = runContainer(context.world, argv, `${at} attempt ${attempt}`);
  if (result.exitCode !== 0) return { phase: 'Failed', outputs: {} };
  return { phase: 'Succeeded', outputs: readOutputs(template, result.files, at) };
}

function readOutputs(template: Template, files: Map<string, string>, at: string): Record<string, string> {
  if (template.outputs === undefined) return {};
  const spec = asRecord(template.outputs, `${at} outputs`);
  for (const key of Object.keys(spec)) if (key !== 'parameters') throw new OracleUnsupported(at, `outputs.${key}`);
  const outputs: Record<string, string> = {};
  for (const raw of asList(spec.parameters ?? [], `${at} outputs.parameters`)) {
    const parameter = asRecord(raw, `${at} output`);
    const name = asString(parameter.name, `${at} output name`);
    const from = asRecord(parameter.valueFrom, `${at} output ${name} valueFrom`);
    const path = asString(from.path, `${at} output ${name} valueFrom.path`);
    if (Object.keys(from).length !== 1) throw new OracleUnsupported(at, `output ${name} valueFrom other than path`);
    const value = files.get(path);
    // Argo fails a step whose output file is missing; magnus's containers never leave it out.
    if (value === undefined) throw new OracleUnsupported(at, `the container wrote no ${path} for output ${name}`);
    outputs[name] = value;
  }
  return outputs;
}
