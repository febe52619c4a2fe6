/**
 * What can go wrong talking to Kubeflow Pipelines, sorted by what the user has to do about it:
 * fix the command line (`usage`), fix credentials (`auth`), or look at the server (the rest). The
 * CLI turns the kind into its exit status; the dialog into its message.
 */
export type DeployErrorKind =
  /** The request itself is wrong: an unknown --param, a target the server cannot run. */
  | 'usage'
  /** 401/403, a login page or a redirect to one. */
  | 'auth'
  | 'not-found'
  | 'conflict'
  /** 400: the server refused what was sent, with its message. */
  | 'invalid'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled';

export class DeployError extends Error {
  readonly kind: DeployErrorKind;
  readonly status?: number;

  constructor(kind: DeployErrorKind, message: string, status?: number) {
    super(message);
    this.name = 'DeployError';
    this.kind = kind;
    if (status !== undefined) this.status = status;
  }
}

const MAX_MESSAGE = 600;

/**
 * The user-facing message in any error body KFP sends (kfp-api README §5): grpc-gateway v2
 * `googleRpcStatus` (`details[0].message` is the user-facing part, `message` the internal chain),
 * grpc-gateway v1 `{error, message}` with 1.8's `details[0].error_message`, the upload handlers'
 * `{error_message, error_details}`, and plain text. Undefined for an empty body or an HTML page.
 */
export function serverMessage(text: string, contentType: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || looksLikeHtml(trimmed, contentType)) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(trimmed);
  } catch {
    return clip(trimmed);
  }
  if (!isRecord(body)) return clip(trimmed);
  const detail = Array.isArray(body.details) && isRecord(body.details[0]) ? body.details[0] : undefined;
  const candidates = [detail?.message, detail?.error_message, body.message, body.error, body.error_message];
  const message = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  if (message === undefined) return undefined;
  // The upload handlers put the user-facing part in error_message and the cause in error_details.
  const details = typeof body.error_details === 'string' && body.error_details.trim() !== '' && body.error_details !== message ? body.error_details : undefined;
  return clip(details ? `${message}: ${details}` : message);
}

export const looksLikeHtml = (text: string, contentType: string) => /html/i.test(contentType) || /^<(!doctype|html|head|body)\b/i.test(text.trimStart());

const clip = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text);

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every occurrence of each secret replaced, so no message, log line or JSON can carry one. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}
