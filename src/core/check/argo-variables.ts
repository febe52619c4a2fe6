/**
 * `{{…}}` references Argo resolves when it runs a template. Argo's lint resolves them against the scope
 * of each template and task; an unknown name fails the upload or, at run time, the step.
 */
import {
  dependsOn,
  hasLoop,
  parameterNames,
  stepsOf,
  type ArgoDag,
  type ArgoTask,
  type ArgoTemplate,
  type ArgoWorkflow,
} from './argo-model.ts';
import type { CheckProblem } from './types.ts';
import { forEachString, objectOrEmpty, type JsonObject } from './values.ts';

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

interface Scope {
  template: ArgoTemplate;
  inputs: Set<string>;
  dag: ArgoDag | undefined;
  /** The DAG task the string belongs to, if any: only its ancestors' outputs are resolvable there. */
  task: ArgoTask | undefined;
  /** Whether `{{item}}` is defined, i.e. the string belongs to a task or step with withItems/withParam. */
  loop: boolean;
}

export function variableReferenceProblems(workflow: ArgoWorkflow): CheckProblem[] {
  const globals = parameterNames(workflow.spec.arguments);
  const problems: CheckProblem[] = [];
  forEachString(
    workflow.doc,
    '',
    (text, path) => {
      for (const name of referencedNames(text, 'workflow.parameters.'))
        // {{workflow.parameters.json}} is Argo's built-in: all parameters as one JSON string.
        if (!globals.has(name) && name !== 'json')
          problems.push({
            path,
            message: `{{workflow.parameters.${name}}} refers to workflow parameter "${name}", which spec.arguments.parameters does not define`,
          });
    },
    '{{',
  );
  const dagOf = new Map(workflow.dags.map((dag) => [dag.template, dag]));
  for (const template of workflow.templates) problems.push(...templateScopeProblems(template, dagOf.get(template), workflow));
  return problems;
}

function referencedNames(text: string, prefix: string): string[] {
  return variablesIn(text)
    .filter((expression) => expression.startsWith(prefix))
    .map((expression) => expression.slice(prefix.length));
}

function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((match) => match[1]).filter((expression) => !expression.startsWith('='));
}

function templateScopeProblems(template: ArgoTemplate, dag: ArgoDag | undefined, workflow: ArgoWorkflow): CheckProblem[] {
  const base = { template, inputs: parameterNames(template.value.inputs), dag };
  const problems: CheckProblem[] = [];
  const check = (value: unknown, path: string, scope: Scope) =>
    forEachString(
      value,
      path,
      (text, stringPath) => {
        for (const expression of variablesIn(text)) problems.push(...referenceProblems(expression, scope, stringPath, workflow));
      },
      '{{',
    );

  check(withoutTasksAndSteps(template.value), template.path, { ...base, task: undefined, loop: false });
  for (const task of dag?.tasks ?? []) check(task.value, task.path, { ...base, task, loop: hasLoop(task.value) });
  for (const step of stepsOf(template)) check(step.value, step.path, { ...base, task: undefined, loop: hasLoop(step.value) });
  return problems;
}

/** Task and step strings are checked with their own scope; the paths of the rest stay valid. */
function withoutTasksAndSteps(template: JsonObject): JsonObject {
  const { steps: _steps, ...rest } = template;
  if (rest.dag !== undefined) rest.dag = { ...objectOrEmpty(rest.dag), tasks: undefined };
  return rest;
}

function referenceProblems(expression: string, scope: Scope, path: string, workflow: ArgoWorkflow): CheckProblem[] {
  const text = `{{${expression}}}`;
  const [head, second, name, ...rest] = expression.split('.');
  if (head === 'inputs' && second === 'parameters' && name !== undefined) {
    const inputName = [name, ...rest].join('.');
    return scope.inputs.has(inputName)
      ? []
      : [{ path, message: `${text} refers to input parameter "${inputName}", which template "${scope.template.name}" does not declare in inputs.parameters` }];
  }
  if (head === 'tasks' && second !== undefined) return taskReferenceProblems(text, second, [name, ...rest], scope, path, workflow);
  if (head === 'item' && !scope.loop)
    return [{ path, message: `${text} is only defined inside a task or step that has withItems or withParam` }];
  return [];
}

function taskReferenceProblems(
  text: string,
  taskName: string,
  [kind, group, outputName]: Array<string | undefined>,
  scope: Scope,
  path: string,
  workflow: ArgoWorkflow,
): CheckProblem[] {
  if (!scope.dag) return [{ path, message: `${text} can only be used inside a DAG template` }];
  const producer = scope.dag.tasksByName.get(taskName);
  if (!producer) return [{ path, message: `${text} refers to task "${taskName}", which is not a task of this DAG` }];
  if (scope.task && !dependsOn(scope.dag, scope.task, taskName))
    return [
      {
        path,
        message: `${text}: task "${scope.task.name}" does not depend on "${taskName}" (directly or indirectly), so its outputs are not available yet`,
      },
    ];
  if (kind !== 'outputs' || group !== 'parameters' || outputName === undefined) return [];
  const producerTemplate = typeof producer.value.template === 'string' ? workflow.templatesByName.get(producer.value.template) : undefined;
  if (!producerTemplate || parameterNames(producerTemplate.value.outputs).has(outputName)) return [];
  return [
    {
      path,
      message: `${text} refers to output parameter "${outputName}", which template "${producerTemplate.name}" does not declare in outputs.parameters`,
    },
  ];
}
