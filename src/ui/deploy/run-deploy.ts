import { deploy, type DeployProgress, type DeployResult } from '../../deploy/deploy';
import type { KfpEndpointInfo } from '../../deploy/endpoint-info';
import { DeployError } from '../../deploy/errors';
import type { DeploySource } from './deploy-source';
import type { AuthMode, FormatChoice } from './deploy-settings';

export interface DeployChoices {
  pipelineName: string;
  versionName: string;
  namespace: string;
  experiment: string;
  startRun: boolean;
  runName: string;
  format: FormatChoice;
  authMode: AuthMode;
  token: string;
  /** Run parameter values as typed, by name. */
  parameters: ReadonlyMap<string, string>;
}

const REQUEST_TIMEOUT_MS = 60_000;
const RETRIES = 3;

/** Deploys through the page's own server (same origin, /apis/…): the page never calls another origin. */
export function runDeploy(
  source: DeploySource,
  choices: DeployChoices,
  endpoint: KfpEndpointInfo,
  options: { fetch: typeof fetch; signal: AbortSignal; onProgress: (event: DeployProgress) => void },
): Promise<DeployResult> {
  return deploy({
    transport: {
      baseUrl: '',
      fetch: options.fetch,
      auth: choices.authMode === 'token' && choices.token.trim() ? { bearer: { token: choices.token.trim(), source: 'this dialog' } } : {},
      timeoutMs: REQUEST_TIMEOUT_MS,
      retries: RETRIES,
      signal: options.signal,
    },
    ...(choices.format !== 'auto' ? { format: choices.format } : {}),
    emit: (format) => {
      const made = source.emit(format);
      if ('refusal' in made) throw new DeployError('usage', made.refusal);
      return { text: made.text, parameters: source.parameters };
    },
    pipelineName: choices.pipelineName,
    versionName: choices.versionName,
    namespace: choices.namespace,
    ...(choices.startRun
      ? { run: { name: choices.runName, experiment: choices.experiment, parameters: choices.parameters, parameterLabel: (name: string) => `Parameter ${name}` } }
      : {}),
    uiUrl: endpoint.ui,
    onProgress: options.onProgress,
  });
}
