import type { Diagnostic } from '../diagnostics';
import { nestingProblem } from '../model/nesting';
import type { Pipeline } from '../model/types';
import { error } from './report';
import { validateConfig } from './validate-config';
import { validateGraphs } from './validate-graph';
import { validateKfpNames } from './validate-kfp-names';
import { validateOverrides } from './validate-overrides';
import { validateParameters } from './validate-parameters';
import { validateWorkflowSettings } from './validate-pod-settings';
import { validateSettings } from './validate-settings';
import { validateStepNames } from './validate-step-names';
import { validateTemplating } from './validate-templating';
import { validateSteps } from './validate-steps';
import { validateVariables } from './validate-variables';
import { validateVolumes } from './validate-volumes';
import { withPipelineSteps } from './visits';

type Rule = (pipeline: Pipeline) => Diagnostic[];

/** In this order: structure first, so the first message a user reads is about the shape of the pipeline. */
const RULES: readonly Rule[] = [
  validateGraphs,
  validateStepNames,
  validateSteps,
  validateSettings,
  validateWorkflowSettings,
  validateOverrides,
  validateVolumes,
  validateVariables,
  validateConfig,
  validateParameters,
  validateKfpNames,
  validateTemplating,
];

/**
 * Everything wrong with a pipeline model, as diagnostics naming the step, graph and field they
 * are about (the importer's source map adds file positions). Pure and deterministic: the same
 * model always gives the same list in the same order. Never throws — the designer validates
 * half-edited models on every change.
 */
export function validatePipeline(pipeline: Pipeline): Diagnostic[] {
  // The rules walk the model recursively: past the nesting limit only that is reported.
  const tooDeep = runRule(function nesting(p) {
    const problem = nestingProblem(p);
    return problem ? [problem] : [];
  }, pipeline);
  if (tooDeep.length > 0) return tooDeep;
  return withPipelineSteps(pipeline, () => RULES.flatMap((rule) => runRule(rule, pipeline)));
}

function runRule(rule: Rule, pipeline: Pipeline): Diagnostic[] {
  try {
    return rule(pipeline);
  } catch (cause) {
    // A rule tripping over a shape it did not expect must not hide what the other rules found.
    return [error('E_VALIDATE_INTERNAL', `the check ${rule.name} failed (${String(cause)}); the other checks still ran`)];
  }
}
