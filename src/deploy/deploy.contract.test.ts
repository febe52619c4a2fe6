/**
 * The deploy client against Kubeflow Pipelines' published contract: a stateful fake
 * (test/kfp/fake-kfp.ts) answers as the real server does, and checks every request against the
 * swagger through Prism and strict JSON schemas (a test fails on any request the contract
 * refuses); the last block runs against Prism itself.
 */
import { describe, expect, it } from 'vitest';
import { transpile } from '../core/transpile';
import { EXAMPLE } from '../example';
import { contracts, startFake } from '../../test/kfp/harness';
import { closedPort } from '../../test/kfp/ports';
import type { FakeKfp } from '../../test/kfp/fake-kfp';
import { deploy, resultJson, type DeployProgress, type DeployRequest } from './deploy';
import { DeployError } from './errors';
import type { RetryEvent, Transport } from './http';
import type { PipelineFormat } from './parameters';

const emitted = new Map<PipelineFormat, string>();
function example(format: PipelineFormat): string {
  if (!emitted.has(format)) emitted.set(format, transpile(EXAMPLE, { target: format }).text!);
  return emitted.get(format)!;
}

/** A KFP v2 spec declaring one parameter of each type the IR has. */
const TYPED_IR = `pipelineInfo:
  name: typed
root:
  dag:
    tasks: {}
  inputDefinitions:
    parameters:
      epochs: {parameterType: NUMBER_INTEGER, defaultValue: 10}
      lr: {parameterType: NUMBER_DOUBLE, defaultValue: 0.1}
      dry: {parameterType: BOOLEAN, defaultValue: false}
      cols: {parameterType: LIST, defaultValue: [a]}
      opts: {parameterType: STRUCT, isOptional: true}
      tag: {parameterType: STRING}
schemaVersion: 2.1.0
sdkVersion: test
`;

const noWait = async () => undefined;

function transport(baseUrl: string, extra: Partial<Transport> = {}): Transport {
  // Generous: the stand-in asks Prism about every request, which is slow on a loaded machine.
  return { baseUrl, fetch, auth: {}, timeoutMs: 20_000, retries: 2, sleep: noWait, random: () => 0, ...extra };
}

function request(fake: FakeKfp, extra: Partial<DeployRequest> = {}): DeployRequest {
  return { transport: transport(fake.url), emit: (format) => ({ text: example(format) }), pipelineName: 'churn model', ...extra };
}

async function failure(promise: Promise<unknown>): Promise<DeployError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeployError);
  return error as DeployError;
}

describe('deploy to KFP 2.x (v2beta1)', () => {
  it('creates a new pipeline with its first version named after the content, and links to both', async () => {
    const fake = await startFake();
    const progress: DeployProgress[] = [];
    const result = await deploy(request(fake, { description: 'Churn model', onProgress: (e) => progress.push(e) }));

    expect(result.format).toBe('kfp-v2');
    expect(result.api).toBe('v2beta1');
    expect(result.server).toEqual({ api: 'v2beta1', version: '2.17.0', multiUser: false });
    expect(result.pipeline).toMatchObject({ name: 'churn model', created: true });
    expect(result.version).toMatchObject({ created: true });
    expect(result.version.name).toMatch(/^sha256-[0-9a-f]{12}$/);
    const stored = fake.versions.get(result.version.id)!;
    expect(stored.text).toBe(example('kfp-v2'));
    expect(stored.pipelineId).toBe(result.pipeline.id);
    expect(fake.pipelines.get(result.pipeline.id)).toMatchObject({ name: 'churn model', description: 'Churn model', namespace: '' });
    expect(result.pipeline.url).toBe(`${fake.url}/#/pipelines/details/${result.pipeline.id}`);
    expect(result.version.url).toBe(`${fake.url}/#/pipelines/details/${result.pipeline.id}/version/${result.version.id}`);
    expect(result.run).toBeUndefined();
    expect(resultJson(result)).toEqual({ pipeline_id: result.pipeline.id, version_id: result.version.id });
    expect(progress.map((p) => p.stage)).toEqual(['server', 'pipeline', 'version']);
    expect(progress[0].message).toContain('Kubeflow Pipelines 2.17.0');

    const upload = fake.requestsTo('POST', '/apis/v2beta1/pipelines/upload_version')[0];
    expect(upload.file).toMatchObject({ field: 'uploadfile', fileName: 'pipeline.yaml' });
    expect(upload.query.get('name')).toBe(result.version.name);
    // display_name, not name: KFP before 2.14 has no `name` in its Pipeline message.
    expect(fake.requestsTo('POST', '/apis/v2beta1/pipelines')[0].json).toEqual({ display_name: 'churn model', description: 'Churn model' });
  });

  it('uploads a new version of an existing pipeline when the content changed', async () => {
    const fake = await startFake();
    const first = await deploy(request(fake));
    const changed = `${example('kfp-v2')}\n# changed\n`;
    const second = await deploy(request(fake, { emit: () => ({ text: changed }) }));
    expect(second.pipeline).toMatchObject({ id: first.pipeline.id, created: false });
    expect(second.version.created).toBe(true);
    expect(second.version.id).not.toBe(first.version.id);
    expect(second.version.name).not.toBe(first.version.name);
    expect([...fake.versions.values()].map((v) => v.pipelineId)).toEqual([first.pipeline.id, first.pipeline.id]);
    expect(fake.requestsTo('POST', '/apis/v2beta1/pipelines')).toHaveLength(1);
  });

  it('deploys the same content again without a second version, and says so', async () => {
    const fake = await startFake();
    const first = await deploy(request(fake));
    const progress: DeployProgress[] = [];
    const again = await deploy(request(fake, { onProgress: (e) => progress.push(e) }));
    expect(again.version).toMatchObject({ id: first.version.id, name: first.version.name, created: false });
    expect(fake.versions.size).toBe(1);
    expect(fake.requestsTo('POST', '/apis/v2beta1/pipelines/upload_version')).toHaveLength(1);
    expect(progress.find((p) => p.stage === 'version')?.message).toMatch(/already holds this pipeline file: nothing uploaded/);
  });

  it('refuses an explicit version name that is taken, and uploads under a free one', async () => {
    const fake = await startFake();
    await deploy(request(fake, { versionName: 'v1' }));
    const error = await failure(deploy(request(fake, { versionName: 'v1', emit: () => ({ text: `${example('kfp-v2')}# other\n` }) })));
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/already has a version named "v1"/);
    const next = await deploy(request(fake, { versionName: 'v2', emit: () => ({ text: `${example('kfp-v2')}# other\n` }) }));
    expect(next.version).toMatchObject({ name: 'v2', created: true });
  });

  it('starts a run with every parameter typed as the IR declares it, in an experiment made once', async () => {
    const fake = await startFake();
    const parameters = new Map([
      ['epochs', '20'],
      ['lr', '0.5'],
      ['dry', 'TRUE'],
      ['cols', '["x", "y"]'],
      ['opts', '{"k": 1}'],
      ['tag', '007'],
    ]);
    const now = () => new Date('2026-12-05T10:11:12.345Z');
    const result = await deploy(request(fake, { emit: () => ({ text: TYPED_IR }), run: { parameters }, now }));
    expect(result.run?.name).toBe('churn model 2026-12-05 10:11:12');
    expect(result.experiment).toMatchObject({ name: 'Default', created: true });
    const run = fake.runs.get(result.run!.id)!;
    expect(Object.fromEntries(run.parameters)).toEqual({ epochs: 20, lr: 0.5, dry: true, cols: ['x', 'y'], opts: { k: 1 }, tag: '007' });
    expect(run).toMatchObject({ experimentId: result.experiment!.id, versionId: result.version.id });
    expect(result.run!.url).toBe(`${fake.url}/#/runs/details/${result.run!.id}`);
    expect(resultJson(result)).toEqual({ pipeline_id: result.pipeline.id, version_id: result.version.id, run_id: result.run!.id, run_url: result.run!.url });

    // Defaults are sent as declared; a second run finds the experiment.
    const second = await deploy(request(fake, { emit: () => ({ text: TYPED_IR }), run: { name: 'again', experiment: 'Default', parameters: new Map([['tag', 't']]) } }));
    expect(second.experiment).toMatchObject({ id: result.experiment!.id, created: false });
    expect(Object.fromEntries(fake.runs.get(second.run!.id)!.parameters)).toEqual({ epochs: 10, lr: 0.1, dry: false, cols: ['a'], tag: 't' });
    expect(fake.experiments.size).toBe(1);
  });

  it('runs the designer’s own KFP v2 output with its parameter defaults overridden', async () => {
    const fake = await startFake();
    const result = await deploy(request(fake, { run: { experiment: 'nightly', parameters: new Map([['epochs', '3']]) } }));
    expect(Object.fromEntries(fake.runs.get(result.run!.id)!.parameters)).toEqual({ learning_rate: '0.01', epochs: '3' });
  });

  it('refuses a wrong parameter before creating anything', async () => {
    const fake = await startFake();
    const unknown = await failure(deploy(request(fake, { run: { parameters: new Map([['nope', '1']]) } })));
    expect(unknown.kind).toBe('usage');
    expect(unknown.message).toBe('--param nope: the pipeline has no parameter `nope` (it has learning_rate, epochs)');
    const typed = await failure(deploy(request(fake, { emit: () => ({ text: TYPED_IR }), run: { parameters: new Map([['epochs', '1.5'], ['tag', 'x']]) } })));
    expect(typed.message).toBe('--param epochs: `1.5` is not an integer, as the pipeline declares the parameter');
    const missing = await failure(deploy(request(fake, { emit: () => ({ text: TYPED_IR }), run: { parameters: new Map() } })));
    expect(missing.message).toMatch(/parameter `tag` has no default/);
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('asks for the pipeline file only once the server has said which format, and stops there when it cannot be made', async () => {
    const fake = await startFake({ release: '1.8.5' });
    const asked: PipelineFormat[] = [];
    const refusal = new Error('the pipeline has errors for kfp-v1');
    const error = await deploy(request(fake, { emit: (format) => (asked.push(format), Promise.reject(refusal)) })).catch((e: unknown) => e);
    expect(error).toBe(refusal);
    expect(asked).toEqual(['kfp-v1']);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /apis/v2beta1/healthz', 'GET /apis/v1beta1/healthz']);
  });

  it('finds names with +, % and spaces again: the filter is encoded twice, as the server decodes it twice', async () => {
    const fake = await startFake();
    const name = 'a+b 100% c&d';
    const first = await deploy(request(fake, { pipelineName: name, run: { experiment: 'x+y %z', parameters: new Map() } }));
    const second = await deploy(request(fake, { pipelineName: name, run: { experiment: 'x+y %z', parameters: new Map() } }));
    expect(second.pipeline).toMatchObject({ id: first.pipeline.id, created: false });
    expect(second.experiment).toMatchObject({ id: first.experiment!.id, created: false });
    expect(fake.pipelines.size).toBe(1);
    const filter = fake.requestsTo('GET', '/apis/v2beta1/pipelines')[0].query.get('filter')!;
    expect(JSON.parse(decodeURIComponent(filter))).toEqual({ predicates: [{ key: 'name', operation: 'EQUALS', string_value: name }] });
  });

  it('multi-user: refuses to start without a namespace, and puts pipeline, experiment and run in it', async () => {
    const fake = await startFake({ multiUser: true });
    const error = await failure(deploy(request(fake, { run: { parameters: new Map() } })));
    expect(error.kind).toBe('usage');
    expect(error.message).toMatch(/multi-user: give the namespace/);
    expect(fake.requests.map((r) => r.path)).toEqual(['/apis/v2beta1/healthz']);

    const result = await deploy(request(fake, { namespace: 'team-a', run: { parameters: new Map() } }));
    expect(fake.pipelines.get(result.pipeline.id)?.namespace).toBe('team-a');
    expect(fake.experiments.get(result.experiment!.id)?.namespace).toBe('team-a');
    expect(fake.requestsTo('GET', '/apis/v2beta1/experiments')[0].query.get('namespace')).toBe('team-a');
    const again = await deploy(request(fake, { namespace: 'team-a' }));
    expect(again.pipeline.id).toBe(result.pipeline.id);
  });

  it('reads the healthz of the KFP UI server in front of the API (apiServerTagName, apiServerMultiUser)', async () => {
    const fake = await startFake({ throughUi: true, release: '2.5.0' });
    const result = await deploy(request(fake));
    expect(result.server).toEqual({ api: 'v2beta1', version: '2.5.0', multiUser: false });
  });

  it('deploys a KFP v1 pipeline to a 2.x server through v1beta1 when asked for kfp-v1', async () => {
    const fake = await startFake();
    const first = await deploy(request(fake, { format: 'kfp-v1', run: { parameters: new Map([['epochs', '4']]) } }));
    expect(first).toMatchObject({ format: 'kfp-v1', api: 'v1beta1' });
    expect(fake.requestsTo('POST', '/apis/v1beta1/pipelines/upload')).toHaveLength(1);
    // 2.x keeps an Argo workflow re-serialised as JSON: "same content" compares documents.
    const again = await deploy(request(fake, { format: 'kfp-v1' }));
    expect(again.version).toMatchObject({ id: first.version.id, created: false });
  });
});

describe('deploy to KFP 1.8 (v1beta1)', () => {
  it('detects 1.8 by its v1beta1 healthz, uploads KFP v1 YAML and runs it with string parameters', async () => {
    const fake = await startFake({ release: '1.8.5' });
    const result = await deploy(request(fake, { run: { parameters: new Map([['epochs', '30']]) } }));
    expect(result).toMatchObject({ format: 'kfp-v1', api: 'v1beta1', server: { api: 'v1beta1', version: '1.8.5' } });
    expect(result.version.name).toBe('churn model');
    expect(fake.versions.get(result.version.id)?.text).toBe(example('kfp-v1'));
    const run = fake.runs.get(result.run!.id)!;
    // Workflow defaults that are Argo expressions ({{workflow.uid}}) are left to the workflow.
    expect(Object.fromEntries(run.parameters)).toEqual({ learning_rate: '0.01', epochs: '30' });
    const body = fake.requestsTo('POST', '/apis/v1beta1/runs')[0].json;
    expect(body).toMatchObject({
      resource_references: [
        { key: { type: 'EXPERIMENT', id: result.experiment!.id }, relationship: 'OWNER' },
        { key: { type: 'PIPELINE_VERSION', id: result.version.id }, relationship: 'CREATOR' },
      ],
    });
  });

  it('same content again: the first version (named after the pipeline) is recognised by its file', async () => {
    const fake = await startFake({ release: '1.8.5' });
    const first = await deploy(request(fake));
    const again = await deploy(request(fake));
    expect(again.version).toMatchObject({ id: first.version.id, created: false });
    expect(fake.requestsTo('POST', /upload/)).toHaveLength(1);
    // A comment is no change (the documents are compared); another generateName is.
    const other = example('kfp-v1').replace('generateName: magnus-dag-', 'generateName: magnus-dag-2-');
    expect((await deploy(request(fake, { emit: () => ({ text: `${example('kfp-v1')}# comment\n` }) }))).version.created).toBe(false);
    const changed = await deploy(request(fake, { emit: () => ({ text: other }) }));
    expect(changed.version).toMatchObject({ created: true });
    expect(changed.version.name).toMatch(/^sha256-/);
    const unchanged = await deploy(request(fake, { emit: () => ({ text: other }) }));
    expect(unchanged.version).toMatchObject({ id: changed.version.id, created: false });
  });

  it('refuses --target kfp-v2 on 1.8, and finds 1.8 behind its UI server (a page on v2beta1)', async () => {
    const fake = await startFake({ release: '1.8.5', throughUi: true });
    const error = await failure(deploy(request(fake, { format: 'kfp-v2' })));
    expect(error.kind).toBe('usage');
    expect(error.message).toMatch(/Kubeflow Pipelines 1\.8\.5, which runs KFP v1 \(Argo\) pipelines only/);
    expect((await deploy(request(fake))).api).toBe('v1beta1');
  });

  it('a duplicate upload on 1.8 (500 "already exist") counts as a conflict and is resolved', async () => {
    const fake = await startFake({ release: '1.8.5' });
    fake.inject('/apis/v1beta1/pipelines', { status: 200, body: '{}' }, { method: 'GET' });
    fake.seedPipeline('churn model', example('kfp-v1'));
    // The lookup missed it (a race): the upload's 500 "already exist" leads to a second lookup.
    const result = await deploy(request(fake));
    expect(result.pipeline.created).toBe(false);
    expect(result.version.created).toBe(false);
  });
});

describe('errors', () => {
  it('401: says no credentials were sent; a wrong token names its source, never its value', async () => {
    const fake = await startFake({ bearer: 'right-token-123', echoCredentials: true });
    const none = await failure(deploy(request(fake)));
    expect(none.kind).toBe('auth');
    expect(none.status).toBe(401);
    expect(none.message).toMatch(/look up pipeline "churn model": 401 not authenticated: User identity is empty in the request header .*\(sent no credentials\)/);

    const wrong = await failure(deploy(request(fake, { transport: transport(fake.url, { auth: { bearer: { token: 'wrong-token-456', source: 'KFP_TOKEN' } } }) })));
    expect(wrong.message).toMatch(/401 not authenticated: Failed to authenticate the token/);
    expect(wrong.message).toContain('(sent a bearer token from KFP_TOKEN)');
    expect(wrong.message).not.toContain('wrong-token-456');
    expect(wrong.message).toContain('[redacted]');

    const right = await deploy(request(fake, { transport: transport(fake.url, { auth: { bearer: { token: 'right-token-123', source: 'KFP_TOKEN' } } }) }));
    expect(right.pipeline.created).toBe(true);
  });

  it('a session cookie is sent as Cookie and never shown', async () => {
    const fake = await startFake({ cookie: 'oauth2_proxy_kubeflow=sess-789', echoCredentials: true });
    const auth = { cookie: { value: 'oauth2_proxy_kubeflow=wrong-000', source: 'KFP_COOKIE' } };
    const error = await failure(deploy(request(fake, { transport: transport(fake.url, { auth }) })));
    expect(error.message).toContain('sent a session cookie from KFP_COOKIE');
    expect(error.message).not.toMatch(/wrong-000/);
    const ok = await deploy(request(fake, { transport: transport(fake.url, { auth: { cookie: { value: 'oauth2_proxy_kubeflow=sess-789', source: 'KFP_COOKIE' } } }) }));
    expect(ok.pipeline.created).toBe(true);
    expect(fake.requests.at(-1)?.headers.cookie).toBe('oauth2_proxy_kubeflow=sess-789');
  });

  it('a login proxy: a redirect to the login, or its HTML page, is an auth problem', async () => {
    const redirecting = await startFake({ cookie: 'authservice_session=s', login: 'redirect' });
    const redirect = await failure(deploy(request(redirecting)));
    expect(redirect.kind).toBe('auth');
    expect(redirect.message).toMatch(/redirected to \/dex\/auth\?.*as a login page does.*sent no credentials/);
    const page = await startFake({ cookie: 'authservice_session=s', login: 'page' });
    const html = await failure(deploy(request(page)));
    expect(html.kind).toBe('auth');
    expect(html.message).toMatch(/HTML page instead of the Kubeflow Pipelines API — a login page\?/);
  });

  it('403 from Istio (text/plain RBAC: access denied)', async () => {
    const fake = await startFake();
    fake.inject('/apis/v2beta1/pipelines', { status: 403, body: 'RBAC: access denied', contentType: 'text/plain' }, { method: 'GET' });
    const error = await failure(deploy(request(fake, { transport: transport(fake.url, { auth: { bearer: { token: 'tok-abcdef', source: '--token-file t' } } }) })));
    expect(error).toMatchObject({ kind: 'auth', status: 403 });
    expect(error.message).toBe('look up pipeline "churn model": 403 permission denied: RBAC: access denied (sent a bearer token from --token-file t)');
  });

  it('400 with the server’s message, in the upload handler’s own error body', async () => {
    const fake = await startFake();
    const error = await failure(deploy(request(fake, { emit: () => ({ text: 'hello: world\n' }) })));
    expect(error).toMatchObject({ kind: 'invalid', status: 400 });
    expect(error.message).toMatch(/^upload version "sha256-[0-9a-f]{12}": 400 refused: Failed to create a pipeline: the file is neither a KFP v2 pipeline spec nor an Argo workflow: upload failed: /);
    // The empty pipeline made for that upload is removed again.
    expect(fake.pipelines.size).toBe(0);
  });

  it('the message of every error body: googleRpcStatus (2.14+), runtimeError with api.Error details (≤ 2.5)', async () => {
    for (const release of ['2.17.0', '2.5.0'] as const) {
      const fake = await startFake({ release });
      await deploy(request(fake, { run: { parameters: new Map() } }));
      fake.inject('/apis/v2beta1/runs', { status: 404, body: JSON.stringify(release === '2.17.0' ? { code: 5, message: 'internal chain', details: [{ '@type': 'type.googleapis.com/google.rpc.Status', code: 5, message: 'Pipeline version gone' }] } : { error: 'internal chain', code: 5, message: 'internal chain', details: [{ '@type': 'type.googleapis.com/api.Error', error_message: 'Pipeline version gone', error_details: 'internal chain' }] }) });
      const error = await failure(deploy(request(fake, { run: { parameters: new Map() } })));
      expect(error).toMatchObject({ kind: 'not-found', status: 404 });
      expect(error.message).toMatch(/^start run ".*": 404 not found: Pipeline version gone$/);
    }
  });

  it('409 from the server on an upload that a lookup cannot explain', async () => {
    const fake = await startFake();
    fake.inject('/apis/v2beta1/pipelines/upload_version', { status: 409, body: JSON.stringify({ error_message: 'Failed to create a pipeline version', error_details: 'already exists' }) });
    const error = await failure(deploy(request(fake)));
    expect(error).toMatchObject({ kind: 'conflict', status: 409 });
    expect(error.message).toMatch(/409 already exists: Failed to create a pipeline version: already exists$/);
  });

  it('no Kubeflow Pipelines at the address: both healthz answer 404', async () => {
    const fake = await startFake();
    fake.inject(/healthz$/, { status: 404, body: '404 page not found', contentType: 'text/plain' }, { times: 2 });
    const error = await failure(deploy(request(fake)));
    expect(error.kind).toBe('not-found');
    expect(error.message).toMatch(/^no Kubeflow Pipelines API at http:\/\/127\.0\.0\.1:\d+: .*The address is the prefix of \/apis\//);
  });

  it('transient 5xx are retried with backoff, a bounded number of times', async () => {
    const fake = await startFake();
    fake.inject('/apis/v2beta1/pipelines', { status: 503, body: 'upstream connect error', contentType: 'text/plain' }, { method: 'GET', times: 2 });
    const retries: RetryEvent[] = [];
    const delays: number[] = [];
    const sleep = async (ms: number) => void delays.push(ms);
    const result = await deploy(request(fake, { transport: transport(fake.url, { retries: 2, sleep, onRetry: (e) => retries.push(e) }) }));
    expect(result.pipeline.created).toBe(true);
    expect(fake.requestsTo('GET', '/apis/v2beta1/pipelines')).toHaveLength(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(delays).toEqual([250, 500]); // 500 ms doubling, jitter 0.5–1 (random 0 here)

    fake.inject('/apis/v2beta1/pipelines', { status: 502, body: '' }, { method: 'GET', times: 3 });
    const exhausted = await failure(deploy(request(fake, { transport: transport(fake.url, { retries: 2 }) })));
    expect(exhausted).toMatchObject({ kind: 'server', status: 502 });
  });

  it('a run is not retried when the server may have started it (502), but is on 503 and Retry-After', async () => {
    const fake = await startFake();
    fake.inject('/apis/v2beta1/runs', { status: 502, body: '' });
    const error = await failure(deploy(request(fake, { run: { parameters: new Map() } })));
    expect(error.status).toBe(502);
    expect(fake.requestsTo('POST', '/apis/v2beta1/runs')).toHaveLength(1);

    fake.inject('/apis/v2beta1/runs', { status: 503, body: '', headers: { 'Retry-After': '3' } });
    const delays: number[] = [];
    const result = await deploy(request(fake, { run: { parameters: new Map() }, transport: transport(fake.url, { sleep: async (ms) => void delays.push(ms) }) }));
    expect(result.run).toBeDefined();
    expect(delays).toEqual([3000]);
    expect(fake.runs.size).toBe(1);
  });

  it('network failure: nothing listening, retried, then a clear message', async () => {
    const port = await closedPort();
    const retries: RetryEvent[] = [];
    const error = await failure(deploy({ ...request({ url: '' } as FakeKfp), transport: transport(`http://127.0.0.1:${port}`, { onRetry: (e) => retries.push(e) }) }));
    expect(error.kind).toBe('network');
    expect(error.message).toBe(`check the server (v2beta1 healthz): cannot reach http://127.0.0.1:${port} (ECONNREFUSED connect ECONNREFUSED 127.0.0.1:${port})`);
    expect(retries).toHaveLength(2);
  });

  it('timeout: a server that never answers is abandoned after the timeout, reads retried once', async () => {
    const fake = await startFake();
    fake.inject('/apis/v2beta1/pipelines', 'hang', { method: 'GET', times: 2 });
    const error = await failure(deploy(request(fake, { transport: transport(fake.url, { timeoutMs: 300, retries: 1 }) })));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('look up pipeline "churn model": no answer within 0.3 s');
    expect(fake.requestsTo('GET', '/apis/v2beta1/pipelines')).toHaveLength(2);
  });

  it('cancelling stops at once', async () => {
    const fake = await startFake();
    fake.inject('/apis/v2beta1/pipelines', 'hang', { method: 'GET' });
    const controller = new AbortController();
    const pending = deploy(request(fake, { transport: transport(fake.url, { signal: controller.signal }), onProgress: () => setTimeout(() => controller.abort(), 50) }));
    const error = await failure(pending);
    expect(error.kind).toBe('cancelled');
  });
});

describe('against Prism itself (the contract’s own examples)', () => {
  /** Fails on any Prism answer that reports a request violation. */
  function checkedFetch(prefer?: (url: string) => string | undefined): { fetch: typeof fetch; violations: string[] } {
    const violations: string[] = [];
    const wrapped: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      const code = prefer?.(String(input));
      if (code) headers.set('Prefer', `code=${code}`);
      const response = await fetch(input, { ...init, headers });
      const header = response.headers.get('sl-violations');
      for (const v of header ? (JSON.parse(header) as { location: string[]; message: string }[]) : []) if (v.location[0] === 'request') violations.push(`${String(input)}: ${v.message}`);
      return response;
    };
    return { fetch: wrapped, violations };
  }
  const auth = { bearer: { token: 'prism-token', source: 'KFP_TOKEN' } };

  it('accepts every request of a whole deployment with a run, v2beta1 and v1beta1', async () => {
    for (const api of ['v2beta1', 'v1beta1'] as const) {
      const { fetch: checked, violations } = checkedFetch((url) => (api === 'v1beta1' && url.includes('/v2beta1/') ? '404' : undefined));
      const base = contracts()[api].prismUrl;
      const result = await deploy({
        transport: transport(base, { fetch: checked, auth }),
        emit: (format) => ({ text: format === 'kfp-v2' ? TYPED_IR : example('kfp-v1') }),
        pipelineName: 'contract-check',
        namespace: 'team-a',
        run: { parameters: new Map([['epochs', '5'], ['tag', 'x']].filter(([name]) => api === 'v2beta1' || name === 'epochs') as [string, string][]) },
      });
      expect(violations).toEqual([]);
      expect(result.api).toBe(api);
      // Prism's examples: every list holds one object named "string", so everything was "created".
      expect(result.pipeline.created).toBe(true);
      expect(result.run?.id).toBe('string');
    }
  });

  it('reads the message of the contract’s error body (googleRpcStatus) for each status', async () => {
    const base = contracts().v2beta1.prismUrl;
    for (const [code, kind] of [
      ['401', 'auth'],
      ['403', 'auth'],
      ['404', 'not-found'],
      ['409', 'conflict'],
      ['400', 'invalid'],
    ] as const) {
      const { fetch: checked, violations } = checkedFetch((url) => (url.includes('/pipelines?') ? code : undefined));
      const error = await failure(deploy({ transport: transport(base, { fetch: checked, auth }), emit: () => ({ text: TYPED_IR }), pipelineName: 'p', namespace: 'n' }));
      expect(violations).toEqual([]);
      expect(error.kind).toBe(kind);
      expect(error.message).toMatch(new RegExp(`^look up pipeline "p": ${code} .*: string`));
    }
  });
});
