/**
 * Rules Argo's own lint (workflow/validate/validate.go, run by the KFP API server on upload) or the
 * Kubernetes API applies, but the JSON schema cannot express: names, references between templates,
 * tasks and parameters, DAG shape, enum-like strings, volumes and env vars.
 */
import { ITEM_RESULTS } from './argo-depends.ts';
import {
  containersOf,
  hasLoop,
  parameterNames,
  readWorkflow,
  stepsOf,
  type ArgoDag,
  type ArgoTask,
  type ArgoTemplate,
  type ArgoWorkflow,
} from './argo-model.ts';
import { VariableReferences } from './argo-variables.ts';
import type { CheckProblem } from './types.ts';
import { arrayOrEmpty, at, isObject, objectOrEmpty, stringOrUndefined, type JsonObject } from './values.ts';

const NAME_PATTERN = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
const PARAMETER_NAME_PATTERN = /^[-a-zA-Z0-9_]+$/;
const ARGO_NAME_LIMIT = 128;
const OUR_NAME_LIMIT = 63;
const TEMPLATE_TYPES = ['container', 'containerSet', 'steps', 'script', 'resource', 'dag', 'suspend', 'data', 'http', 'plugin'];
const IMAGE_PULL_POLICIES = ['Always', 'Never', 'IfNotPresent'];
const RETRY_POLICIES = ['Always', 'OnFailure', 'OnError', 'OnTransientError'];

export function argoSemanticProblems(doc: unknown): CheckProblem[] {
  if (!isObject(doc)) return [{ path: '', message: 'an Argo Workflow must be a YAML mapping' }];
  const workflow = readWorkflow(doc);
  const walked = walkProblems(workflow);
  return [
    ...headerProblems(doc),
    ...templateProblems(workflow),
    ...entrypointProblems(workflow),
    ...workflow.dags.flatMap((dag) => dagProblems(dag, workflow)),
    ...workflow.templates.flatMap((template) => stepsProblems(template, workflow)),
    ...parameterListProblems(workflow),
    ...walked.references,
    ...walked.enums,
    ...namedListDuplicates(workflow.spec.volumes, () => '/spec/volumes', 'volume'),
    ...volumesOfTemplates(workflow),
    ...workflow.templates.flatMap(envProblems),
  ];
}

/** The schema checks the values; a missing key would otherwise go unreported by anything but the server. */
function headerProblems(doc: JsonObject): CheckProblem[] {
  const problems: CheckProblem[] = [];
  if (doc.apiVersion === undefined) problems.push({ path: '/apiVersion', message: 'apiVersion is required: "argoproj.io/v1alpha1"' });
  if (doc.kind === undefined) problems.push({ path: '/kind', message: 'kind is required: "Workflow"' });
  return problems;
}

/** `pathOf` and the other paths and labels passed as functions below are built only for a problem: the rules run per template, task, step and list item. */
function nameProblems(name: unknown, pathOf: () => string, what: string): CheckProblem[] {
  if (name === undefined || name === '') return [{ path: pathOf(), message: `${what} name is required` }];
  if (typeof name !== 'string') return []; // the schema reports the type
  if (NAME_PATTERN.test(name) && name.length <= OUR_NAME_LIMIT) return [];
  const path = pathOf();
  if (!NAME_PATTERN.test(name))
    return [
      {
        path,
        message: `${what} name "${name}" is invalid: use letters, digits and "-", starting with a letter or digit (Argo rejects it)`,
      },
    ];
  if (name.length > ARGO_NAME_LIMIT)
    return [{ path, message: `${what} name "${name}" is ${name.length} characters; Argo allows at most ${ARGO_NAME_LIMIT}` }];
  if (name.length > OUR_NAME_LIMIT)
    return [
      {
        path,
        message: `${what} name "${name}" is ${name.length} characters; keep it to ${OUR_NAME_LIMIT} because pod names and labels are derived from it`,
      },
    ];
  return [];
}

/** The second and later items of `items` with a name used before; `pathOf(i)` is item i's path. */
function duplicateProblems(items: ReadonlyArray<{ name: string | undefined }>, pathOf: (i: number) => string, what: string): CheckProblem[] {
  const seen = new Set<string>();
  const problems: CheckProblem[] = [];
  for (let i = 0; i < items.length; i++) {
    const { name } = items[i];
    if (name === undefined) continue;
    if (!seen.has(name)) seen.add(name);
    else problems.push({ path: at(pathOf(i), 'name'), message: `${what} name "${name}" is used more than once` });
  }
  return problems;
}

function templateProblems(workflow: ArgoWorkflow): CheckProblem[] {
  return [
    ...workflow.templates.flatMap((t) => nameProblems(t.value.name, () => at(t.path, 'name'), 'template')),
    ...duplicateProblems(workflow.templates, (i) => workflow.templates[i].path, 'template'),
    ...workflow.templates.flatMap(templateTypeProblems),
  ];
}

function templateTypeProblems(template: ArgoTemplate): CheckProblem[] {
  const types = TEMPLATE_TYPES.filter((type) => template.value[type] !== undefined && template.value[type] !== null);
  if (types.length === 1) return [];
  const choices = TEMPLATE_TYPES.join(', ');
  return [
    {
      path: template.path,
      message:
        types.length === 0
          ? `template has no type: give it exactly one of ${choices}`
          : `template has several types (${types.join(', ')}): give it exactly one`,
    },
  ];
}

function entrypointProblems(workflow: ArgoWorkflow): CheckProblem[] {
  const { spec } = workflow;
  // A Workflow that points at a WorkflowTemplate gets its entrypoint and templates from there.
  if (spec.workflowTemplateRef !== undefined) return [];
  const problems: CheckProblem[] = [];
  if (spec.entrypoint === undefined || spec.entrypoint === '')
    problems.push({ path: '/spec/entrypoint', message: 'spec.entrypoint is required (Argo lint rejects a Workflow without it)' });
  for (const key of ['entrypoint', 'onExit']) {
    const name = spec[key];
    if (typeof name !== 'string' || name === '') continue;
    const template = workflow.templatesByName.get(name);
    if (!template) problems.push({ path: at('/spec', key), message: `spec.${key} names template "${name}", which does not exist` });
    else problems.push(...unsuppliedInputs(template, parameterNames(spec.arguments), () => at('/spec', key), () => 'spec.arguments'));
  }
  return problems;
}

/** Argo substitutes a template's inputs from the caller's arguments and fails when one without a value is missing. */
function unsuppliedInputs(template: ArgoTemplate, supplied: Set<string>, pathOf: () => string, callerOf: () => string): CheckProblem[] {
  const problems: CheckProblem[] = [];
  for (const item of arrayOrEmpty(objectOrEmpty(template.value.inputs).parameters)) {
    const p = objectOrEmpty(item);
    if (typeof p.name === 'string' && p.value === undefined && p.default === undefined && p.valueFrom === undefined && !supplied.has(p.name))
      problems.push({
        path: pathOf(),
        message: `input parameter "${p.name}" of template "${template.name}" has no value or default and ${callerOf()} does not supply it`,
      });
  }
  return problems;
}

function templateReferenceProblems(
  holder: { value: JsonObject; path: string },
  workflow: ArgoWorkflow,
  whatOf: () => string,
): CheckProblem[] {
  const { value, path } = holder;
  const ways = (value.template !== undefined ? 1 : 0) + (value.templateRef !== undefined ? 1 : 0) + (value.inline !== undefined ? 1 : 0);
  if (ways !== 1) return [{ path, message: `${whatOf()} must have exactly one of template, templateRef or inline (has ${ways})` }];
  if (typeof value.template !== 'string') return [];
  const template = workflow.templatesByName.get(value.template);
  if (!template) return [{ path: at(path, 'template'), message: `${whatOf()} uses template "${value.template}", which does not exist` }];
  const supplied = parameterNames(value.arguments);
  return unsuppliedInputs(template, supplied, () => at(path, 'arguments'), () => `${whatOf()}'s arguments`);
}

function dagProblems(dag: ArgoDag, workflow: ArgoWorkflow): CheckProblem[] {
  const tasksPath = at(dag.template.path, 'dag', 'tasks');
  if (dag.tasks.length === 0) return [{ path: tasksPath, message: 'a DAG template must have at least one task' }];
  const usesDepends = dag.tasks.some((task) => task.depends !== undefined);
  const usesOrdering = usesDepends || dag.tasks.some((task) => task.dependencies.length > 0);
  return [
    // A missing task name is already a schema error (DAGTask requires it).
    ...dag.tasks.filter((task) => task.value.name !== undefined).flatMap((task) => nameProblems(task.value.name, () => at(task.path, 'name'), 'task')),
    ...dag.tasks.flatMap((task) => digitNameProblems(task, usesOrdering)),
    ...duplicateProblems(dag.tasks, (i) => dag.tasks[i].path, 'task'),
    ...dag.tasks.flatMap((task) => templateReferenceProblems(task, workflow, () => `task "${task.name}"`)),
    ...dag.tasks.flatMap((task) => orderingProblems(task, dag, usesDepends)),
    ...cycleProblems(dag),
  ];
}

/** Argo's depends/dependencies evaluator treats a leading digit as a number, so lint rejects such names. */
function digitNameProblems(task: ArgoTask, usesOrdering: boolean): CheckProblem[] {
  if (!usesOrdering || task.name === undefined || !/^[0-9]/.test(task.name)) return [];
  return [
    {
      path: at(task.path, 'name'),
      message: `task name "${task.name}" cannot begin with a digit in a DAG that uses depends or dependencies`,
    },
  ];
}

function orderingProblems(task: ArgoTask, dag: ArgoDag, dagUsesDepends: boolean): CheckProblem[] {
  const problems: CheckProblem[] = [];
  if (dagUsesDepends && task.value.dependencies !== undefined)
    problems.push({
      path: at(task.path, 'dependencies'),
      message: 'a DAG cannot mix "depends" and "dependencies" (Argo rejects it); use one of them for every task',
    });
  arrayOrEmpty(task.value.dependencies).forEach((name, i) => {
    if (typeof name === 'string' && !dag.tasksByName.has(name))
      problems.push({ path: at(task.path, 'dependencies', i), message: `dependency "${name}" is not a task of this DAG` });
  });
  if (task.depends?.ok === false)
    problems.push({ path: at(task.path, 'depends'), message: `cannot parse depends expression: ${task.depends.error}` });
  for (const reference of task.depends?.ok ? task.depends.references : []) {
    const upstream = dag.tasksByName.get(reference.task);
    if (!upstream)
      problems.push({ path: at(task.path, 'depends'), message: `depends names "${reference.task}", which is not a task of this DAG` });
    else if (reference.result && ITEM_RESULTS.has(reference.result) && !hasLoop(upstream.value))
      problems.push({
        path: at(task.path, 'depends'),
        message: `"${reference.task}.${reference.result}" needs "${reference.task}" to loop (withItems, withParam or withSequence)`,
      });
  }
  return problems;
}

function cycleProblems(dag: ArgoDag): CheckProblem[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (name: string): void => {
    const task = dag.tasksByName.get(name);
    if (!task || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      cycles.push([...stack.slice(stack.indexOf(name)), name]);
      return;
    }
    state.set(name, 'visiting');
    stack.push(name);
    task.upstream.forEach(visit);
    stack.pop();
    state.set(name, 'done');
  };
  dag.tasks.forEach((task) => task.name !== undefined && visit(task.name));
  const tasksPath = at(dag.template.path, 'dag', 'tasks');
  // Listed in execution order (a waits for b => b -> a) so the message reads like the DAG.
  return cycles.map((cycle) => ({ path: tasksPath, message: `dependency cycle: ${[...cycle].reverse().join(' -> ')}` }));
}

function stepsProblems(template: ArgoTemplate, workflow: ArgoWorkflow): CheckProblem[] {
  if (template.value.steps === undefined) return [];
  const steps = stepsOf(template);
  return [
    ...steps.flatMap((step) => nameProblems(step.value.name, () => at(step.path, 'name'), 'step')),
    ...duplicateProblems(steps, (i) => steps[i].path, 'step'),
    ...steps.flatMap((step) => templateReferenceProblems(step, workflow, () => `step "${step.name}"`)),
  ];
}

function parameterListProblems(workflow: ArgoWorkflow): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const check = (value: unknown, holder: () => string) => {
    const { parameters, artifacts } = objectOrEmpty(value);
    if (parameters !== undefined) problems.push(...namedListProblems(parameters, () => at(holder(), 'parameters'), 'parameter'));
    if (artifacts !== undefined) problems.push(...namedListProblems(artifacts, () => at(holder(), 'artifacts'), 'artifact'));
  };
  check(workflow.spec.arguments, () => '/spec/arguments');
  for (const template of workflow.templates) {
    check(template.value.inputs, () => at(template.path, 'inputs'));
    check(template.value.outputs, () => at(template.path, 'outputs'));
  }
  for (const dag of workflow.dags) for (const task of dag.tasks) check(task.value.arguments, () => at(task.path, 'arguments'));
  for (const template of workflow.templates) for (const step of stepsOf(template)) check(step.value.arguments, () => at(step.path, 'arguments'));
  return problems;
}

function namedListProblems(list: unknown, pathOf: () => string, what: string): CheckProblem[] {
  const items = namedItems(list);
  const problems: CheckProblem[] = [];
  for (let i = 0; i < items.length; i++) {
    const { name } = items[i];
    if (name !== undefined && !PARAMETER_NAME_PATTERN.test(name))
      problems.push({ path: at(pathOf(), i, 'name'), message: `${what} name "${name}" is invalid: use only letters, digits, "_" and "-"` });
  }
  problems.push(...duplicateProblems(items, (i) => at(pathOf(), i), what));
  return problems;
}

/** The `name` of each item of a list (of anything). */
function namedItems(list: unknown): Array<{ name: string | undefined }> {
  return arrayOrEmpty(list).map((item) => ({ name: stringOrUndefined(objectOrEmpty(item).name) }));
}

/**
 * One walk of the whole document for the rules that look at every object or string: the `{{…}}`
 * references (argo-variables.ts) and the enum-like strings Kubernetes rejects the pod for, long after
 * upload (Argo itself checks only retryPolicy). Paths are built only for what is reported.
 */
function walkProblems(workflow: ArgoWorkflow): { references: CheckProblem[]; enums: CheckProblem[] } {
  const references = new VariableReferences(workflow);
  const enums: CheckProblem[] = [];
  const segments: Array<string | number> = [];
  const pathOf = () => at('', ...segments);
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.includes('{{')) references.visit(value, segments, pathOf);
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        segments.push(i);
        walk(value[i]);
        segments.pop();
      }
      return;
    }
    if (!isObject(value)) return;
    const pullPolicy = value.imagePullPolicy;
    if (typeof pullPolicy === 'string' && !pullPolicy.includes('{{') && !IMAGE_PULL_POLICIES.includes(pullPolicy))
      enums.push({ path: at('', ...segments, 'imagePullPolicy'), message: `imagePullPolicy "${pullPolicy}" must be one of ${IMAGE_PULL_POLICIES.join(', ')}` });
    const retryPolicy = objectOrEmpty(value.retryStrategy).retryPolicy;
    if (typeof retryPolicy === 'string' && !RETRY_POLICIES.includes(retryPolicy))
      enums.push({
        path: at('', ...segments, 'retryStrategy', 'retryPolicy'),
        message: `retryPolicy "${retryPolicy}" must be one of ${RETRY_POLICIES.join(', ')}`,
      });
    for (const key of Object.keys(value)) {
      segments.push(key);
      walk(value[key]);
      segments.pop();
    }
  };
  walk(workflow.doc);
  return { references: references.problems(), enums };
}

/** The volumes every template can mount: spec.volumes and the volume claim templates. */
function workflowVolumeNames(workflow: ArgoWorkflow): Set<string> {
  return new Set([
    ...volumeNames(workflow.spec.volumes),
    ...arrayOrEmpty(workflow.spec.volumeClaimTemplates).flatMap((claim) => {
      const name = stringOrUndefined(objectOrEmpty(objectOrEmpty(claim).metadata).name);
      return name === undefined ? [] : [name];
    }),
  ]);
}

function volumeProblems(template: ArgoTemplate, workflowVolumes: Set<string>): CheckProblem[] {
  const templateVolumes = arrayOrEmpty(template.value.volumes);
  let own: Set<string> | undefined;
  const problems: CheckProblem[] = [];
  for (const container of containersOf(template)) {
    const mounts = arrayOrEmpty(container.value.volumeMounts);
    for (let i = 0; i < mounts.length; i++) {
      const name = stringOrUndefined(objectOrEmpty(mounts[i]).name);
      if (name === undefined || workflowVolumes.has(name) || (own ??= new Set(volumeNames(templateVolumes))).has(name)) continue;
      problems.push({
        path: at(container.pathOf(), 'volumeMounts', i, 'name'),
        message: `volumeMount "${name}" has no matching volume in the template's volumes or spec.volumes`,
      });
    }
  }
  problems.push(...namedListDuplicates(templateVolumes, () => at(template.path, 'volumes'), 'volume'));
  return problems;
}

function volumesOfTemplates(workflow: ArgoWorkflow): CheckProblem[] {
  const workflowVolumes = workflowVolumeNames(workflow);
  return workflow.templates.flatMap((template) => volumeProblems(template, workflowVolumes));
}

function volumeNames(list: unknown): string[] {
  return arrayOrEmpty(list).flatMap((v) => {
    const name = stringOrUndefined(objectOrEmpty(v).name);
    return name === undefined ? [] : [name];
  });
}

function namedListDuplicates(list: unknown, pathOf: () => string, what: string): CheckProblem[] {
  return duplicateProblems(namedItems(list), (i) => at(pathOf(), i), what);
}

function envProblems(template: ArgoTemplate): CheckProblem[] {
  return containersOf(template).flatMap((container) => namedListDuplicates(container.value.env, () => at(container.pathOf(), 'env'), 'env var'));
}
