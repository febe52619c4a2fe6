/**
 * Credentials for Kubeflow Pipelines (kfp-api README §6, §7): nothing (a port-forwarded or standalone
 * server), a bearer token (a Kubernetes service-account token, audience pipelines.kubeflow.org), or
 * a session cookie of the Kubeflow login (oauth2-proxy / oidc-authservice behind Dex). Each carries
 * where it came from, so a 401/403 can say what was tried without ever showing the value.
 */
export interface KfpAuth {
  bearer?: { token: string; source: string };
  /** A Cookie header value, `name=value[; name2=value2]`. Browsers cannot send one (forbidden header). */
  cookie?: { value: string; source: string };
}

export const NO_AUTH: KfpAuth = {};

/** Where the KFP SDK reads the projected service-account token in a pod. */
export const DEFAULT_SA_TOKEN_PATH = '/var/run/secrets/kubeflow/pipelines/token';

export function authHeaders(auth: KfpAuth): Record<string, string> {
  return {
    ...(auth.bearer ? { Authorization: `Bearer ${auth.bearer.token}` } : {}),
    ...(auth.cookie ? { Cookie: auth.cookie.value } : {}),
  };
}

/** "a bearer token from KFP_TOKEN", "no credentials", … — what a 401/403 message says was tried. */
export function describeAuth(auth: KfpAuth): string {
  const parts = [auth.bearer && `a bearer token from ${auth.bearer.source}`, auth.cookie && `a session cookie from ${auth.cookie.source}`].filter(Boolean);
  return parts.length > 0 ? parts.join(' and ') : 'no credentials';
}

/** The strings that must never appear in output: each value, its encodings, and each cookie's value. */
export function secretsOf(auth: KfpAuth): string[] {
  const values: string[] = [];
  if (auth.bearer) values.push(auth.bearer.token);
  if (auth.cookie) {
    values.push(auth.cookie.value);
    for (const part of auth.cookie.value.split(';')) {
      const at = part.indexOf('=');
      if (at > 0) values.push(part.slice(at + 1).trim());
    }
  }
  const all = values.flatMap((v) => [v, encodeURIComponent(v)]);
  // Longest first, so a cookie's whole header is replaced before its value inside it.
  return [...new Set(all)].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
}

export interface AuthSources {
  /** --token-file, as typed. */
  tokenFile?: string;
  env: Record<string, string | undefined>;
  /** Text of a file, or undefined when it does not exist; throws on other read errors. */
  readFile: (path: string) => string | undefined;
}

export class AuthSetupError extends Error {}

/**
 * The CLI's choice, first found wins for the token: --token-file, KFP_TOKEN, the file named by
 * KF_PIPELINES_SA_TOKEN_PATH (which must exist when set), the default in-pod path (used when it
 * exists). KFP_COOKIE adds a session cookie. Values are trimmed: `kubectl create token` ends in a newline.
 */
export function selectAuth({ tokenFile, env, readFile }: AuthSources): KfpAuth {
  const auth: KfpAuth = {};
  const fromFile = (path: string, source: string, required: boolean) => {
    const text = readFile(path);
    if (text === undefined) {
      if (required) throw new AuthSetupError(`cannot read the token file \`${path}\` (${source}): no such file`);
      return;
    }
    const token = text.trim();
    if (token === '') throw new AuthSetupError(`the token file \`${path}\` (${source}) is empty`);
    auth.bearer = { token, source };
  };
  if (tokenFile !== undefined) fromFile(tokenFile, `--token-file ${tokenFile}`, true);
  else if (env.KFP_TOKEN?.trim()) auth.bearer = { token: env.KFP_TOKEN.trim(), source: 'KFP_TOKEN' };
  else if (env.KF_PIPELINES_SA_TOKEN_PATH) fromFile(env.KF_PIPELINES_SA_TOKEN_PATH, 'KF_PIPELINES_SA_TOKEN_PATH', true);
  else fromFile(DEFAULT_SA_TOKEN_PATH, `the service-account token at ${DEFAULT_SA_TOKEN_PATH}`, false);

  const cookie = env.KFP_COOKIE?.trim();
  if (cookie) {
    if (!/^[^=;\s]+=/.test(cookie)) throw new AuthSetupError('KFP_COOKIE must be a cookie header, `name=value` (e.g. `oauth2_proxy_kubeflow=…`)');
    auth.cookie = { value: cookie, source: 'KFP_COOKIE' };
  }
  return auth;
}
