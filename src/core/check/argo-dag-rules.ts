/** The rules of DAG templates (Argo's lint): task names, template references, ordering, cycles. */
import { ITEM_RESULTS } from './argo-depends.ts';
import { hasLoop, parameterNames, type ArgoDag, type ArgoStep, type ArgoTask, type ArgoTemplate, type ArgoWorkflow } from './argo-model.ts';
import { duplicateProblems, nameProblems } from './argo-names.ts';
import type { CheckProblem } from './types.ts';
import { arrayOrEmpty, at, objectOrEmpty } from './values.ts';

/**
 * Each rule's problems for every task, then the next rule's (as separate passes gave them), made in
 * one pass over the tasks.
 */
export function dagProblems(out: CheckProblem[], dag: ArgoDag, workflow: ArgoWorkflow): void {
  const { tasks } = dag;
  if (tasks.length === 0) {
    out.push({ path: dag.tasksPath, message: 'a DAG template must have at least one task' });
    return;
  }
  let usesDepends = false;
  let usesOrdering = false;
  for (let i = 0; i < tasks.length; i++) {
    if (tasks[i].depends !== undefined) usesDepends = true;
    if (tasks[i].dependencies.length > 0) usesOrdering = true;
  }
  usesOrdering ||= usesDepends;
  const digits: CheckProblem[] = [];
  const references: CheckProblem[] = [];
  const ordering: CheckProblem[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i];
    // A missing task name is already a schema error (DAGTask requires it).
    if (task.value.name !== undefined) nameProblems(out, task.value.name, task, 'task');
    if (usesOrdering && task.name !== undefined && startsWithDigit(task.name))
      digits.push({
        path: at(task.path, 'name'),
        message: `task name "${task.name}" cannot begin with a digit in a DAG that uses depends or dependencies`,
      });
    templateReferenceProblems(references, task, 'task', workflow);
    orderingProblems(ordering, task, dag, usesDepends);
  }
  out.push(...digits);
  duplicateProblems(out, tasks, 'task');
  out.push(...references, ...ordering);
  cycleProblems(out, dag);
}

/** Argo's depends/dependencies evaluator treats a leading digit as a number, so lint rejects such names. */
function startsWithDigit(name: string): boolean {
  const code = name.charCodeAt(0);
  return code >= 48 && code <= 57;
}

/** A task's or step's template: given one way, existing, and given the inputs it needs. */
export function templateReferenceProblems(out: CheckProblem[], holder: ArgoTask | ArgoStep, kind: 'task' | 'step', workflow: ArgoWorkflow): void {
  const { value } = holder;
  const ways = (value.template !== undefined ? 1 : 0) + (value.templateRef !== undefined ? 1 : 0) + (value.inline !== undefined ? 1 : 0);
  if (ways !== 1) {
    out.push({ path: holder.path, message: `${kind} "${holder.name}" must have exactly one of template, templateRef or inline (has ${ways})` });
    return;
  }
  if (typeof value.template !== 'string') return;
  const template = workflow.templatesByName.get(value.template);
  if (!template) {
    out.push({ path: at(holder.path, 'template'), message: `${kind} "${holder.name}" uses template "${value.template}", which does not exist` });
    return;
  }
  for (const name of unsuppliedInputs(template, value.arguments))
    out.push({
      path: at(holder.path, 'arguments'),
      message: inputMessage(name, template, `${kind} "${holder.name}"'s arguments`),
    });
}

const NONE: readonly string[] = [];

/**
 * The input parameters of `template` without a value or default that `args` does not supply: Argo
 * substitutes a template's inputs from the caller's arguments and fails when one is missing.
 */
export function unsuppliedInputs(template: ArgoTemplate, args: unknown): readonly string[] {
  const inputs = arrayOrEmpty(objectOrEmpty(template.value.inputs).parameters);
  let supplied: Set<string> | undefined;
  let missing: string[] | undefined;
  for (let i = 0; i < inputs.length; i++) {
    const p = objectOrEmpty(inputs[i]);
    if (typeof p.name !== 'string' || p.value !== undefined || p.default !== undefined || p.valueFrom !== undefined) continue;
    supplied ??= parameterNames(args);
    if (!supplied.has(p.name)) (missing ??= []).push(p.name);
  }
  return missing ?? NONE;
}

export function inputMessage(name: string, template: ArgoTemplate, caller: string): string {
  return `input parameter "${name}" of template "${template.name}" has no value or default and ${caller} does not supply it`;
}

function orderingProblems(out: CheckProblem[], task: ArgoTask, dag: ArgoDag, dagUsesDepends: boolean): void {
  const { value, depends } = task;
  if (dagUsesDepends && value.dependencies !== undefined)
    out.push({
      path: at(task.path, 'dependencies'),
      message: 'a DAG cannot mix "depends" and "dependencies" (Argo rejects it); use one of them for every task',
    });
  const dependencies = arrayOrEmpty(value.dependencies);
  for (let i = 0; i < dependencies.length; i++) {
    const name = dependencies[i];
    if (typeof name === 'string' && !dag.tasksByName.has(name))
      out.push({ path: at(task.path, 'dependencies', i), message: `dependency "${name}" is not a task of this DAG` });
  }
  if (depends === undefined) return;
  if (!depends.ok) {
    out.push({ path: at(task.path, 'depends'), message: `cannot parse depends expression: ${depends.error}` });
    return;
  }
  for (const reference of depends.references) {
    const upstream = dag.tasksByName.get(reference.task);
    if (!upstream)
      out.push({ path: at(task.path, 'depends'), message: `depends names "${reference.task}", which is not a task of this DAG` });
    else if (reference.result && ITEM_RESULTS.has(reference.result) && !hasLoop(upstream.value))
      out.push({
        path: at(task.path, 'depends'),
        message: `"${reference.task}.${reference.result}" needs "${reference.task}" to loop (withItems, withParam or withSequence)`,
      });
  }
}

const VISITING = 1;
const DONE = 2;

function cycleProblems(out: CheckProblem[], dag: ArgoDag): void {
  const search: CycleSearch = { dag, state: new Uint8Array(dag.tasks.length), stack: [], cycles: [] };
  for (let i = 0; i < dag.tasks.length; i++) {
    const { name } = dag.tasks[i];
    if (name !== undefined) visit(search, name);
  }
  // Listed in execution order (a waits for b => b -> a) so the message reads like the DAG.
  for (const cycle of search.cycles) out.push({ path: dag.tasksPath, message: `dependency cycle: ${[...cycle].reverse().join(' -> ')}` });
}

interface CycleSearch {
  dag: ArgoDag;
  /** Per task (the first of each name, which `tasksByName` gives): VISITING, DONE or 0. */
  state: Uint8Array;
  stack: string[];
  cycles: string[][];
}

function visit(search: CycleSearch, name: string): void {
  const task = search.dag.tasksByName.get(name);
  if (!task || search.state[task.index] === DONE) return;
  if (search.state[task.index] === VISITING) {
    search.cycles.push([...search.stack.slice(search.stack.indexOf(name)), name]);
    return;
  }
  search.state[task.index] = VISITING; // own-keys: a task's index in a typed array
  search.stack.push(name);
  const { upstream } = task;
  for (let i = 0; i < upstream.length; i++) visit(search, upstream[i]);
  search.stack.pop();
  search.state[task.index] = DONE; // own-keys: a task's index in a typed array
}
