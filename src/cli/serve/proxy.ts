import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KfpAuth } from '../../deploy/auth';
import { downstreamResponseHeaders, upstreamRequestHeaders, upstreamUrl } from './upstream';

export interface ProxyTarget {
  base: URL;
  auth: KfpAuth;
}

/** No answer from Kubeflow's side within this long ends the request (502); uploads stream inside it. */
const UPSTREAM_TIMEOUT_MS = 120_000;

/**
 * Forwards one /apis/v1beta1|v2beta1/… request to Kubeflow Pipelines and streams the answer back
 * with its status. Redirects are passed on, not followed: a redirect to a login page is the
 * client's to report.
 */
export function forward(req: IncomingMessage, res: ServerResponse, target: ProxyTarget | undefined): void {
  if (!target) {
    return sendJson(res, 404, 'kfp-designer serve was started without --kfp: there is no Kubeflow to forward /apis/… to');
  }
  const url = upstreamUrl(target.base, req.url ?? '/');
  if (!url) return sendJson(res, 400, 'kfp-designer serve forwards /apis/v1beta1/… and /apis/v2beta1/… only, without . or .. segments');
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(url, { method: req.method, headers: upstreamRequestHeaders(req.headers, target.auth), timeout: UPSTREAM_TIMEOUT_MS });
  upstream.on('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, downstreamResponseHeaders(answer.headers));
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  upstream.on('timeout', () => upstream.destroy(new Error(`no answer within ${UPSTREAM_TIMEOUT_MS / 1000} s`)));
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (res.headersSent) return void res.destroy();
    sendJson(res, 502, `kfp-designer serve cannot reach the Kubeflow Pipelines API at ${target.base.origin}: ${error.code ?? error.message}`);
  });
  // The browser went away: stop the upload to Kubeflow as well.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/** An error in the shape grpc-gateway uses, so the client reads its message like Kubeflow's own. */
function sendJson(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ code: status === 404 ? 5 : status === 400 ? 3 : 14, message }));
}
