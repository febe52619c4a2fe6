import { stepVisits, type StepVisit } from '../model/paths';
import type { Pipeline } from '../model/types';

/**
 * The pipeline's steps, walked once per validation: a dozen rules each walked all of them, ~1.6 MB
 * of visits per keystroke at 1,000 steps. Scoped to one validatePipeline call, so nothing outlives it.
 */
let walked: { pipeline: Pipeline; visits: readonly StepVisit[] } | undefined;

export function pipelineSteps(pipeline: Pipeline): readonly StepVisit[] {
  return walked?.pipeline === pipeline ? walked.visits : stepVisits(pipeline.dag);
}

/** A model too malformed to walk is left to each rule, which reports its own failure (validate.ts runRule). */
export function withPipelineSteps<T>(pipeline: Pipeline, run: () => T): T {
  let visits: readonly StepVisit[];
  try {
    visits = stepVisits(pipeline.dag);
  } catch {
    return run();
  }
  const outer = walked;
  walked = { pipeline, visits };
  try {
    return run();
  } finally {
    walked = outer;
  }
}
