/**
 * `{{…}}` references Argo resolves when it runs a template. Argo's lint resolves them against the scope
 * of each template and task; an unknown name fails the upload or, at run time, the step.
 */
import {
  dependsOn,
  hasLoop,
  parameterNames,
  type ArgoDag,
  type ArgoTask,
  type ArgoTemplate,
  type ArgoWorkflow,
} from './argo-model.ts';
import type { CheckProblem } from './types.ts';
import type { JsonObject } from './values.ts';

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

/**
 * The `{{…}}` references of every string of the Workflow that holds one, read from the one walk of
 * the document (argo-walk.ts): each string is looked at once, for the workflow parameters it
 * names and for the names of the template, task or step it belongs to. Problems come out as two
 * separate walks would give them: the workflow parameters in document order, then per template its
 * own strings, its DAG tasks', its steps'. Paths are built only for strings with a problem.
 */
export class VariableReferences {
  private readonly globals: Set<string>;
  private readonly globalProblems: CheckProblem[] = [];
  private readonly byText = new Map<string, TextReferences>();
  /** Per template index: the scope of its own strings and the problems of each part, made when first needed. */
  private readonly perTemplate = new Map<number, TemplateEntry>();

  constructor(private readonly workflow: ArgoWorkflow) {
    this.globals = parameterNames(workflow.spec.arguments);
  }

  /**
   * A string holding `{{` at `segments` from the document (numbers: list indices, strings: keys);
   * `pathOf` gives its path. Whether the string is quiet: it names no missing workflow parameter and
   * nothing whose verdict depends on where it is, so it has no problem at any place.
   */
  visit(text: string, segments: ReadonlyArray<string | number>, pathOf: () => string): boolean {
    const { missingGlobals, scoped } = this.referencesIn(text);
    if (missingGlobals.length === 0 && scoped.length === 0) return true;
    let path: string | undefined;
    const stringPath = () => (path ??= pathOf());
    for (const name of missingGlobals)
      this.globalProblems.push({
        path: stringPath(),
        message: `{{workflow.parameters.${name}}} refers to workflow parameter "${name}", which spec.arguments.parameters does not define`,
      });
    if (scoped.length === 0) return false;
    const place = this.scopeOf(segments);
    if (place !== undefined) for (const expression of scoped) place.into.push(...referenceProblems(expression, place.scope, stringPath(), this.workflow));
    return false;
  }

  /** What a text names, read once per distinct text: a workflow's strings repeat from step to step. */
  private referencesIn(text: string): TextReferences {
    let references = this.byText.get(text);
    if (references === undefined) {
      references = { missingGlobals: [], scoped: [] };
      for (const expression of variablesIn(text)) {
        // {{workflow.parameters.json}} is Argo's built-in: all parameters as one JSON string.
        if (expression.startsWith(WORKFLOW_PARAMETERS)) {
          const name = expression.slice(WORKFLOW_PARAMETERS.length);
          if (!this.globals.has(name) && name !== 'json') references.missingGlobals.push(name);
        }
        if (dependsOnScope(expression)) references.scoped.push(expression);
      }
      this.byText.set(text, references);
    }
    return references;
  }

  problems(): CheckProblem[] {
    const problems = [...this.globalProblems];
    for (const index of [...this.perTemplate.keys()].sort((a, b) => a - b)) {
      const { ownProblems, taskProblems, stepProblems } = this.perTemplate.get(index)!;
      problems.push(...ownProblems, ...taskProblems, ...stepProblems);
    }
    return problems;
  }

  /**
   * The scope of a string at `segments`, and where its problems go; none outside the templates. A
   * number is an index of a list and a string a key of a mapping, so the segments tell the shapes:
   * a template's own strings are those of a mapping in spec.templates outside its steps and its DAG's
   * tasks; a task's, those of a mapping in the list dag.tasks of a mapping dag; a step's, those of a
   * mapping in a list in the list steps. Strings in any other shape of those belong to no template.
   */
  private scopeOf(segments: ReadonlyArray<string | number>): { scope: Scope; into: CheckProblem[] } | undefined {
    if (segments.length < 4 || segments[0] !== 'spec' || segments[1] !== 'templates' || typeof segments[2] !== 'number' || typeof segments[3] !== 'string')
      return undefined;
    const index = segments[2];
    const part = segments[3];
    const entry = this.templateEntry(index);
    if (part === 'steps') {
      if (segments.length < 7 || typeof segments[4] !== 'number' || typeof segments[5] !== 'number' || typeof segments[6] !== 'string') return undefined;
      const { own } = entry;
      const step = ((own.template.value.steps as unknown[])[segments[4]] as unknown[])[segments[5]] as JsonObject;
      return { scope: { template: own.template, inputs: own.inputs, dag: own.dag, task: undefined, loop: hasLoop(step) }, into: entry.stepProblems };
    }
    if (part === 'dag') {
      if (segments.length < 5 || typeof segments[4] !== 'string') return undefined;
      if (segments[4] !== 'tasks') return { scope: entry.own, into: entry.ownProblems };
      if (segments.length < 7 || typeof segments[5] !== 'number' || typeof segments[6] !== 'string') return undefined;
      const { own } = entry;
      const task = own.dag!.tasks[segments[5]];
      return { scope: { template: own.template, inputs: own.inputs, dag: own.dag, task, loop: hasLoop(task.value) }, into: entry.taskProblems };
    }
    return { scope: entry.own, into: entry.ownProblems };
  }

  private templateEntry(index: number): TemplateEntry {
    let entry = this.perTemplate.get(index);
    if (entry === undefined) {
      const template = this.workflow.templates[index];
      const own: Scope = { template, inputs: parameterNames(template.value.inputs), dag: template.dag, task: undefined, loop: false };
      entry = { own, ownProblems: [], taskProblems: [], stepProblems: [] };
      this.perTemplate.set(index, entry);
    }
    return entry;
  }
}

interface TextReferences {
  /** The workflow parameters it names that spec.arguments does not define, as often as named. */
  missingGlobals: string[];
  /** Its expressions whose verdict depends on the template, task or step the string belongs to. */
  scoped: string[];
}

interface TemplateEntry {
  /** The scope of the template's own strings (those outside its DAG's tasks and its steps). */
  own: Scope;
  ownProblems: CheckProblem[];
  taskProblems: CheckProblem[];
  stepProblems: CheckProblem[];
}

const WORKFLOW_PARAMETERS = 'workflow.parameters.';

function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((match) => match[1]).filter((expression) => !expression.startsWith('='));
}

/** Whether referenceProblems can find a problem with `expression` (in some scope). */
function dependsOnScope(expression: string): boolean {
  const [head, second, name] = expression.split('.');
  return (head === 'inputs' && second === 'parameters' && name !== undefined) || (head === 'tasks' && second !== undefined) || head === 'item';
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
