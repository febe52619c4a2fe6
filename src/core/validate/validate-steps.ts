import type { Diagnostic } from '../diagnostics';
import { COMMAND_TYPES } from '../model/defaults';
import { MAP_BRANCH, type StepVisit } from '../model/paths';
import { pipelineSteps } from './visits';
import type { DagStep, MapStep, ParallelStep, Pipeline, TaskStep } from '../model/types';
import { ITERATE_ON_OUTPUT } from '../emit/kfp-v2-container';
import { RESERVED_PARAMETER } from './validate-parameters';
import { error, info, quote, stepTarget, warning } from './report';

/** The fields each step type needs (§4, §12.4), and heuristics for commands magnus checks only at run time. */
export function validateSteps(pipeline: Pipeline): Diagnostic[] {
  const initialParameters = new Set(pipeline.parameters.map((p) => p.name));
  const diagnostics: Diagnostic[] = [];
  const mapVariables = new Map<string, string>();
  for (const visit of pipelineSteps(pipeline)) if (visit.step.type === 'map' && visit.step.iterate_as) mapVariables.set(visit.path, visit.step.iterate_as);
  for (const visit of pipelineSteps(pipeline)) {
    const { step } = visit;
    switch (step.type) {
      case 'task':
        diagnostics.push(...checkTask(step, visit), ...checkAttempts(step.max_attempts, visit));
        break;
      case 'stub':
        diagnostics.push(...checkAttempts(step.max_attempts, visit));
        break;
      case 'parallel':
        diagnostics.push(...checkParallel(step, visit));
        break;
      case 'map':
        diagnostics.push(...checkMap(step, visit, initialParameters), ...checkShadowing(step, visit, mapVariables));
        break;
      case 'dag':
        diagnostics.push(...checkDag(step, visit));
        break;
    }
  }
  return diagnostics;
}

const COMMAND_TYPE_LIST = 'python, python-lambda, shell, notebook (python-function up to magnus 0.4.19, container from 0.4.20)';

function checkTask(step: TaskStep, visit: StepVisit): Diagnostic[] {
  const type = step.command_type ?? 'python';
  const problems: Diagnostic[] = [];
  if (!(COMMAND_TYPES as readonly string[]).includes(type)) {
    problems.push(
      error('E_COMMAND_TYPE_UNKNOWN', `command_type ${quote(type)} is not a magnus task type${commandTypeSuggestion(type)}; use one of ${COMMAND_TYPE_LIST}`, stepTarget(visit, 'command_type')),
    );
  }
  const command = step.command?.trim() ?? '';
  if (command === '') {
    problems.push(
      error('E_COMMAND_MISSING', `task ${quote(step.name)} has no command; write what it runs (a dotted module.function for python, a command line for shell)`, stepTarget(visit, 'command')),
    );
    return problems;
  }
  const heuristic = commandHeuristic(type, command);
  if (heuristic) problems.push(warning(heuristic.code, heuristic.message, stepTarget(visit, 'command')));
  return problems;
}

function commandTypeSuggestion(type: string): string {
  const loose = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const close = COMMAND_TYPES.find((t) => loose(t) === loose(type));
  return close ? ` (did you mean ${quote(close)}?)` : '';
}

/** What magnus would only find out inside the container (§4.1). */
function commandHeuristic(type: string, command: string): { code: `W_${string}`; message: string } | undefined {
  if (type === 'python' && !command.includes('.')) {
    return {
      code: 'W_PYTHON_COMMAND_NO_DOT',
      message: `python command ${quote(command)} has no dot; magnus imports it as module.function (e.g. my_module.${command}), or use command_type: shell for a command line`,
    };
  }
  if (type === 'python-lambda' && command.includes('_')) {
    return {
      code: 'W_LAMBDA_UNDERSCORE',
      message: `magnus refuses python-lambda commands that contain \`_\` when it runs them; rewrite ${quote(command)} without \`_\` or make it a python function`,
    };
  }
  if (type === 'notebook' && !command.endsWith('.ipynb')) {
    return { code: 'W_NOTEBOOK_EXTENSION', message: `notebook command ${quote(command)} does not end in .ipynb; it should be the path of the notebook in the image` };
  }
  return undefined;
}

function checkAttempts(attempts: number | undefined, visit: StepVisit): Diagnostic[] {
  if (attempts === undefined || (Number.isInteger(attempts) && attempts >= 1)) return [];
  return [
    error('E_MAX_ATTEMPTS', `max_attempts (retry in magnus 0.4) counts attempts in all: a whole number of at least 1 (1 = run once), not ${attempts}`, stepTarget(visit, 'max_attempts')),
  ];
}

function checkParallel(step: ParallelStep, visit: StepVisit): Diagnostic[] {
  if (step.branches.length > 0) return [];
  return [error('E_PARALLEL_NO_BRANCHES', `parallel step ${quote(step.name)} has no branches; add at least one (each a graph with start_at and steps)`, stepTarget(visit, 'branches'))];
}

/** An identifier for the Python argument and an Argo input parameter name at once. */
const ITERATE_AS = /^[A-Za-z][A-Za-z0-9_]*$/;

function checkMap(step: MapStep, visit: StepVisit, initialParameters: Set<string>): Diagnostic[] {
  const problems: Diagnostic[] = [];
  if (!step.iterate_on) {
    problems.push(error('E_MAP_ITERATE_ON_MISSING', `map ${quote(step.name)} has no iterate_on; name the parameter holding the list to iterate over`, stepTarget(visit, 'iterate_on')));
  } else if (!initialParameters.has(step.iterate_on)) {
    problems.push(
      info(
        'I_MAP_ITERATE_ON_RUNTIME',
        `iterate_on ${quote(step.iterate_on)} is not an initial parameter, so it must be set (to a list) by an earlier step at run time`,
        stepTarget(visit, 'iterate_on'),
      ),
    );
  }
  if (!step.iterate_as) {
    problems.push(error('E_MAP_ITERATE_AS_MISSING', `map ${quote(step.name)} has no iterate_as; name the argument each item is passed as (e.g. item)`, stepTarget(visit, 'iterate_as')));
  } else if (!ITERATE_AS.test(step.iterate_as)) {
    problems.push(
      error(
        'E_MAP_ITERATE_AS_NAME',
        `iterate_as ${quote(step.iterate_as)} must be an identifier: it is a Python argument and an Argo parameter name, so use a letter then letters, digits or \`_\` (e.g. ${quote(step.iterate_as.replace(/^[^A-Za-z]+/, '').replace(/[^A-Za-z0-9_]/g, '_') || 'item')})`,
        stepTarget(visit, 'iterate_as'),
      ),
    );
  } else if (Object.hasOwn(RESERVED_VARIABLES, step.iterate_as)) {
    problems.push(
      error(
        'E_MAP_ITERATE_AS_RESERVED',
        `iterate_as ${quote(step.iterate_as)} is taken: ${RESERVED_VARIABLES[step.iterate_as]}; name the variable otherwise (e.g. ${quote(`${step.iterate_as}_item`)})`,
        stepTarget(visit, 'iterate_as'),
      ),
    );
  }
  return problems;
}

/**
 * Names the emitters give inputs of their own: a map variable is an input of every container and
 * DAG inside the map (Argo `inputs.parameters`, KFP v2 component inputs), where it would collide.
 */
const RESERVED_VARIABLES: Record<string, string> = {
  [RESERVED_PARAMETER]:
    "every container of the emitted pipelines receives magnus's run id under that name (the KFP v2 input `run_id`, the Argo parameter `run_id`), so each item would replace the run id and the steps would write to another run's log",
  [ITERATE_ON_OUTPUT]: "the fan-out of a map inside this one returns its list under that name (KFP v2 output `iterate_on`), which would then also be one of its inputs",
};

/**
 * A map inside another map with the same iterate_as: both items would travel under one name (the
 * `--map-variable` JSON, the Argo and KFP inputs), so the inner one could not be resolved.
 */
function checkShadowing(step: MapStep, visit: StepVisit, mapVariables: Map<string, string>): Diagnostic[] {
  const inside = (path: string) => visit.graphPath === `${path}.${MAP_BRANCH}` || visit.graphPath.startsWith(`${path}.${MAP_BRANCH}.`);
  const outer = [...mapVariables].find(([path, name]) => name === step.iterate_as && inside(path));
  if (!outer) return [];
  return [
    error(
      'E_MAP_ITERATE_AS_SHADOWED',
      `iterate_as ${quote(step.iterate_as ?? '')} is already the variable of the enclosing map ${quote(outer[0])}; give this map another name, or the inner items cannot be told apart`,
      stepTarget(visit, 'iterate_as'),
    ),
  ];
}

function checkDag(step: DagStep, visit: StepVisit): Diagnostic[] {
  const definition = step.dag_definition?.trim() ?? '';
  // A definition whose file was not supplied is reported by the importer (W_NESTED_DAG_MISSING).
  if (definition === '') {
    return [error('E_DAG_DEFINITION_MISSING', `dag step ${quote(step.name)} has no dag_definition; give the path of the pipeline file it runs`, stepTarget(visit, 'dag_definition'))];
  }
  if (definition.endsWith('.yaml')) return [];
  return [
    warning('W_DAG_DEFINITION_EXTENSION', `dag_definition ${quote(definition)} does not end in .yaml, which magnus 0.5 requires (.yml is refused too)`, stepTarget(visit, 'dag_definition')),
  ];
}
