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

export interface ArgoTemplate {
  name: string | undefined;
  value: JsonObject;
  path: string;
}

export interface ArgoDag {
  template: ArgoTemplate;
  tasks: ArgoTask[];
  tasksByName: Map<string, ArgoTask>;
}

export interface ArgoTask {
  name: string | undefined;
  value: JsonObject;
  path: string;
  dependencies: string[];
  depends: DependsParse | undefined;
  /** Tasks this one waits for, from `dependencies` and from a `depends` expression that parses. */
  upstream: string[];
}

export function readWorkflow(doc: JsonObject): ArgoWorkflow {
  const spec = objectOrEmpty(doc.spec);
  const templates = arrayOrEmpty(spec.templates).map((value, i) => toTemplate(value, at('/spec/templates', i)));
  const templatesByName = new Map<string, ArgoTemplate>();
  for (const template of templates)
    if (template.name !== undefined && !templatesByName.has(template.name)) templatesByName.set(template.name, template);
  const dags = templates.filter((t) => isObject(t.value.dag)).map(toDag);
  return { doc, spec, templates, templatesByName, dags };
}

function toTemplate(value: unknown, path: string): ArgoTemplate {
  const template = objectOrEmpty(value);
  return { name: stringOrUndefined(template.name), value: template, path };
}

function toDag(template: ArgoTemplate): ArgoDag {
  const tasksPath = at(template.path, 'dag', 'tasks');
  const tasks = arrayOrEmpty(objectOrEmpty(template.value.dag).tasks).map((value, i) => toTask(value, at(tasksPath, i)));
  const tasksByName = new Map<string, ArgoTask>();
  for (const task of tasks) if (task.name !== undefined && !tasksByName.has(task.name)) tasksByName.set(task.name, task);
  return { template, tasks, tasksByName };
}

function toTask(value: unknown, path: string): ArgoTask {
  const task = objectOrEmpty(value);
  const dependencies = arrayOrEmpty(task.dependencies).filter((d): d is string => typeof d === 'string');
  const depends = typeof task.depends === 'string' ? parseDepends(task.depends) : undefined;
  const fromDepends = depends?.ok ? depends.references.map((r) => r.task) : [];
  return {
    name: stringOrUndefined(task.name),
    value: task,
    path,
    dependencies,
    depends,
    upstream: [...new Set([...dependencies, ...fromDepends])],
  };
}

/**
 * Whether task `name` must finish before `task` starts (transitively); cycles are tolerated. Searched
 * outwards from `task`, so the usual reference — to a task it waits for directly — costs one step,
 * not a walk of every ancestor (which made a long chain quadratic).
 */
export function dependsOn(dag: ArgoDag, task: ArgoTask, name: string): boolean {
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

export interface ArgoStep {
  name: string | undefined;
  value: JsonObject;
  path: string;
}

/** Steps templates: `steps` is a list of parallel groups, each a list of steps. */
export function stepsOf(template: ArgoTemplate): ArgoStep[] {
  return arrayOrEmpty(template.value.steps).flatMap((group, i) =>
    arrayOrEmpty(group).map((value, j) => {
      const step = objectOrEmpty(value);
      return { name: stringOrUndefined(step.name), value: step, path: at(template.path, 'steps', i, j) };
    }),
  );
}

export interface NamedContainer {
  value: JsonObject;
  /** Its path, built when asked (for a problem). */
  pathOf: () => string;
}

/** Every container-like object of a template: main container or script, init containers, sidecars, containerSet. */
export function containersOf(template: ArgoTemplate): NamedContainer[] {
  const { value, path } = template;
  const containers: NamedContainer[] = [];
  for (const key of ['container', 'script']) {
    const container = value[key];
    if (isObject(container)) containers.push({ value: container, pathOf: () => at(path, key) });
  }
  const list = (items: unknown, ...keys: string[]) => {
    const array = arrayOrEmpty(items);
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      if (isObject(item)) containers.push({ value: item, pathOf: () => at(path, ...keys, i) });
    }
  };
  list(value.initContainers, 'initContainers');
  list(value.sidecars, 'sidecars');
  list(objectOrEmpty(value.containerSet).containers, 'containerSet', 'containers');
  return containers;
}

export function parameterNames(holder: unknown): Set<string> {
  const names = arrayOrEmpty(objectOrEmpty(holder).parameters).map((p) => stringOrUndefined(objectOrEmpty(p).name));
  return new Set(names.filter((n): n is string => n !== undefined));
}

export function hasLoop(holder: JsonObject): boolean {
  return holder.withItems !== undefined || holder.withParam !== undefined || holder.withSequence !== undefined;
}
