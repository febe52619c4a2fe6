import { isRecord, looksLikeHtml } from './errors';
import type { KfpApiVersion } from './filter';
import type { KfpHttp, KfpRequest, KfpResponse } from './http';

export interface ServerInfo {
  /** The newest API the server has: v2beta1 means KFP ≥ 2.0, v1beta1 alone KFP 1.x. */
  api: KfpApiVersion;
  /** `tag_name` of the API server (e.g. 2.3.0, 1.8.5), when it says. */
  version?: string;
  /** Multi-user mode: a namespace is required, and experiments and runs live in it. */
  multiUser: boolean;
}

const healthz = (api: KfpApiVersion): KfpRequest => ({ method: 'GET', path: `/apis/${api}/healthz`, retrySafe: true, what: `check the server (${api} healthz)` });

/**
 * Which Kubeflow Pipelines this is (kfp-api README §1): a JSON answer on v2beta1 healthz is KFP 2.x;
 * a 404 or a page there (the 1.8 UI proxies v1beta1 only) sends us to v1beta1 healthz. The API server
 * answers `{tag_name, multi_user}`; through the UI server, the UI answers for it
 * (`apiServerTagName`, `apiServerReady`).
 */
export async function detectServer(http: KfpHttp): Promise<ServerInfo> {
  const v2 = await http.send(healthz('v2beta1'));
  if (isJsonAnswer(v2)) return serverInfo(http, 'v2beta1', v2);
  if (v2.status !== 404 && !(v2.status === 200 && looksLikeHtml(v2.text, v2.contentType))) throw http.failure(healthz('v2beta1'), v2);
  const v1 = await http.send(healthz('v1beta1'));
  if (isJsonAnswer(v1)) return serverInfo(http, 'v1beta1', v1);
  if (v1.status === 404 && v2.status === 404) {
    throw http.error(
      'not-found',
      `no Kubeflow Pipelines API at ${http.transport.baseUrl || 'this server'}: /apis/v2beta1/healthz and /apis/v1beta1/healthz answer 404. ` +
        'The address is the prefix of /apis/…: e.g. http://localhost:8080 for a port-forwarded ml-pipeline-ui, https://HOST/pipeline behind the Kubeflow gateway.',
      404,
    );
  }
  throw http.failure(healthz('v1beta1'), v1);
}

function isJsonAnswer(response: KfpResponse): boolean {
  if (response.status !== 200 || response.opaqueRedirect || looksLikeHtml(response.text, response.contentType)) return false;
  try {
    return isRecord(JSON.parse(response.text));
  } catch {
    return false;
  }
}

function serverInfo(http: KfpHttp, api: KfpApiVersion, response: KfpResponse): ServerInfo {
  const body = JSON.parse(response.text) as Record<string, unknown>;
  if (body.apiServerReady === false) {
    throw http.error('server', `the Kubeflow Pipelines UI answers, but its API server is not ready (${api} healthz says apiServerReady: false)`, 503);
  }
  const version = [body.tag_name, body.apiServerTagName].find((v): v is string => typeof v === 'string' && v !== '');
  const multiUser = [body.multi_user, body.apiServerMultiUser].find((v): v is boolean => typeof v === 'boolean') ?? false;
  return { api, multiUser, ...(version ? { version } : {}) };
}

export const describeServer = (server: ServerInfo) =>
  `Kubeflow Pipelines ${server.version ?? (server.api === 'v2beta1' ? '2.x' : '1.x')}${server.multiUser ? ', multi-user' : ''}`;
