import { describe, expect, it } from 'vitest';
import { authHeaders, describeAuth, secretsOf, selectAuth, DEFAULT_SA_TOKEN_PATH, AuthSetupError } from './auth';
import { contentVersionName } from './content-name';
import { endpointMetaTag, parseEndpointInfo } from './endpoint-info';
import { DeployError, redact, serverMessage } from './errors';
import { equalsFilter } from './filter';
import { KfpHttp, type Transport } from './http';
import { kfpLinks } from './links';
import { declaredParameters, runParameters, typedValue, v1ParameterValue } from './parameters';

describe('serverMessage: the user-facing message of every error body KFP sends', () => {
  it.each([
    ['googleRpcStatus (grpc-gateway v2, KFP ≥ 2.14)', '{"code":5,"message":"internal: chain","details":[{"@type":"type.googleapis.com/google.rpc.Status","code":5,"message":"Pipeline not found"}]}', 'Pipeline not found'],
    ['runtimeError with api.Error (KFP 1.8, ≤ 2.5)', '{"error":"chain","code":3,"message":"chain","details":[{"@type":"type.googleapis.com/api.Error","error_message":"Invalid name","error_details":"chain"}]}', 'Invalid name'],
    ['message only', '{"code":16,"message":"User identity is empty"}', 'User identity is empty'],
    ['error only', '{"error":"boom"}', 'boom'],
    ['upload handler', '{"error_message":"Failed to create a pipeline version","error_details":"name exists"}', 'Failed to create a pipeline version: name exists'],
    ['plain text', 'RBAC: access denied\n', 'RBAC: access denied'],
  ])('%s', (_, body, expected) => {
    expect(serverMessage(body, 'application/json')).toBe(expected);
  });

  it('has nothing to say for an empty body, a page, or JSON without a message', () => {
    expect(serverMessage('', 'application/json')).toBeUndefined();
    expect(serverMessage('<!DOCTYPE html><title>Login</title>', 'text/plain')).toBeUndefined();
    expect(serverMessage('{"x":1}', 'application/json')).toBeUndefined();
    expect(serverMessage('x', 'text/html')).toBeUndefined();
    expect(serverMessage('y'.repeat(1000), 'text/plain')).toHaveLength(601);
  });
});

describe('redaction', () => {
  it('replaces every occurrence of each secret, and the cookie value inside its header', () => {
    const secrets = secretsOf({ bearer: { token: 'tok/en+1', source: 'x' }, cookie: { value: 'a=cookieval; b=other-val', source: 'y' } });
    expect(redact('got Bearer tok/en+1 and tok%2Fen%2B1, cookie a=cookieval; b=other-val; cookieval alone', secrets)).toBe(
      'got Bearer [redacted] and [redacted], cookie [redacted]; [redacted] alone',
    );
  });
});

describe('auth', () => {
  const files = new Map([
    ['/t', 'file-token\n'],
    ['/empty', '  \n'],
    [DEFAULT_SA_TOKEN_PATH, 'sa-token'],
  ]);
  const readFile = (path: string) => files.get(path);

  it('takes --token-file, else KFP_TOKEN, else KF_PIPELINES_SA_TOKEN_PATH, else the in-pod token', () => {
    expect(selectAuth({ tokenFile: '/t', env: { KFP_TOKEN: 'env' }, readFile }).bearer).toEqual({ token: 'file-token', source: '--token-file /t' });
    expect(selectAuth({ env: { KFP_TOKEN: ' env-token ', KF_PIPELINES_SA_TOKEN_PATH: '/t' }, readFile }).bearer).toEqual({ token: 'env-token', source: 'KFP_TOKEN' });
    expect(selectAuth({ env: { KF_PIPELINES_SA_TOKEN_PATH: '/t' }, readFile }).bearer?.source).toBe('KF_PIPELINES_SA_TOKEN_PATH');
    expect(selectAuth({ env: {}, readFile }).bearer).toEqual({ token: 'sa-token', source: `the service-account token at ${DEFAULT_SA_TOKEN_PATH}` });
    expect(selectAuth({ env: {}, readFile: () => undefined })).toEqual({});
  });

  it('refuses a named token file that is missing or empty, and a cookie that is not name=value', () => {
    expect(() => selectAuth({ tokenFile: '/nope', env: {}, readFile })).toThrow(AuthSetupError);
    expect(() => selectAuth({ env: { KF_PIPELINES_SA_TOKEN_PATH: '/nope' }, readFile })).toThrow(/no such file/);
    expect(() => selectAuth({ tokenFile: '/empty', env: {}, readFile })).toThrow(/is empty/);
    expect(() => selectAuth({ env: { KFP_COOKIE: 'justavalue' }, readFile: () => undefined })).toThrow(/name=value/);
    expect(selectAuth({ env: { KFP_COOKIE: 'oauth2_proxy_kubeflow=abc' }, readFile: () => undefined }).cookie).toEqual({ value: 'oauth2_proxy_kubeflow=abc', source: 'KFP_COOKIE' });
  });

  it('sends Authorization and Cookie, and describes what was sent without the values', () => {
    const auth = { bearer: { token: 't', source: 'KFP_TOKEN' }, cookie: { value: 'a=b', source: 'KFP_COOKIE' } };
    expect(authHeaders(auth)).toEqual({ Authorization: 'Bearer t', Cookie: 'a=b' });
    expect(describeAuth(auth)).toBe('a bearer token from KFP_TOKEN and a session cookie from KFP_COOKIE');
    expect(describeAuth({})).toBe('no credentials');
    expect(authHeaders({})).toEqual({});
  });
});

describe('filter', () => {
  it('names the operator `operation` in v2beta1 and `op` in v1beta1, percent-encoded once here (the query encodes it again)', () => {
    const v2 = equalsFilter('v2beta1', 'name', 'a+b %c');
    expect(JSON.parse(decodeURIComponent(v2))).toEqual({ predicates: [{ key: 'name', operation: 'EQUALS', string_value: 'a+b %c' }] });
    expect(JSON.parse(decodeURIComponent(equalsFilter('v1beta1', 'name', 'x')))).toEqual({ predicates: [{ key: 'name', op: 'EQUALS', string_value: 'x' }] });
    // What goes on the wire, and what a server that decodes twice (Go: + is a space) reads back.
    const wire = new URLSearchParams({ filter: v2 }).toString();
    const once = new URLSearchParams(wire).get('filter')!;
    expect(JSON.parse(decodeURIComponent(once.replace(/\+/g, ' '))).predicates[0].string_value).toBe('a+b %c');
  });
});

describe('content version name', () => {
  it('is the same for the same text and differs for any other', () => {
    expect(contentVersionName('a: 1\n')).toBe(contentVersionName('a: 1\n'));
    expect(contentVersionName('a: 1\n')).not.toBe(contentVersionName('a: 2\n'));
    // SHA-256 of "abc" starts ba7816bf8f01.
    expect(contentVersionName('abc')).toBe('sha256-ba7816bf8f01');
  });
});

describe('links', () => {
  it('follow the Kubeflow UI’s hash routes under its base', () => {
    const links = kfpLinks('https://kf.example/pipeline/');
    expect(links.run('r 1')).toBe('https://kf.example/pipeline/#/runs/details/r%201');
    expect(links.version('p', 'v')).toBe('https://kf.example/pipeline/#/pipelines/details/p/version/v');
    expect(kfpLinks('http://localhost:8080').pipeline('p')).toBe('http://localhost:8080/#/pipelines/details/p');
    expect(kfpLinks('').experiment('e')).toBe('/#/experiments/details/e');
  });
});

describe('parameters', () => {
  const IR = `pipelineInfo: {name: x}
root:
  dag: {tasks: {}}
  inputDefinitions:
    parameters:
      n: {parameterType: NUMBER_INTEGER, defaultValue: 3}
      old: {type: DOUBLE}
      s: {parameterType: STRING, defaultValue: "5", isOptional: true}
      l: {parameterType: LIST, isOptional: true}
---
platforms: {}
`;
  const ARGO = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
spec:
  arguments:
    parameters:
      - {name: epochs, value: "10"}
      - {name: run_id, value: "{{workflow.uid}}"}
      - {name: required}
`;

  it('reads what KFP v2 and KFP v1 files declare', () => {
    expect(declaredParameters(IR, 'kfp-v2')).toEqual([
      { name: 'n', type: 'NUMBER_INTEGER', defaultValue: 3, optional: true },
      { name: 'old', type: 'NUMBER_DOUBLE', optional: false },
      { name: 's', type: 'STRING', defaultValue: '5', optional: true },
      { name: 'l', type: 'LIST', optional: true },
    ]);
    expect(declaredParameters(ARGO, 'kfp-v1')).toEqual([
      { name: 'epochs', type: 'STRING', defaultValue: '10', optional: true },
      { name: 'run_id', type: 'STRING', defaultValue: '{{workflow.uid}}', optional: true },
      { name: 'required', type: 'STRING', optional: false },
    ]);
    expect(declaredParameters('', 'kfp-v2')).toEqual([]);
  });

  it('types text as declared, and says why not', () => {
    expect(typedValue(' 42 ', 'NUMBER_INTEGER', 'p')).toBe(42);
    expect(typedValue('-1e3', 'NUMBER_DOUBLE', 'p')).toBe(-1000);
    expect(typedValue('False', 'BOOLEAN', 'p')).toBe(false);
    expect(typedValue('[1, "a"]', 'LIST', 'p')).toEqual([1, 'a']);
    expect(typedValue('{"a": {"b": null}}', 'STRUCT', 'p')).toEqual({ a: { b: null } });
    expect(typedValue('007', 'STRING', 'p')).toBe('007');
    expect(() => typedValue('9007199254740993', 'NUMBER_INTEGER', 'p')).toThrow('p: `9007199254740993` is not an integer');
    expect(() => typedValue('', 'NUMBER_DOUBLE', 'p')).toThrow('is not a number');
    expect(() => typedValue('Infinity', 'NUMBER_DOUBLE', 'p')).toThrow('is not a number');
    expect(() => typedValue('yes', 'BOOLEAN', 'p')).toThrow('is not true or false');
    expect(() => typedValue('{"a":1}', 'LIST', 'p')).toThrow('is not a JSON list');
    expect(() => typedValue('[1]', 'STRUCT', 'p')).toThrow('is not a JSON object');
  });

  it('defaults overridden, Argo expressions left to the workflow, unknown and missing refused; names are data', () => {
    const declared = [...declaredParameters(ARGO, 'kfp-v1'), { name: '__proto__', type: 'STRING' as const, defaultValue: 'p', optional: true }];
    const values = runParameters(declared, new Map([['required', 'r'], ['__proto__', 'q']]));
    expect([...values]).toEqual([
      ['epochs', '10'],
      ['required', 'r'],
      ['__proto__', 'q'],
    ]);
    expect(() => runParameters(declared, new Map([['constructor', '1']]))).toThrow('--param constructor: the pipeline has no parameter `constructor` (it has epochs, required, __proto__)');
    expect(() => runParameters(declared, new Map())).toThrow('parameter `required` has no default');
    const error = (() => {
      try {
        runParameters(declared, new Map([['x', '1']]), (n) => `Parameter ${n}`);
      } catch (e) {
        return e as DeployError;
      }
    })();
    expect(error?.kind).toBe('usage');
    expect(error?.message).toMatch(/^Parameter x: /);
    expect(v1ParameterValue(['a'])).toBe('["a"]');
    expect(v1ParameterValue('s')).toBe('s');
  });
});

describe('endpoint meta', () => {
  it('round-trips through the HTML attribute, and ignores anything else', () => {
    const info = { endpoint: 'http://h/"><script>', ui: "http://h/'", serverAuth: ['token' as const] };
    const tag = endpointMetaTag(info);
    expect(tag).not.toMatch(/<script>|"><|'/);
    const content = /content="([^"]*)"/.exec(tag)![1].replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));
    expect(parseEndpointInfo(content)).toEqual(info);
    expect(parseEndpointInfo('not json')).toBeUndefined();
    expect(parseEndpointInfo('{"endpoint":1}')).toBeUndefined();
    expect(parseEndpointInfo(null)).toBeUndefined();
  });
});

describe('KfpHttp', () => {
  const responses = (...answers: (Response | Error)[]) => {
    const calls: RequestInit[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      calls.push(init);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return next;
    }) as unknown as typeof globalThis.fetch;
    return { fetch, calls };
  };
  const http = (fetch: typeof globalThis.fetch, extra: Partial<Transport> = {}) =>
    new KfpHttp({ baseUrl: 'http://kfp', fetch, auth: { bearer: { token: 'secret-tok', source: 'KFP_TOKEN' } }, timeoutMs: 1000, retries: 2, sleep: async () => undefined, ...extra });
  const get = { method: 'GET' as const, path: '/apis/v2beta1/x', retrySafe: true, what: 'read x' };
  const post = { method: 'POST' as const, path: '/apis/v2beta1/runs', json: { a: 1 }, retrySafe: false, what: 'start run' };

  it('sends JSON with the credentials, never follows redirects, never sends the page’s cookies', async () => {
    const { fetch, calls } = responses(new Response('{"ok":1}', { status: 200, headers: { 'content-type': 'application/json' } }));
    expect(await http(fetch).json(post)).toEqual({ ok: 1 });
    expect(calls[0]).toMatchObject({ method: 'POST', redirect: 'manual', credentials: 'omit', body: '{"a":1}' });
    expect(calls[0].headers).toMatchObject({ Authorization: 'Bearer secret-tok', 'Content-Type': 'application/json', Accept: 'application/json' });
  });

  it('retries a network error on a read, but not on a run that may have been sent; does on one that surely was not', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } });
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET', message: 'socket hang up' } });
    const read = responses(reset, new Response('{}', { status: 200 }));
    expect(await http(read.fetch).json(get)).toEqual({});
    const run = responses(reset);
    await expect(http(run.fetch).json(post)).rejects.toMatchObject({ kind: 'network', message: 'start run: cannot reach http://kfp (ECONNRESET socket hang up)' });
    expect(run.calls).toHaveLength(1);
    const notSent = responses(refused, new Response('{}', { status: 200 }));
    expect(await http(notSent.fetch).json(post)).toEqual({});
  });

  it('reads an opaque redirect (the browser’s answer to redirect: manual) as a login', async () => {
    const opaque = Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' });
    Object.defineProperty(opaque, 'status', { value: 0 });
    const { fetch } = responses(opaque);
    await expect(http(fetch).json(get)).rejects.toMatchObject({ kind: 'auth', message: 'read x: the server redirected, as a login page does: Kubeflow wants credentials (sent a bearer token from KFP_TOKEN)' });
  });

  it('never lets a credential into a message, whatever the server says', async () => {
    const { fetch } = responses(new Response('{"message":"bad token secret-tok"}', { status: 500 }));
    const error = (await http(fetch, { retries: 0 }).json(get).catch((e: unknown) => e)) as DeployError;
    expect(error.message).toBe('read x: 500 server error: bad token [redacted]');
  });

  it('a 2xx that is not JSON is an error, not a crash', async () => {
    const { fetch } = responses(new Response('not json', { status: 200, headers: { 'content-type': 'text/plain' } }));
    await expect(http(fetch).json(get)).rejects.toMatchObject({ kind: 'server', message: 'read x: the server answered 200 with something that is not JSON: not json' });
  });
});
