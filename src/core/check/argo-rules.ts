/**
 * Rules Argo's own lint (workflow/validate/validate.go, run by the KFP API server on upload) or the
 * Kubernetes API applies, but the JSON schema cannot express: names, references between templates,
 * tasks and parameters, DAG shape, enum-like strings, volumes and env vars.
 */
import { dagProblems, inputMessage, templateReferenceProblems, unsuppliedInputs } from './argo-dag-rules.ts';
import { readWorkflow, stepsOf, type ArgoTemplate, type ArgoWorkflow } from './argo-model.ts';
import { duplicateProblems, listDuplicates, namedListProblems, nameProblems, type Placed } from './argo-names.ts';
import { TemplatePass } from './argo-template-rules.ts';
import { walkProblems } from './argo-walk.ts';
import type { CheckProblem } from './types.ts';
import { at, isObject, objectOrEmpty, type JsonObject } from './values.ts';

const SPEC: Placed = { path: '/spec' };
const VOLUMES = ['volumes'];
const ARGUMENTS_PARAMETERS = ['arguments', 'parameters'];
const ARGUMENTS_ARTIFACTS = ['arguments', 'artifacts'];

/** The problems in the order of the rules below, each rule's for the whole document before the next's. */
export function argoSemanticProblems(doc: unknown): CheckProblem[] {
  if (!isObject(doc)) return [{ path: '', message: 'an Argo Workflow must be a YAML mapping' }];
  const workflow = readWorkflow(doc);
  const walked = walkProblems(workflow);
  const templates = new TemplatePass(workflow);
  const problems = headerProblems(doc);
  problems.push(...templates.names, ...templates.types);
  entrypointProblems(problems, workflow);
  for (const dag of workflow.dags) dagProblems(problems, dag, workflow);
  for (const template of workflow.templates) stepsProblems(problems, template, workflow);
  parameterListProblems(problems, workflow);
  problems.push(...walked.references, ...walked.enums);
  listDuplicates(problems, workflow.spec.volumes, SPEC, VOLUMES, 'volume');
  problems.push(...templates.volumes, ...templates.env);
  return problems;
}

/** The schema checks the values; a missing key would otherwise go unreported by anything but the server. */
function headerProblems(doc: JsonObject): CheckProblem[] {
  const problems: CheckProblem[] = [];
  if (doc.apiVersion === undefined) problems.push({ path: '/apiVersion', message: 'apiVersion is required: "argoproj.io/v1alpha1"' });
  if (doc.kind === undefined) problems.push({ path: '/kind', message: 'kind is required: "Workflow"' });
  return problems;
}

function entrypointProblems(out: CheckProblem[], workflow: ArgoWorkflow): void {
  const { spec } = workflow;
  // A Workflow that points at a WorkflowTemplate gets its entrypoint and templates from there.
  if (spec.workflowTemplateRef !== undefined) return;
  if (spec.entrypoint === undefined || spec.entrypoint === '')
    out.push({ path: '/spec/entrypoint', message: 'spec.entrypoint is required (Argo lint rejects a Workflow without it)' });
  for (const key of ['entrypoint', 'onExit']) {
    const name = spec[key];
    if (typeof name !== 'string' || name === '') continue;
    const template = workflow.templatesByName.get(name);
    if (!template) out.push({ path: at('/spec', key), message: `spec.${key} names template "${name}", which does not exist` });
    else
      for (const input of unsuppliedInputs(template, spec.arguments))
        out.push({ path: at('/spec', key), message: inputMessage(input, template, 'spec.arguments') });
  }
}

function stepsProblems(out: CheckProblem[], template: ArgoTemplate, workflow: ArgoWorkflow): void {
  if (template.value.steps === undefined) return;
  const steps = stepsOf(template);
  for (const step of steps) nameProblems(out, step.value.name, step, 'step');
  duplicateProblems(out, steps, 'step');
  for (const step of steps) templateReferenceProblems(out, step, 'step', workflow);
}

const INPUTS_PARAMETERS = ['inputs', 'parameters'];
const INPUTS_ARTIFACTS = ['inputs', 'artifacts'];
const OUTPUTS_PARAMETERS = ['outputs', 'parameters'];
const OUTPUTS_ARTIFACTS = ['outputs', 'artifacts'];

function parameterListProblems(out: CheckProblem[], workflow: ArgoWorkflow): void {
  parameterLists(out, workflow.spec.arguments, SPEC, ARGUMENTS_PARAMETERS, ARGUMENTS_ARTIFACTS);
  for (const template of workflow.templates) {
    parameterLists(out, template.value.inputs, template, INPUTS_PARAMETERS, INPUTS_ARTIFACTS);
    parameterLists(out, template.value.outputs, template, OUTPUTS_PARAMETERS, OUTPUTS_ARTIFACTS);
  }
  for (const dag of workflow.dags)
    for (const task of dag.tasks) parameterLists(out, task.value.arguments, task, ARGUMENTS_PARAMETERS, ARGUMENTS_ARTIFACTS);
  for (const template of workflow.templates)
    if (template.value.steps !== undefined)
      for (const step of stepsOf(template)) parameterLists(out, step.value.arguments, step, ARGUMENTS_PARAMETERS, ARGUMENTS_ARTIFACTS);
}

/** The `parameters` and `artifacts` lists of inputs, outputs or arguments (`value`, at the first key of `parameters` in `holder`). */
function parameterLists(out: CheckProblem[], value: unknown, holder: Placed, parameters: readonly string[], artifacts: readonly string[]): void {
  if (value === undefined) return;
  const lists = objectOrEmpty(value);
  if (lists.parameters !== undefined) namedListProblems(out, lists.parameters, holder, parameters, 'parameter');
  if (lists.artifacts !== undefined) namedListProblems(out, lists.artifacts, holder, artifacts, 'artifact');
}
