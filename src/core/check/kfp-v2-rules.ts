/**
 * Cross-references in a KFP v2 PipelineSpec that proto parsing cannot see but the KFP backend
 * (API server, Argo compiler and driver) relies on: tasks -> components -> executors, DAG edges,
 * and the names of inputs and outputs that tasks and placeholders use.
 */
import { triggerProblems } from './kfp-v2-triggers.ts';
import type { CheckProblem } from './types.ts';
import { at, forEachString, isObject, objectOrEmpty, stringOrUndefined, type JsonObject } from './values.ts';

export const SUPPORTED_SCHEMA_VERSION = '2.1.0';

/** Maps, not objects: names are the document's data (a task named `constructor` is not inherited). */
interface Dag {
  /** The component that owns the DAG: `root` or an entry of `components`. */
  owner: JsonObject;
  ownerName: string;
  tasks: Map<string, JsonObject>;
  path: string;
}

interface Spec {
  components: Map<string, JsonObject>;
  executors: JsonObject;
  dags: Dag[];
}

export function pipelineSpecProblems(doc: JsonObject): CheckProblem[] {
  const spec = readSpec(doc);
  return [
    ...headerProblems(doc),
    ...componentProblems(spec),
    ...spec.dags.flatMap((dag) => dagProblems(dag, spec)),
    ...placeholderProblems(spec),
  ];
}

function readSpec(doc: JsonObject): Spec {
  const components = objectsByName(doc.components);
  const executors = objectOrEmpty(objectOrEmpty(doc.deploymentSpec).executors);
  const dags: Dag[] = [];
  const addDag = (ownerName: string, owner: JsonObject, path: string) =>
    dags.push({ owner, ownerName, tasks: objectsByName(objectOrEmpty(owner.dag).tasks), path: at(path, 'dag') });
  const root = objectOrEmpty(doc.root);
  if (isObject(root.dag)) addDag('root', root, '/root');
  components.forEach((component, name) => {
    if (isObject(component.dag)) addDag(name, component, at('/components', name));
  });
  return { components, executors, dags };
}

function objectsByName(value: unknown): Map<string, JsonObject> {
  const byName = new Map<string, JsonObject>();
  const object = objectOrEmpty(value);
  const names = Object.keys(object);
  for (let i = 0; i < names.length; i++) byName.set(names[i], objectOrEmpty(object[names[i]]));
  return byName;
}

function headerProblems(doc: JsonObject): CheckProblem[] {
  const problems: CheckProblem[] = [];
  if (doc.schemaVersion !== SUPPORTED_SCHEMA_VERSION)
    problems.push({
      path: '/schemaVersion',
      message: `schemaVersion must be "${SUPPORTED_SCHEMA_VERSION}", the only version the KFP API server accepts (got ${JSON.stringify(doc.schemaVersion)})`,
    });
  const name = objectOrEmpty(doc.pipelineInfo).name;
  if (typeof name !== 'string' || name === '')
    problems.push({ path: '/pipelineInfo/name', message: 'pipelineInfo.name is required: the KFP API server does not recognise a v2 pipeline without it' });
  if (!isObject(doc.root)) problems.push({ path: '/root', message: 'root is required: it is the pipeline DAG' });
  else if (!isObject(doc.root.dag)) problems.push({ path: '/root', message: 'root must be a DAG component (root.dag)' });
  return problems;
}

function componentProblems(spec: Spec): CheckProblem[] {
  const problems: CheckProblem[] = [];
  spec.components.forEach((component, name) => {
    const label = component.executorLabel;
    if (typeof label === 'string') {
      if (!Object.hasOwn(spec.executors, label))
        problems.push({ path: at('/components', name, 'executorLabel'), message: `executorLabel "${label}" has no executor in deploymentSpec.executors` });
    } else if (!isObject(component.dag)) problems.push({ path: at('/components', name), message: 'component needs either a dag or an executorLabel' });
  });
  return problems;
}

function inputNames(component: JsonObject | undefined, kind: 'parameters' | 'artifacts'): JsonObject {
  return objectOrEmpty(objectOrEmpty(component?.inputDefinitions)[kind]);
}

function outputNames(component: JsonObject | undefined, kind: 'parameters' | 'artifacts'): JsonObject {
  return objectOrEmpty(objectOrEmpty(component?.outputDefinitions)[kind]);
}

function dagProblems(dag: Dag, spec: Spec): CheckProblem[] {
  const isImporter = (task: JsonObject) => {
    const name = stringOrUndefined(objectOrEmpty(task.componentRef).name);
    const label = name === undefined ? undefined : spec.components.get(name)?.executorLabel;
    return typeof label === 'string' && Object.hasOwn(spec.executors, label) && isObject(objectOrEmpty(spec.executors[label]).importer);
  };
  const problems: CheckProblem[] = [];
  dag.tasks.forEach((task, name) => taskProblems(name, task, dag, spec, problems));
  problems.push(...cycleProblems(dag), ...dagOutputProblems(dag), ...triggerProblems(dag, isImporter));
  return problems;
}

const KINDS = ['parameters', 'artifacts'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Problems are pushed onto `problems`, and paths are built only for what is reported: these run for
 * every task and every input of pipelines with thousands of them, so there is no closure or array
 * made per task or input either (in a cold process, as the CLI runs, that was most of their cost).
 */
function taskProblems(taskName: string, task: JsonObject, dag: Dag, spec: Spec, problems: CheckProblem[]): void {
  const refName = objectOrEmpty(task.componentRef).name;
  const component = typeof refName === 'string' ? spec.components.get(refName) : undefined;
  if (typeof refName !== 'string') problems.push({ path: at(dag.path, 'tasks', taskName, 'componentRef'), message: 'task has no componentRef.name' });
  else if (!component) problems.push({ path: at(dag.path, 'tasks', taskName, 'componentRef', 'name'), message: `componentRef names "${refName}", which is not in components` });
  const upstream = task.dependentTasks;
  if (Array.isArray(upstream))
    for (let i = 0; i < upstream.length; i++) {
      const name: unknown = upstream[i];
      if (typeof name === 'string' && !dag.tasks.has(name))
        problems.push({ path: at(dag.path, 'tasks', taskName, 'dependentTasks', i), message: `dependentTasks names "${name}", which is not a task of this DAG` });
    }
  const inputs = objectOrEmpty(task.inputs);
  for (let k = 0; k < KINDS.length; k++) {
    const kind = KINDS[k];
    const suppliedValue = inputs[kind];
    const declaredValue = component ? objectOrEmpty(component.inputDefinitions)[kind] : undefined;
    // Nothing supplied and nothing declared (a task's artifacts, mostly): nothing to check.
    if (!isObject(suppliedValue) && !isObject(declaredValue)) continue;
    const declared = objectOrEmpty(declaredValue);
    const supplied = objectOrEmpty(suppliedValue);
    const keys = Object.keys(supplied);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (component && !Object.hasOwn(declared, key))
        problems.push({ path: at(dag.path, 'tasks', taskName, 'inputs', kind, key), message: `input ${singular(kind)} "${key}" is not declared by component "${String(refName)}"` });
      const source = supplied[key];
      if (isObject(source)) inputSourceProblems(source, kind, taskName, key, dag, spec, problems);
    }
    if (component) missingInputProblems(task, kind, declared, supplied, dag, taskName, String(refName), problems);
  }
  if (isObject(task.parameterIterator)) problems.push(...iteratorProblems(task, at(dag.path, 'tasks', taskName), component, refName));
}

function singular(kind: Kind): string {
  return kind === 'parameters' ? 'parameter' : 'artifact';
}

/** Where input `key` of task `taskName` comes from must exist: the enclosing component's inputs or a sibling task. */
function inputSourceProblems(source: JsonObject, kind: Kind, taskName: string, key: string, dag: Dag, spec: Spec, problems: CheckProblem[]): void {
  const parentInputKey = kind === 'parameters' ? 'componentInputParameter' : 'componentInputArtifact';
  const parentInput = stringOrUndefined(source[parentInputKey]);
  if (parentInput !== undefined && !Object.hasOwn(inputNames(dag.owner, kind), parentInput))
    problems.push({
      path: at(dag.path, 'tasks', taskName, 'inputs', kind, key, parentInputKey),
      message: `${parentInputKey} "${parentInput}" is not an input ${singular(kind)} of ${dag.ownerName === 'root' ? 'the pipeline (root.inputDefinitions)' : `component "${dag.ownerName}"`}`,
    });
  const outputKey = kind === 'parameters' ? 'taskOutputParameter' : 'taskOutputArtifact';
  producerProblems(source, outputKey, kind, taskName, key, dag, spec, problems);
  producerProblems(source, 'taskFinalStatus', kind, taskName, key, dag, spec, problems);
}

/** The producer task named at `source[reference]` must be a sibling, and have the output named. */
function producerProblems(
  source: JsonObject,
  reference: string,
  kind: Kind,
  taskName: string,
  key: string,
  dag: Dag,
  spec: Spec,
  problems: CheckProblem[],
): void {
  const selector = source[reference];
  if (!isObject(selector)) return;
  const producerTask = stringOrUndefined(selector.producerTask);
  if (producerTask === undefined) return;
  if (!dag.tasks.has(producerTask))
    problems.push({ path: at(dag.path, 'tasks', taskName, 'inputs', kind, key, reference, 'producerTask'), message: `producerTask "${producerTask}" is not a task of this DAG` });
  else if (reference !== 'taskFinalStatus') {
    const keyName = kind === 'parameters' ? 'outputParameterKey' : 'outputArtifactKey';
    const outputKey = stringOrUndefined(selector[keyName]);
    const producerRef = stringOrUndefined(objectOrEmpty(dag.tasks.get(producerTask)?.componentRef).name);
    const producer = producerRef === undefined ? undefined : spec.components.get(producerRef);
    if (outputKey !== undefined && producer && !Object.hasOwn(outputNames(producer, kind), outputKey))
      problems.push({
        path: at(dag.path, 'tasks', taskName, 'inputs', kind, key, reference, keyName),
        message: `${keyName} "${outputKey}" is not an output ${singular(kind)} of component "${producerRef}" (task "${producerTask}")`,
      });
  }
}

function missingInputProblems(
  task: JsonObject,
  kind: Kind,
  declared: JsonObject,
  supplied: JsonObject,
  dag: Dag,
  taskName: string,
  componentName: string,
  problems: CheckProblem[],
): void {
  // The iterator supplies its loop item as an input of the loop body component.
  const iteratorKey = kind === 'parameters' ? 'parameterIterator' : 'artifactIterator';
  const itemInput = objectOrEmpty(task[iteratorKey]).itemInput;
  const names = Object.keys(declared);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (isRequired(objectOrEmpty(declared[name])) && !Object.hasOwn(supplied, name) && name !== itemInput)
      problems.push({
        path: at(dag.path, 'tasks', taskName, 'inputs'),
        message: `input ${singular(kind)} "${name}" of component "${componentName}" is required (no default, not optional) but the task does not supply it`,
      });
  }
}

function isRequired(definition: JsonObject): boolean {
  return definition.isOptional !== true && definition.defaultValue === undefined;
}

function iteratorProblems(task: JsonObject, path: string, component: JsonObject | undefined, refName: unknown): CheckProblem[] {
  if (!isObject(task.parameterIterator)) return [];
  const iteratorPath = at(path, 'parameterIterator');
  const { itemInput, items } = task.parameterIterator;
  const problems: CheckProblem[] = [];
  if (typeof itemInput !== 'string' || itemInput === '')
    problems.push({ path: at(iteratorPath, 'itemInput'), message: 'parameterIterator.itemInput is required' });
  else if (component && !Object.hasOwn(inputNames(component, 'parameters'), itemInput))
    problems.push({
      path: at(iteratorPath, 'itemInput'),
      message: `itemInput "${itemInput}" is not an input parameter of component "${String(refName)}", so the loop body cannot read the item`,
    });
  const source = objectOrEmpty(items);
  const inputParameter = source.inputParameter;
  if (typeof inputParameter === 'string' && !Object.hasOwn(objectOrEmpty(objectOrEmpty(task.inputs).parameters), inputParameter))
    problems.push({
      path: at(iteratorPath, 'items', 'inputParameter'),
      message: `items.inputParameter "${inputParameter}" is not one of the task's inputs.parameters`,
    });
  if (typeof source.raw === 'string' && !isJsonList(source.raw))
    problems.push({ path: at(iteratorPath, 'items', 'raw'), message: 'items.raw must be a JSON list, e.g. \'["a", "b"]\'' });
  if (inputParameter === undefined && source.raw === undefined)
    problems.push({ path: at(iteratorPath, 'items'), message: 'parameterIterator.items needs raw or inputParameter' });
  return problems;
}

function isJsonList(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

const PRODUCER_KEYS = ['taskOutputParameter', 'taskOutputArtifact', 'taskFinalStatus'];

/** Edges run from a task to everything it waits for: dependentTasks and the producers of its inputs, each once, in that order. */
function upstreamOf(task: JsonObject): string[] {
  // Collected as met and made distinct only when there are two or more (a task mostly waits for one):
  // a name met again would be entered again, and a task naming one in a cycle thousands of times would
  // copy the cycle's path as often (the problems are made distinct, not the work).
  const upstream: string[] = [];
  const dependencies = task.dependentTasks;
  if (Array.isArray(dependencies))
    for (let i = 0; i < dependencies.length; i++) {
      const name: unknown = dependencies[i];
      if (typeof name === 'string') upstream.push(name);
    }
  const inputs = task.inputs;
  if (isObject(inputs))
    for (let k = 0; k < KINDS.length; k++) {
      const sources = inputs[KINDS[k]];
      if (!isObject(sources)) continue;
      const keys = Object.keys(sources);
      for (let i = 0; i < keys.length; i++) {
        const source = sources[keys[i]];
        if (!isObject(source)) continue;
        for (let r = 0; r < PRODUCER_KEYS.length; r++) {
          const selector = source[PRODUCER_KEYS[r]];
          const producer = isObject(selector) ? selector.producerTask : undefined;
          if (typeof producer === 'string') upstream.push(producer);
        }
      }
    }
  return upstream.length < 2 ? upstream : Array.from(new Set(upstream));
}

const VISITING = 1;
const DONE = 2;

/**
 * Depth-first over the upstream edges, with an explicit stack: a DAG may hold a chain of thousands of
 * tasks. Tasks mostly wait only for tasks written before them, and then no wait can lead back to a
 * task: that is told in one pass, without the walk.
 */
function cycleProblems(dag: Dag): CheckProblem[] {
  if (waitsOnlyBackwards(dag)) return [];
  const state = new Map<string, number>();
  const stack: string[] = [];
  // A frame per task on the path: its upstream tasks and the next of them to enter (parallel stacks, no object per task).
  const upstreams: string[][] = [];
  const nexts: number[] = [];
  const cycles: string[][] = [];
  const enter = (name: string): void => {
    const task = dag.tasks.get(name);
    if (!task) return;
    const seen = state.get(name);
    if (seen === DONE) return;
    if (seen === VISITING) {
      cycles.push([...stack.slice(stack.indexOf(name)), name]);
      return;
    }
    state.set(name, VISITING);
    stack.push(name);
    upstreams.push(upstreamOf(task));
    nexts.push(0);
  };
  dag.tasks.forEach((_, name) => {
    enter(name);
    while (upstreams.length > 0) {
      const top = upstreams.length - 1;
      const upstream = upstreams[top];
      if (nexts[top] < upstream.length) enter(upstream[nexts[top]++]);
      else {
        upstreams.pop();
        nexts.pop();
        state.set(stack.pop() as string, DONE);
      }
    }
  });
  return cycles.map((cycle) => ({ path: at(dag.path, 'tasks'), message: `dependency cycle: ${[...cycle].reverse().join(' -> ')}` }));
}

/** Whether each task waits only for tasks before it in the DAG (names that are no task are no edge). */
function waitsOnlyBackwards(dag: Dag): boolean {
  const earlier = new Set<string>();
  let backwards = true;
  dag.tasks.forEach((task, name) => {
    if (!backwards) return;
    const upstream = upstreamOf(task);
    for (let i = 0; i < upstream.length; i++) if (!earlier.has(upstream[i]) && dag.tasks.has(upstream[i])) backwards = false;
    earlier.add(name);
  });
  return backwards;
}

function dagOutputProblems(dag: Dag): CheckProblem[] {
  const outputs = objectOrEmpty(objectOrEmpty(dag.owner.dag).outputs);
  const problems: CheckProblem[] = [];
  const checkProducer = (selector: unknown, path: string) => {
    const producer = stringOrUndefined(objectOrEmpty(selector).producerSubtask);
    if (producer !== undefined && !dag.tasks.has(producer))
      problems.push({ path: at(path, 'producerSubtask'), message: `producerSubtask "${producer}" is not a task of this DAG` });
  };
  for (const [name, output] of Object.entries(objectOrEmpty(outputs.parameters))) {
    const path = at(dag.path, 'outputs', 'parameters', name);
    const spec = objectOrEmpty(output);
    checkProducer(spec.valueFromParameter, at(path, 'valueFromParameter'));
    const selectors = objectOrEmpty(spec.valueFromOneof).parameterSelectors;
    (Array.isArray(selectors) ? selectors : []).forEach((s, i) => checkProducer(s, at(path, 'valueFromOneof', 'parameterSelectors', i)));
  }
  for (const [name, output] of Object.entries(objectOrEmpty(outputs.artifacts))) {
    const path = at(dag.path, 'outputs', 'artifacts', name);
    const selectors = objectOrEmpty(output).artifactSelectors;
    (Array.isArray(selectors) ? selectors : []).forEach((s, i) => checkProducer(s, at(path, 'artifactSelectors', i)));
  }
  return problems;
}

const PLACEHOLDER_START = '{{$.';
const PLACEHOLDER = /\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\[(['"])(.*?)\3\]/g;

/**
 * The driver substitutes `{{$.inputs.parameters['x']}}` from the task's resolved inputs; a name the
 * component does not declare stays unresolved and the pod fails at run time.
 */
function placeholderProblems(spec: Spec): CheckProblem[] {
  const usersByExecutor = new Map<string, Array<[string, JsonObject]>>();
  spec.components.forEach((component, name) => {
    if (typeof component.executorLabel !== 'string') return;
    const users = usersByExecutor.get(component.executorLabel);
    if (users === undefined) usersByExecutor.set(component.executorLabel, [[name, component]]);
    else users.push([name, component]);
  });
  const problems: CheckProblem[] = [];
  const executors = spec.executors;
  const placeholders: PlaceholderMemo = new Map();
  const labels = Object.keys(executors);
  for (let e = 0; e < labels.length; e++) {
    const label = labels[e];
    const executor = executors[label];
    const container = isObject(executor) && isObject(executor.container) ? executor.container : undefined;
    if (container === undefined) continue;
    const users = usersByExecutor.get(label);
    // An executor no component uses has no names to check against (and none to report).
    if (users === undefined) continue;
    for (let k = 0; k < CONTAINER_LISTS.length; k++) {
      const key = CONTAINER_LISTS[k];
      const value = container[key];
      // command and args are lists of strings: read as such, with paths built for problems only.
      if (isStringList(value)) {
        for (let i = 0; i < value.length; i++) {
          // Most arguments hold no placeholder: told by a search, not by a lookup (each distinct text would be hashed and kept).
          if (!value[i].includes(PLACEHOLDER_START)) continue;
          const messages = placeholderMessages(value[i], users, placeholders);
          if (messages !== undefined) {
            const path = at('/deploymentSpec/executors', label, 'container', key, i);
            for (const message of messages) problems.push({ path, message });
          }
        }
      } else if (value !== undefined)
        // Not a list of strings (an executor without args builds no path here).
        forEachString(
          value,
          at('/deploymentSpec/executors', label, 'container', key),
          (text, path) => {
            for (const message of placeholderMessages(text, users, placeholders) ?? []) problems.push({ path, message });
          },
          PLACEHOLDER_START,
        );
    }
  }
  return problems;
}

const CONTAINER_LISTS = ['command', 'args'];

function isStringList(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

interface Placeholder {
  direction: string;
  kind: string;
  name: string;
}

/**
 * The placeholders of each argument text met that holds `{{$.`: the same texts
 * (`{{$.inputs.parameters['run_id']}}`) stand in thousands of executors, so each is matched once (a
 * match per argument was most of these rules' time).
 */
type PlaceholderMemo = Map<string, readonly Placeholder[]>;

function placeholdersIn(text: string, memo: PlaceholderMemo): readonly Placeholder[] {
  let found = memo.get(text);
  if (found === undefined) {
    const list: Placeholder[] = [];
    PLACEHOLDER.lastIndex = 0;
    for (let match = PLACEHOLDER.exec(text); match !== null; match = PLACEHOLDER.exec(text)) list.push({ direction: match[1], kind: match[2], name: match[4] });
    found = list;
    memo.set(text, found);
  }
  return found;
}

/** What is wrong with the placeholders in `text` (which holds `{{$.`) for the components that run it, or undefined. */
function placeholderMessages(text: string, users: ReadonlyArray<[string, JsonObject]>, memo: PlaceholderMemo): string[] | undefined {
  const found = placeholdersIn(text, memo);
  let messages: string[] | undefined;
  for (let p = 0; p < found.length; p++) {
    const { direction, kind, name } = found[p];
    const definitionsKey = direction === 'inputs' ? 'inputDefinitions' : 'outputDefinitions';
    for (let u = 0; u < users.length; u++) {
      const componentName = users[u][0];
      const component = users[u][1];
      const definitions = objectOrEmpty(objectOrEmpty(component[definitionsKey])[kind]);
      if (!Object.hasOwn(definitions, name))
        (messages ??= []).push(
          `placeholder {{$.${direction}.${kind}['${name}']}} names no ${direction === 'inputs' ? 'input' : 'output'} ${singular(kind as Kind)} of component "${componentName}"`,
        );
    }
  }
  return messages;
}
