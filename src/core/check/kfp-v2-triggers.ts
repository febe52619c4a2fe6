/**
 * Trigger policies as the KFP v2 backend runs them, where a spec the protos accept is run other
 * than it reads (kubeflow/pipelines backend/src/v2/compiler/argocompiler/dag.go, driver, expression):
 *
 * - An `ALL_UPSTREAM_TASKS_COMPLETED` task is no DAG task but an exit hook of *each* task it waits
 *   for (`taskToExitTemplate[dep] = name`, the later name winning a task both wait for), run as
 *   soon as that task ends; nothing can wait for it; a ParallelFor task gets no hook at all.
 * - A `condition` is CEL over the task's resolved inputs (`inputs.parameter_values['x']`): an input
 *   the task does not have fails the driver at run time; an importer task cannot have one.
 */
import type { CheckProblem } from './types.ts';
import { arrayOrEmpty, at, isObject, objectOrEmpty, stringOrUndefined, type JsonObject } from './values.ts';

const COMPLETED = 'ALL_UPSTREAM_TASKS_COMPLETED';

export interface TriggerDag {
  tasks: ReadonlyMap<string, JsonObject>;
  path: string;
}

const strategyOf = (task: JsonObject) => objectOrEmpty(task.triggerPolicy).strategy;
const dependenciesOf = (task: JsonObject) => arrayOrEmpty(task.dependentTasks).filter((d): d is string => typeof d === 'string');
const iterates = (task: JsonObject) => isObject(task.parameterIterator) || isObject(task.artifactIterator);

export function triggerProblems(dag: TriggerDag, isImporter: (task: JsonObject) => boolean): CheckProblem[] {
  const problems: CheckProblem[] = [];
  // Loops over the tasks by index and forEach: this runs cold for DAGs of thousands of tasks, where iterators cost most.
  const names: string[] = [];
  const exits = new Set<string>();
  dag.tasks.forEach((task, name) => {
    names.push(name);
    if (strategyOf(task) === COMPLETED) exits.add(name);
  });
  if (names.length > 0 && exits.size === names.length)
    problems.push({ path: at(dag.path, 'tasks'), message: `every task of this DAG is ${COMPLETED}: the KFP backend runs those as exit hooks of other tasks and refuses a DAG without one` });
  const hookOf = new Map<string, string>();
  for (const name of [...exits].sort()) {
    const path = at(dag.path, 'tasks', name);
    const dependencies = dependenciesOf(dag.tasks.get(name)!);
    if (dependencies.length !== 1)
      problems.push({
        path: at(path, 'dependentTasks'),
        message:
          dependencies.length === 0
            ? `a ${COMPLETED} task that waits for no task never runs: the KFP backend runs it as the exit hook of the tasks it waits for`
            : `a ${COMPLETED} task runs as the exit hook of each task it waits for: with ${dependencies.length} it runs ${dependencies.length} times, each as soon as that one ends; wait for one task (a sub-DAG holding the others)`,
      });
    for (const dependency of dependencies) {
      const other = hookOf.get(dependency);
      if (other !== undefined)
        problems.push({ path: at(path, 'dependentTasks'), message: `${other} and ${name} both wait for ${dependency} with ${COMPLETED}: the KFP backend attaches only ${name} to it` });
      hookOf.set(dependency, name);
      if (dag.tasks.has(dependency) && iterates(dag.tasks.get(dependency)!))
        problems.push({ path: at(path, 'dependentTasks'), message: `${dependency} is a ParallelFor task: the KFP backend attaches no exit hook to it, so ${name} would never run` });
    }
  }
  // Per task, nothing is built unless there is something to check (most DAGs have no exit task).
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const task = dag.tasks.get(name)!;
    if (exits.size > 0)
      for (const upstream of [...dependenciesOf(task), ...producersOf(task)])
        if (exits.has(upstream))
          problems.push({
            path: at(dag.path, 'tasks', name),
            message: `${name} waits for ${upstream}, an ${COMPLETED} task, which the KFP backend compiles into an exit hook: nothing can wait for it`,
          });
    const condition = isObject(task.triggerPolicy) ? stringOrUndefined(task.triggerPolicy.condition) : undefined;
    if (condition !== undefined && condition !== '') {
      const conditionPath = at(dag.path, 'tasks', name, 'triggerPolicy', 'condition');
      if (isImporter(task)) problems.push({ path: conditionPath, message: 'the KFP backend refuses a condition on an importer task' });
      problems.push(...conditionProblems(condition, Object.keys(objectOrEmpty(objectOrEmpty(task.inputs).parameters)), conditionPath));
    }
  }
  return problems;
}

function producersOf(task: JsonObject): string[] {
  return Object.values(objectOrEmpty(objectOrEmpty(task.inputs).parameters)).flatMap((source) => {
    const producer = stringOrUndefined(objectOrEmpty(objectOrEmpty(source).taskOutputParameter).producerTask);
    return producer === undefined ? [] : [producer];
  });
}

/** Names a condition may use besides functions: the ExecutorInput's fields and CEL's literals. */
const ROOTS = new Set(['inputs', 'outputs', 'true', 'false', 'null', 'in']);
const TOKEN = /\s+|inputs\.parameter_values\[\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\]|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|&&|\|\||[=!<>]=|[<>!()[\],.+\-*/%]/y;

/**
 * The condition must read as CEL the driver can evaluate: known tokens, balanced brackets, names
 * that are functions or the executor input, and every `inputs.parameter_values['x']` an input of
 * the task (a missing one is a run-time error, not false).
 */
function conditionProblems(condition: string, inputs: string[], path: string): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const known = new Set(inputs);
  const depth: string[] = [];
  TOKEN.lastIndex = 0;
  let last = '';
  while (TOKEN.lastIndex < condition.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(condition);
    if (!match) return [{ path, message: `condition ${JSON.stringify(condition)}: CEL cannot read ${JSON.stringify(condition.slice(start, start + 12))}` }];
    const token = match[0];
    if (/^\s+$/.test(token)) continue;
    const input = match[1] ?? match[2];
    if (input !== undefined && !known.has(input))
      problems.push({ path, message: `condition reads inputs.parameter_values['${input}'], which is not one of the task's inputs.parameters: the driver fails on it` });
    if (/^[A-Za-z_]/.test(token) && input === undefined && !ROOTS.has(token) && last !== '.') {
      const next = condition.slice(TOKEN.lastIndex).trimStart();
      if (!next.startsWith('(')) problems.push({ path, message: `condition ${JSON.stringify(condition)}: ${token} is no input, literal or function` });
    }
    if (token === '(' || token === '[') depth.push(token);
    if (token === ')' || token === ']') {
      const open = depth.pop();
      if (open !== (token === ')' ? '(' : '[')) return [...problems, { path, message: `condition ${JSON.stringify(condition)}: unbalanced ${token}` }];
    }
    last = token;
  }
  if (depth.length > 0) problems.push({ path, message: `condition ${JSON.stringify(condition)}: ${depth.at(-1)} is never closed` });
  if (/^(&&|\|\||[=!<>]=|[<>+\-*/%.,!(])$/.test(last)) problems.push({ path, message: `condition ${JSON.stringify(condition)} ends in ${last}` });
  return problems;
}
