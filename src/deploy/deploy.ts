/**
 * Deploy a pipeline to Kubeflow Pipelines: find or create the pipeline, upload the file as a new
 * version unless a version already holds it, and optionally start a run in an experiment. Pure
 * TypeScript over an injected `fetch`: the CLI and the designer's dialog run this same code.
 */
import { contentVersionName } from './content-name';
import { DeployError } from './errors';
import type { KfpApiVersion } from './filter';
import { v1Flavour } from './flavour-v1';
import { v2Flavour } from './flavour-v2';
import { runFlow, type Plan, type Stage } from './flow';
import { KfpHttp, type Transport } from './http';
import { kfpLinks } from './links';
import { declaredParameters, runParameters, type DeclaredParameter, type PipelineFormat } from './parameters';
import { describeServer, detectServer, type ServerInfo } from './server';

export interface EmittedPipeline {
  text: string;
  /** The declared run parameters when the caller knows them; read from `text` otherwise. */
  parameters?: DeclaredParameter[];
}

export interface DeployRequest {
  transport: Transport;
  /** As asked (--target); otherwise what the server runs: KFP v2 on 2.x, KFP v1 on 1.x. */
  format?: PipelineFormat;
  /** The pipeline file in a format, once the server has said which; may throw (errors in the input). */
  emit: (format: PipelineFormat) => EmittedPipeline | Promise<EmittedPipeline>;
  pipelineName: string;
  /** Default: derived from the content (same content, same name: nothing uploaded twice). */
  versionName?: string;
  description?: string;
  /** The user's profile namespace (multi-user Kubeflow); empty for single-user. */
  namespace?: string;
  run?: {
    name?: string;
    /** Default "Default", as the KFP SDK. */
    experiment?: string;
    /** Values as text, by parameter name; typed here as the pipeline declares each. */
    parameters: ReadonlyMap<string, string>;
    /** How messages name a parameter (the CLI: `--param x`). */
    parameterLabel?: (name: string) => string;
  };
  /** The Kubeflow UI's root for links; default the API base. */
  uiUrl?: string;
  now?: () => Date;
  onProgress?: (event: DeployProgress) => void;
}

export interface DeployProgress {
  stage: Stage;
  message: string;
}

interface Linked {
  id: string;
  name: string;
  url: string;
}

export interface DeployResult {
  server: ServerInfo;
  format: PipelineFormat;
  api: KfpApiVersion;
  pipeline: Linked & { created: boolean };
  version: Linked & { created: boolean };
  experiment?: Linked & { created: boolean };
  run?: Linked;
}

/** Field limits of the API server (kfp-api README §3.2; 1.8 allowed 100 for a pipeline name). */
const LIMITS = { pipeline: 128, pipelineV1: 100, version: 127, namespace: 63 };
export const DEFAULT_EXPERIMENT = 'Default';

export async function deploy(request: DeployRequest): Promise<DeployResult> {
  const http = new KfpHttp(request.transport);
  const progress = (stage: Stage, message: string) => request.onProgress?.({ stage, message: http.clean(message) });
  const pipelineName = request.pipelineName.trim();
  const namespace = request.namespace?.trim() || undefined;
  checkName('pipeline name', pipelineName, LIMITS.pipeline);
  if (namespace) checkName('namespace', namespace, LIMITS.namespace);

  const server = await detectServer(http);
  progress('server', `${describeServer(server)} at ${request.transport.baseUrl || 'this server'}`);
  const format = formatFor(server, request.format);
  const api: KfpApiVersion = format === 'kfp-v2' ? 'v2beta1' : 'v1beta1';
  if (server.multiUser && !namespace) {
    throw new DeployError('usage', 'this Kubeflow is multi-user: give the namespace of your Kubeflow profile, where the pipeline, its experiments and runs live');
  }
  if (server.api === 'v1beta1') checkName('pipeline name', pipelineName, LIMITS.pipelineV1);

  const emitted = await request.emit(format);
  const versionName = request.versionName?.trim() || contentVersionName(emitted.text);
  checkName('version name', versionName, LIMITS.version);
  const plan: Plan = {
    pipelineName,
    versionName,
    versionNameDerived: !request.versionName?.trim(),
    text: emitted.text,
    ...(request.description?.trim() ? { description: request.description.trim() } : {}),
    ...(namespace ? { namespace } : {}),
  };
  if (request.run) {
    // Checked before anything is created: a wrong value must not leave a half-done deployment.
    const declared = emitted.parameters ?? declaredParameters(emitted.text, format);
    const parameters = runParameters(declared, request.run.parameters, request.run.parameterLabel);
    const name = request.run.name?.trim() || `${pipelineName} ${timestamp((request.now ?? (() => new Date()))())}`;
    plan.run = { name, experiment: request.run.experiment?.trim() || DEFAULT_EXPERIMENT, parameters };
  }

  const flavour = api === 'v2beta1' ? v2Flavour(http, plan) : v1Flavour(http, plan);
  const outcome = await runFlow(flavour, plan, progress);
  const links = kfpLinks(request.uiUrl ?? request.transport.baseUrl);
  return {
    server,
    format,
    api,
    pipeline: { ...outcome.pipeline, url: links.pipeline(outcome.pipeline.id) },
    version: { ...outcome.version, url: links.version(outcome.pipeline.id, outcome.version.id) },
    ...(outcome.experiment ? { experiment: { ...outcome.experiment, url: links.experiment(outcome.experiment.id) } } : {}),
    ...(outcome.run ? { run: { ...outcome.run, url: links.run(outcome.run.id) } } : {}),
  };
}

/** The one JSON object `deploy --json` prints; absent keys omitted. */
export function resultJson(result: DeployResult): { pipeline_id: string; version_id: string; run_id?: string; run_url?: string } {
  return {
    pipeline_id: result.pipeline.id,
    version_id: result.version.id,
    ...(result.run ? { run_id: result.run.id, run_url: result.run.url } : {}),
  };
}

/**
 * KFP 2.x runs KFP v2 pipelines (v2beta1) and still KFP v1 ones (v1beta1), as its own UI does;
 * KFP 1.x runs only KFP v1.
 */
function formatFor(server: ServerInfo, asked: PipelineFormat | undefined): PipelineFormat {
  if (server.api === 'v2beta1') return asked ?? 'kfp-v2';
  if (asked === 'kfp-v2') {
    throw new DeployError(
      'usage',
      `the server is ${describeServer(server)}, which runs KFP v1 (Argo) pipelines only, not KFP v2: deploy the kfp-v1 target (or let the server decide), or upgrade Kubeflow Pipelines to 2.x`,
    );
  }
  return 'kfp-v1';
}

function checkName(what: string, value: string, limit: number) {
  if (value === '') throw new DeployError('usage', `the ${what} is empty`);
  if (value.length > limit) throw new DeployError('usage', `the ${what} is ${value.length} characters long; Kubeflow Pipelines takes at most ${limit}`);
}

/** `2026-12-05 14:03:07`, UTC: sorts, and reads the same for everyone. */
const timestamp = (date: Date) => `${date.toISOString().slice(0, 19).replace('T', ' ')}`;
