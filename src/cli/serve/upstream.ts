/**
 * What the same-origin proxy passes between the browser and Kubeflow Pipelines, for both
 * `kfp-designer serve` and the Vite dev server (vite-plugin.ts): which paths, which headers.
 *
 * The browser's cookies belong to the designer's origin and never go to Kubeflow; Kubeflow's
 * cookies never land on the designer's origin. Credentials configured on the server (KFP_TOKEN,
 * a token file, KFP_COOKIE) are added server-side; a token the user typed in the dialog arrives
 * as the request's own Authorization and wins.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { setOwn } from '../../core/own';
import { authHeaders, type KfpAuth } from '../../deploy/auth';

/** Only the Kubeflow Pipelines REST APIs are forwarded, nothing else of the host behind. */
export const FORWARDED_PREFIXES = ['/apis/v1beta1/', '/apis/v2beta1/'] as const;

/** Headers of the designer's origin that Kubeflow must never see (for proxies that start from the browser's headers). */
export const BROWSER_ONLY_HEADERS = ['cookie', 'origin', 'referer'] as const;

const REQUEST_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'authorization', 'content-type', 'content-length', 'user-agent']);
const RESPONSE_HEADERS_DROPPED = new Set([
  'set-cookie',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-connection',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'strict-transport-security',
]);

/** Whether a request path (with query) is one to forward. */
export const isForwarded = (url: string) => FORWARDED_PREFIXES.some((prefix) => url.startsWith(prefix));

/**
 * The upstream URL for a forwarded request, or undefined when the path tries to leave /apis/…
 * (`..` segments, encoded or not, or backslashes that a server behind might read as separators).
 */
export function upstreamUrl(base: URL, requestUrl: string): URL | undefined {
  const [path, query = ''] = splitQuery(requestUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.') || decoded.includes('\\') || decoded.includes('\0')) return undefined;
  if (!isForwarded(path)) return undefined;
  return new URL(`${base.href.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`);
}

function splitQuery(url: string): [string, string?] {
  const at = url.indexOf('?');
  return at < 0 ? [url] : [url.slice(0, at), url.slice(at + 1)];
}

/** The headers sent to Kubeflow for a browser's request. */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, auth: KfpAuth): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  // own-keys: a name in REQUEST_HEADERS
  for (const [name, value] of Object.entries(incoming)) if (REQUEST_HEADERS.has(name) && value !== undefined) headers[name] = value;
  const added = authHeaders(auth);
  if (headers.authorization === undefined && added.Authorization) headers.authorization = added.Authorization;
  if (added.Cookie) headers.cookie = added.Cookie;
  return headers;
}

/** Kubeflow's response headers, less hop-by-hop ones and cookies. */
export function downstreamResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!RESPONSE_HEADERS_DROPPED.has(name) && value !== undefined) setOwn(out, name, value);
  return out;
}

export const isDroppedResponseHeader = (name: string) => RESPONSE_HEADERS_DROPPED.has(name.toLowerCase());
