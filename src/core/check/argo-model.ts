import { parseDepends, type DependsParse } from './argo-depends.ts';
import { arrayOrEmpty, at, isObject, objectOrEmpty, stringOrUndefined, type JsonObject } from './values.ts';

/** A read-only view of the parts of a Workflow the semantic rules need, tolerant of any shape. */
export interface ArgoWorkflow {
  doc: JsonObject;
  spec: JsonObject;
  templates: ArgoTemplate[];
  templatesByName: Map<string, ArgoTemplate>;
  dags: ArgoDag[];
}

/**
 * The templates, tasks and steps below know their place and build their path only when asked (for a
 * problem): a large workflow has thousands of each and hardly ever a problem.
 */
export class ArgoTemplate {
  readonly name: string | undefined;
  /** Set when the template is a DAG (its `dag` is a mapping). */
  dag: ArgoDag | undefined;

  constructor(
    readonly value: JsonObject,
    readonly index: number,
  ) {
    this.name = stringOrUndefined(value.name);
  }

  get path(): string {
    return at('/spec/templates', this.index);
  }
}

export class ArgoDag {
  readonly tasks: ArgoTask[] = [];
  readonly tasksByName = new Map<string, ArgoTask>();

  constructor(readonly template: ArgoTemplate) {}

  get tasksPath(): string {
    return at(this.template.path, 'dag', 'tasks');
  }
}

export class ArgoTask {
  readonly name: string | undefined;
  /** The names in `dependencies` (the list itself when all are strings). */
  readonly dependencies: readonly string[];
  readonly depends: DependsParse | undefined;
  /** Tasks this one waits for, from `dependencies` and from a `depends` expression that parses. */
  readonly upstream: readonly string[];

  constructor(
    readonly value: JsonObject,
    readonly dag: ArgoDag,
    readonly index: number,
  ) {
    this.name = stringOrUndefined(value.name);
    this.dependencies = stringsOf(value.dependencies);
    this.depends = typeof value.depends === 'string' ? parseDepends(value.depends) : undefined;
    this.upstream = this.depends?.ok ? distinct([...this.dependencies, ...this.depends.references.map((r) => r.task)]) : distinct(this.dependencies);
  }

  get path(): string {
    return at(this.dag.tasksPath, this.index);
  }
}

function stringsOf(list: unknown): readonly string[] {
  const array = arrayOrEmpty(list);
  for (let i = 0; i < array.length; i++) if (typeof array[i] !== 'string') return array.filter((d): d is string => typeof d === 'string');
  return array as string[];
}

/** `names` without repeats, in order of first mention (the list itself when it has none). */
function distinct(names: readonly string[]): readonly string[] {
  if (names.length < 2) return names;
  const unique = new Set(names);
  return unique.size === names.length ? names : [...unique];
}

export function readWorkflow(doc: JsonObject): ArgoWorkflow {
  const spec = objectOrEmpty(doc.spec);
  const list = arrayOrEmpty(spec.templates);
  const templates: ArgoTemplate[] = [];
  const templatesByName = new Map<string, ArgoTemplate>();
  const dags: ArgoDag[] = [];
  for (let i = 0; i < list.length; i++) {
    const template = new ArgoTemplate(objectOrEmpty(list[i]), i);
    templates.push(template);
    if (template.name !== undefined && !templatesByName.has(template.name)) templatesByName.set(template.name, template);
    if (isObject(template.value.dag)) dags.push((template.dag = readDag(template)));
  }
  return { doc, spec, templates, templatesByName, dags };
}

function readDag(template: ArgoTemplate): ArgoDag {
  const dag = new ArgoDag(template);
  const list = arrayOrEmpty(objectOrEmpty(template.value.dag).tasks);
  for (let i = 0; i < list.length; i++) {
    const task = new ArgoTask(objectOrEmpty(list[i]), dag, i);
    dag.tasks.push(task);
    if (task.name !== undefined && !dag.tasksByName.has(task.name)) dag.tasksByName.set(task.name, task);
  }
  return dag;
}

/**
 * Whether task `name` must finish before `task` starts (transitively); cycles are tolerated. Searched
 * outwards from `task`, so the usual reference — to a task it waits for directly — costs one step,
 * not a walk of every ancestor (which made a long chain quadratic).
 */
export function dependsOn(dag: ArgoDag, task: ArgoTask, name: string): boolean {
  if (task.upstream.includes(name)) return true;
  const seen = new Set<string>();
  const pending = [...task.upstream];
  for (let next = 0; next < pending.length; next++) {
    const upstream = pending[next];
    if (upstream === name) return true;
    if (seen.has(upstream)) continue;
    seen.add(upstream);
    for (const further of dag.tasksByName.get(upstream)?.upstream ?? []) pending.push(further);
  }
  return false;
}

export class ArgoStep {
  readonly name: string | undefined;

  constructor(
    readonly value: JsonObject,
    readonly template: ArgoTemplate,
    readonly group: number,
    readonly index: number,
  ) {
    this.name = stringOrUndefined(value.name);
  }

  get path(): string {
    return at(this.template.path, 'steps', this.group, this.index);
  }
}

/** Steps templates: `steps` is a list of parallel groups, each a list of steps. */
export function stepsOf(template: ArgoTemplate): ArgoStep[] {
  const steps: ArgoStep[] = [];
  const groups = arrayOrEmpty(template.value.steps);
  for (let i = 0; i < groups.length; i++) {
    const group = arrayOrEmpty(groups[i]);
    for (let j = 0; j < group.length; j++) steps.push(new ArgoStep(objectOrEmpty(group[j]), template, i, j));
  }
  return steps;
}

export function parameterNames(holder: unknown): Set<string> {
  const names = new Set<string>();
  const parameters = arrayOrEmpty(objectOrEmpty(holder).parameters);
  for (let i = 0; i < parameters.length; i++) {
    const name = objectOrEmpty(parameters[i]).name;
    if (typeof name === 'string') names.add(name);
  }
  return names;
}

export function hasLoop(holder: JsonObject): boolean {
  return holder.withItems !== undefined || holder.withParam !== undefined || holder.withSequence !== undefined;
}
