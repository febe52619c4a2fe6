import type { Json } from '../core/model/types';
import { DeployError } from './errors';

/** An object the server made, by its id and name. */
export interface Ref {
  id: string;
  name: string;
}

/** What to deploy, decided before the first request that changes anything. */
export interface Plan {
  pipelineName: string;
  description?: string;
  namespace?: string;
  versionName: string;
  /** The name is the content's digest: an existing version of that name holds this very file. */
  versionNameDerived: boolean;
  text: string;
  run?: { name: string; experiment: string; parameters: Map<string, Json> };
}

export type Stage = 'server' | 'pipeline' | 'version' | 'experiment' | 'run';

export interface FlowOutcome {
  pipeline: Ref & { created: boolean };
  version: Ref & { created: boolean };
  experiment?: Ref & { created: boolean };
  run?: Ref;
}

/**
 * The calls one API generation makes. The two differ where it matters: v2beta1 creates an empty
 * pipeline and uploads every version under a chosen name; v1beta1 can only create a pipeline by
 * uploading it, which names the first version after the pipeline, so "same content" there also
 * compares that first version's file.
 */
export interface Flavour {
  findPipeline(): Promise<Ref | undefined>;
  createPipeline(): Promise<{ pipeline: Ref; firstVersion?: Ref }>;
  /** Best effort, after a failed first upload into a pipeline made for it. */
  deletePipeline?(pipelineId: string): Promise<void>;
  findVersion(pipelineId: string, name: string): Promise<Ref | undefined>;
  /** The pipeline's first version when it holds exactly this file (v1beta1 only). */
  firstVersionWithSameContent?(pipelineId: string): Promise<Ref | undefined>;
  uploadVersion(pipelineId: string): Promise<Ref>;
  findExperiment(name: string): Promise<Ref | undefined>;
  createExperiment(name: string): Promise<Ref>;
  createRun(experimentId: string, pipelineId: string, versionId: string): Promise<Ref>;
}

const isConflict = (error: unknown) => error instanceof DeployError && error.kind === 'conflict';

/** Get or create; a create that loses a race (409) finds what the other side made. */
async function findOrCreate<T extends Ref, C>(find: () => Promise<T | undefined>, create: () => Promise<C>, created: (c: C) => T): Promise<{ value: T; made?: C }> {
  const found = await find();
  if (found) return { value: found };
  try {
    const made = await create();
    return { value: created(made), made };
  } catch (error) {
    if (isConflict(error)) {
      const again = await find();
      if (again) return { value: again };
    }
    throw error;
  }
}

const quote = (ref: Ref) => `"${ref.name}" (${ref.id})`;

export async function runFlow(flavour: Flavour, plan: Plan, progress: (stage: Stage, message: string) => void): Promise<FlowOutcome> {
  const pipelineStep = await findOrCreate(() => flavour.findPipeline(), () => flavour.createPipeline(), (made) => made.pipeline);
  const pipeline = { ...pipelineStep.value, created: pipelineStep.made !== undefined };
  progress('pipeline', `${pipeline.created ? 'Created' : 'Found'} pipeline ${quote(pipeline)}`);

  const version = await versionOf(flavour, plan, pipeline, pipelineStep.made?.firstVersion, progress);
  const outcome: FlowOutcome = { pipeline, version };
  if (!plan.run) return outcome;

  const experimentStep = await findOrCreate(() => flavour.findExperiment(plan.run!.experiment), () => flavour.createExperiment(plan.run!.experiment), (made) => made);
  outcome.experiment = { ...experimentStep.value, created: experimentStep.made !== undefined };
  progress('experiment', `${outcome.experiment.created ? 'Created' : 'Found'} experiment ${quote(outcome.experiment)}`);

  outcome.run = await flavour.createRun(outcome.experiment.id, pipeline.id, version.id);
  progress('run', `Started run ${quote(outcome.run)}`);
  return outcome;
}

async function versionOf(
  flavour: Flavour,
  plan: Plan,
  pipeline: Ref & { created: boolean },
  firstVersion: Ref | undefined,
  progress: (stage: Stage, message: string) => void,
): Promise<Ref & { created: boolean }> {
  if (firstVersion) {
    progress('version', `Uploaded the pipeline file as its first version ${quote(firstVersion)}`);
    return { ...firstVersion, created: true };
  }
  const unchanged = (ref: Ref) => {
    progress('version', `Version ${quote(ref)} already holds this pipeline file: nothing uploaded`);
    return { ...ref, created: false };
  };
  const existing = await flavour.findVersion(pipeline.id, plan.versionName);
  if (existing) {
    if (plan.versionNameDerived) return unchanged(existing);
    throw new DeployError(
      'conflict',
      `pipeline ${quote(pipeline)} already has a version named "${plan.versionName}": choose another version name, or none for one derived from the content`,
    );
  }
  const first = plan.versionNameDerived ? await flavour.firstVersionWithSameContent?.(pipeline.id) : undefined;
  if (first) return unchanged(first);
  try {
    const uploaded = await flavour.uploadVersion(pipeline.id);
    progress('version', `Uploaded version ${quote(uploaded)}`);
    return { ...uploaded, created: true };
  } catch (error) {
    if (isConflict(error) && plan.versionNameDerived) {
      const raced = await flavour.findVersion(pipeline.id, plan.versionName);
      if (raced) return unchanged(raced);
    }
    // An empty pipeline made only for this upload would be found next time with nothing in it.
    if (pipeline.created && flavour.deletePipeline) await flavour.deletePipeline(pipeline.id).catch(() => undefined);
    throw error;
  }
}
