import { authHeaders, describeAuth, secretsOf, type KfpAuth } from './auth';
import { DeployError, looksLikeHtml, redact, serverMessage } from './errors';

/** How requests reach Kubeflow: an injected `fetch` (Node's, the browser's, a test's), no DOM, no Node. */
export interface Transport {
  /** The KFP base, the prefix of `/apis/…`; '' for the page's own origin (the browser, through the proxy). */
  baseUrl: string;
  fetch: typeof fetch;
  auth: KfpAuth;
  /** Per attempt, headers and body included. */
  timeoutMs: number;
  /** Further attempts after a transient failure (bounded: this many, no more). */
  retries: number;
  /** Cancels everything in flight and every wait. */
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** 0 ≤ x < 1, for the backoff's jitter. */
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  what: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface KfpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** Sent as multipart/form-data, one file part named `uploadfile` (kfp-api README §3.2). */
  file?: { name: string; text: string };
  /**
   * Safe to send twice: a GET, or a create whose duplicate the caller resolves (a 409 it looks up).
   * Anything else (creating a run) is retried only when the server surely did not act on it.
   */
  retrySafe: boolean;
  /** What the request does, for messages: "upload the pipeline version". */
  what: string;
}

export interface KfpResponse {
  status: number;
  contentType: string;
  text: string;
  location?: string;
  /** A browser's answer to `redirect: 'manual'`: status 0, no headers. */
  opaqueRedirect: boolean;
  retryAfter?: string;
}

const BACKOFF_BASE_MS = 500;
const MAX_DELAY_MS = 30_000;
/** Connection errors that mean the request never left: safe to retry whatever it was. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export class KfpHttp {
  readonly transport: Transport;
  private readonly secrets: string[];

  constructor(transport: Transport) {
    this.transport = transport;
    this.secrets = secretsOf(transport.auth);
  }

  /** The parsed JSON answer of a successful request; a DeployError for anything else. */
  async json<T>(request: KfpRequest): Promise<T> {
    const response = await this.send(request);
    if (response.status < 200 || response.status >= 300 || response.opaqueRedirect) throw this.failure(request, response);
    if (looksLikeHtml(response.text, response.contentType)) throw this.failure(request, response);
    try {
      return (response.text.trim() === '' ? {} : JSON.parse(response.text)) as T;
    } catch {
      throw this.error('server', `${request.what}: the server answered ${response.status} with something that is not JSON: ${this.clean(response.text.slice(0, 200))}`, response.status);
    }
  }

  /** One request with its retries; resolves with any HTTP answer, rejects on network failure, timeout or cancel. */
  async send(request: KfpRequest): Promise<KfpResponse> {
    const { retries } = this.transport;
    for (let attempt = 1; ; attempt++) {
      let failure: { error: DeployError; retryable: boolean };
      try {
        const response = await this.attempt(request);
        const reason = transientStatus(response.status, request);
        if (!reason || attempt > retries) return response;
        await this.wait(request, attempt, reason, retryAfterMs(response));
        continue;
      } catch (error) {
        if (error instanceof DeployError && error.kind === 'cancelled') throw error;
        failure = this.classifyThrown(request, error);
      }
      if (!failure.retryable || attempt > retries) throw failure.error;
      await this.wait(request, attempt, failure.error.message);
    }
  }

  /** The error for an HTTP answer that is not the success the caller wanted. */
  failure(request: KfpRequest, response: KfpResponse): DeployError {
    const tried = `sent ${describeAuth(this.transport.auth)}`;
    if (response.opaqueRedirect || (response.status >= 300 && response.status < 400)) {
      const to = response.location ? ` to ${response.location}` : '';
      return this.error('auth', `${request.what}: the server redirected${to}, as a login page does: Kubeflow wants credentials (${tried})`, response.status || undefined);
    }
    const message = serverMessage(response.text, response.contentType);
    const said = message ? `: ${message}` : '';
    const status = response.status;
    if (status === 401 || status === 403) {
      const meaning = status === 401 ? 'not authenticated' : 'permission denied';
      return this.error('auth', `${request.what}: ${status} ${meaning}${said} (${tried})`, status);
    }
    if (status >= 200 && status < 300) {
      // A page instead of the API: a login page, or a --host that is not a KFP endpoint.
      return this.error('auth', `${request.what}: the server answered with an HTML page instead of the Kubeflow Pipelines API — a login page? (${tried})`, status);
    }
    if (status === 404) return this.error('not-found', `${request.what}: 404 not found${said}`, status);
    if (status === 409) return this.error('conflict', `${request.what}: 409 already exists${said}`, status);
    // KFP 1.8 and 2.0 answer a duplicate upload with 500 "…already exist…" (README §5).
    if (status === 500 && /already exist/i.test(response.text)) return this.error('conflict', `${request.what}: already exists${said}`, status);
    if (status === 400 || status === 422) return this.error('invalid', `${request.what}: ${status} refused${said}`, status);
    if (looksLikeHtml(response.text, response.contentType)) return this.error('server', `${request.what}: ${status} (an HTML error page, not the Kubeflow Pipelines API)`, status);
    return this.error('server', `${request.what}: ${status} server error${said}`, status);
  }

  /** A DeployError whose message never carries a credential, whatever a server echoed. */
  error(kind: DeployError['kind'], message: string, status?: number): DeployError {
    return new DeployError(kind, this.clean(message), status);
  }

  clean(text: string): string {
    return redact(text, this.secrets);
  }

  private url(request: KfpRequest): string {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.append(key, value);
    const qs = query.toString();
    return `${this.transport.baseUrl.replace(/\/+$/, '')}${request.path}${qs ? `?${qs}` : ''}`;
  }

  private async attempt(request: KfpRequest): Promise<KfpResponse> {
    const { fetch, timeoutMs, signal, auth } = this.transport;
    if (signal?.aborted) throw new DeployError('cancelled', 'cancelled');
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(auth) };
    let body: BodyInit | undefined;
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.file) {
      // No Content-Type by hand: fetch writes the multipart boundary.
      const form = new FormData();
      form.append('uploadfile', new Blob([request.file.text], { type: 'application/x-yaml' }), request.file.name);
      body = form;
    }
    try {
      const response = await fetch(this.url(request), { method: request.method, headers, body, redirect: 'manual', credentials: 'omit', signal: controller.signal });
      const text = response.type === 'opaqueredirect' ? '' : await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        text,
        location: response.headers.get('location') ?? undefined,
        opaqueRedirect: response.type === 'opaqueredirect',
        retryAfter: response.headers.get('retry-after') ?? undefined,
      };
    } catch (error) {
      if (signal?.aborted) throw new DeployError('cancelled', 'cancelled');
      if (timedOut) throw new DeployError('timeout', `${request.what}: no answer within ${formatSeconds(timeoutMs)}`);
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private classifyThrown(request: KfpRequest, error: unknown): { error: DeployError; retryable: boolean } {
    if (error instanceof DeployError) return { error: this.error(error.kind, error.message), retryable: error.kind === 'timeout' && request.retrySafe };
    const code = causeCode(error);
    const where = this.transport.baseUrl || 'this page’s server';
    const detail = [code, causeMessage(error)].filter(Boolean).join(' ');
    const deployError = this.error('network', `${request.what}: cannot reach ${where}${detail ? ` (${detail})` : ''}`);
    return { error: deployError, retryable: request.retrySafe || (code !== undefined && NOT_SENT.has(code)) };
  }

  private async wait(request: KfpRequest, attempt: number, reason: string, retryAfter?: number) {
    const { sleep = defaultSleep, random = Math.random, onRetry, signal } = this.transport;
    const backoff = BACKOFF_BASE_MS * 2 ** (attempt - 1) * (0.5 + random() / 2);
    const delayMs = Math.round(Math.min(MAX_DELAY_MS, Math.max(backoff, retryAfter ?? 0)));
    onRetry?.({ what: request.what, attempt, delayMs, reason: this.clean(reason) });
    await sleep(delayMs, signal);
    if (signal?.aborted) throw new DeployError('cancelled', 'cancelled');
  }
}

/** Why an answer is worth another try, or undefined: gateways and overload, and 500 on a read. */
function transientStatus(status: number, request: KfpRequest): string | undefined {
  const always = status === 429 || status === 503;
  const safe = request.retrySafe && (status === 502 || status === 504 || (status === 500 && request.method === 'GET'));
  return always || safe ? `${status} from the server` : undefined;
}

function retryAfterMs(response: KfpResponse): number | undefined {
  const seconds = Number(response.retryAfter);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; errors?: { code?: unknown }[] } })?.cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

function causeMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } })?.cause;
  if (typeof cause?.message === 'string' && cause.message !== '') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

const formatSeconds = (ms: number) => `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`;

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
