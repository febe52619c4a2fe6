/**
 * A small stateful Kubeflow Pipelines API server for the deploy tests. Prism alone answers every
 * valid request with the same example, so it cannot say "this pipeline exists" or "that version
 * name is taken"; this fake keeps pipelines, versions, experiments and runs, and answers as the
 * real server does per the team's kfp-api README (status codes, the error body of each release,
 * the upload handlers' own error body, filter double-decoding, multi-user rules, parameter type
 * checks, the healthz of the API server and of the UI server in front of it).
 *
 * Every request is first checked against the official swagger (`Contract`: Prism, strict JSON
 * bodies, declared query parameters). A violation is recorded in `violations` and answered 400,
 * so a test fails twice over: on the client's error, and on `violations` not being empty.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAllDocuments } from 'yaml';
import type { Contract } from './contract';

export type Release = '2.17.0' | '2.5.0' | '1.8.5';
type Api = 'v2beta1' | 'v1beta1';
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface FakeKfpOptions {
  contracts: Partial<Record<Api, Contract>>;
  release?: Release;
  multiUser?: boolean;
  /** The bearer token the server accepts; requests without it get 401 (healthz excepted). */
  bearer?: string;
  /** A cookie (`name=value`) that is accepted instead, as a login proxy's session. */
  cookie?: string;
  /** A login proxy in front: unauthenticated requests get a redirect to it or its page instead of a 401. */
  login?: 'redirect' | 'page';
  /** Reached through the KFP UI server, which answers healthz itself. */
  throughUi?: boolean;
  /** Error messages repeat the credentials received, to prove the client never shows them. */
  echoCredentials?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Header names lower-case. */
  headers: Record<string, string>;
  json?: unknown;
  file?: { field: string; fileName: string; text: string };
}

export type Reply = { status: number; body?: string; contentType?: string; headers?: Record<string, string> } | 'hang' | 'reset';

interface Injection {
  method?: string;
  path: string | RegExp;
  times: number;
  reply: Reply;
}

interface StoredPipeline {
  id: string;
  name: string;
  description?: string;
  namespace: string;
  createdAt: string;
}
interface StoredVersion {
  id: string;
  pipelineId: string;
  name: string;
  description?: string;
  text: string;
  createdAt: string;
}
interface StoredExperiment {
  id: string;
  name: string;
  namespace: string;
  createdAt: string;
}
export interface StoredRun {
  id: string;
  api: Api;
  name: string;
  experimentId: string;
  versionId: string;
  parameters: Map<string, JsonValue>;
}

const MAX_UPLOAD = 32 * 1024 * 1024;
const UPLOAD_EXTENSIONS = /\.(ya?ml|json)$/i;
const LOGIN_PAGE = '<!DOCTYPE html><html><head><title>Log in to Your Account</title></head><body><form action="/dex/auth/local">Log in</form></body></html>';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly upload = false,
  ) {
    super(message);
  }
}

export class FakeKfp {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly pipelines = new Map<string, StoredPipeline>();
  readonly versions = new Map<string, StoredVersion>();
  readonly experiments = new Map<string, StoredExperiment>();
  readonly runs = new Map<string, StoredRun>();
  url = '';
  private readonly server: Server;
  private readonly injections: Injection[] = [];
  private readonly options: FakeKfpOptions & { release: Release };
  private counter = 0;

  private constructor(options: FakeKfpOptions) {
    this.options = { release: '2.17.0', ...options };
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: FakeKfpOptions): Promise<FakeKfp> {
    const fake = new FakeKfp(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests matching get `reply` instead of the server's answer. */
  inject(path: string | RegExp, reply: Reply, options: { method?: string; times?: number } = {}) {
    this.injections.push({ path, reply, method: options.method, times: options.times ?? 1 });
  }

  /** Seeds an existing pipeline (e.g. uploaded by someone else, its first version named after it). */
  seedPipeline(name: string, text: string, namespace = ''): { pipeline: StoredPipeline; version: StoredVersion } {
    const pipeline = this.addPipeline(name, namespace);
    return { pipeline, version: this.addVersion(pipeline.id, name, text) };
  }

  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  private get modern() {
    return this.options.release === '2.17.0';
  }
  private get isV1Server() {
    return this.options.release === '1.8.5';
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers };
    this.requests.push(recorded);
    const api: Api | undefined = url.pathname.startsWith('/apis/v2beta1/') ? 'v2beta1' : url.pathname.startsWith('/apis/v1beta1/') ? 'v1beta1' : undefined;
    try {
      if (api === 'v2beta1' && this.isV1Server) return this.noV2(res);
      const contract = api && this.options.contracts[api];
      if (contract) {
        const violations = await contract.violations({ method: recorded.method, url: req.url ?? '/', headers, body });
        if (violations.length > 0) {
          this.violations.push(...violations.map((v) => `${recorded.method} ${url.pathname}: ${v}`));
          throw new HttpError(400, 3, `contract violation: ${violations.join('; ')}`);
        }
      }
      if (/json/.test(headers['content-type'] ?? '') && body.length > 0) recorded.json = JSON.parse(body.toString('utf8'));
      if (/multipart\/form-data/.test(headers['content-type'] ?? '')) recorded.file = await readFile(recorded, body);

      const injected = this.takeInjection(recorded);
      if (injected) return this.reply(req, res, injected);
      if (!api) throw new HttpError(404, 5, 'Not Found');
      if (!url.pathname.endsWith('/healthz')) this.authenticate(recorded);
      const answer = this.route(api, recorded);
      send(res, 200, JSON.stringify(answer));
    } catch (error) {
      if (error instanceof Unauthenticated) return this.unauthenticated(res, recorded, error.message);
      if (!(error instanceof HttpError)) {
        send(res, 500, JSON.stringify({ code: 13, message: String(error) }));
        return;
      }
      const message = this.options.echoCredentials ? `${error.message} (received authorization: ${headers.authorization ?? '-'}, cookie: ${headers.cookie ?? '-'})` : error.message;
      send(res, error.status, JSON.stringify(error.upload ? { error_message: message, error_details: `upload failed: ${message}` } : this.rpcError(error.code, message)));
    }
  }

  /** The error body of the release: grpc-gateway v2 googleRpcStatus from 2.14 on, v1.16's runtimeError before (README §5). */
  private rpcError(code: number, message: string) {
    if (this.modern) return { code, message: `InternalError: wrapped: ${message}`, details: [{ '@type': 'type.googleapis.com/google.rpc.Status', code, message }] };
    return { error: `wrapped: ${message}`, code, message: `wrapped: ${message}`, details: [{ '@type': 'type.googleapis.com/api.Error', error_message: message, error_details: `wrapped: ${message}` }] };
  }

  private noV2(res: ServerResponse) {
    // The 1.8 API server has no v2beta1 routes; the 1.8 UI server answers unknown paths with its page.
    if (this.options.throughUi) send(res, 200, '<!DOCTYPE html><html><body>Kubeflow Pipelines</body></html>', 'text/html');
    else send(res, 404, '404 page not found\n', 'text/plain; charset=utf-8');
  }

  private takeInjection(request: RecordedRequest): Reply | undefined {
    const index = this.injections.findIndex(
      (i) => i.times > 0 && (!i.method || i.method === request.method) && (typeof i.path === 'string' ? i.path === request.path : i.path.test(request.path)),
    );
    if (index < 0) return undefined;
    const injection = this.injections[index];
    injection.times -= 1;
    return injection.reply;
  }

  private reply(req: IncomingMessage, res: ServerResponse, reply: Reply) {
    if (reply === 'hang') return; // closeAllConnections() ends it
    if (reply === 'reset') {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json', ...reply.headers });
    res.end(reply.body ?? '');
  }

  private authenticate(request: RecordedRequest) {
    const { bearer, cookie } = this.options;
    if (!bearer && !cookie) return;
    if (bearer && request.headers.authorization === `Bearer ${bearer}`) return;
    if (cookie && (request.headers.cookie ?? '').split(/;\s*/).includes(cookie)) return;
    throw new Unauthenticated(request.headers.authorization || request.headers.cookie ? 'Failed to authenticate the token: token review failed' : 'User identity is empty in the request header');
  }

  private unauthenticated(res: ServerResponse, request: RecordedRequest, message: string) {
    if (this.options.login === 'redirect') {
      res.writeHead(302, { Location: `/dex/auth?client_id=kubeflow-oidc-authservice&redirect_uri=${encodeURIComponent(request.path)}` });
      res.end();
      return;
    }
    if (this.options.login === 'page') return send(res, 200, LOGIN_PAGE, 'text/html; charset=utf-8');
    const echoed = this.options.echoCredentials ? `${message} (received authorization: ${request.headers.authorization ?? '-'}, cookie: ${request.headers.cookie ?? '-'})` : message;
    send(res, 401, JSON.stringify(this.rpcError(16, echoed)));
  }

  private route(api: Api, request: RecordedRequest): unknown {
    const { method, path } = request;
    const base = `/apis/${api}`;
    const rest = path.slice(base.length);
    const key = `${method} ${rest.replace(/\/[^/]+(?=\/versions$|\/templates$)/, '/{id}').replace(/^\/pipelines\/(?!upload)[^/]+$/, '/pipelines/{id}')}`;
    if (api === 'v2beta1') {
      switch (key) {
        case 'GET /healthz':
          return this.healthz();
        case 'GET /pipelines':
          return this.listPipelinesV2(request);
        case 'POST /pipelines':
          return this.createPipelineV2(request);
        case 'DELETE /pipelines/{id}':
          return this.deletePipeline(rest.split('/')[2]);
        case 'GET /pipelines/{id}/versions':
          return this.listVersionsV2(request, decodeURIComponent(rest.split('/')[2]));
        case 'POST /pipelines/upload':
          return this.uploadPipeline(request, 'v2beta1');
        case 'POST /pipelines/upload_version':
          return this.uploadVersion(request, 'v2beta1');
        case 'GET /experiments':
          return this.listExperiments(request, 'v2beta1');
        case 'POST /experiments':
          return this.createExperiment(request, 'v2beta1');
        case 'POST /runs':
          return this.createRunV2(request);
      }
    } else {
      switch (key) {
        case 'GET /healthz':
          return this.healthz();
        case 'GET /pipelines':
          return this.listPipelinesV1(request);
        case 'POST /pipelines/upload':
          return this.uploadPipeline(request, 'v1beta1');
        case 'POST /pipelines/upload_version':
          return this.uploadVersion(request, 'v1beta1');
        case 'GET /pipeline_versions':
          return this.listVersionsV1(request);
        case 'GET /pipeline_versions/{id}/templates':
          return this.template(decodeURIComponent(rest.split('/')[2]));
        case 'GET /experiments':
          return this.listExperiments(request, 'v1beta1');
        case 'POST /experiments':
          return this.createExperiment(request, 'v1beta1');
        case 'POST /runs':
          return this.createRunV1(request);
      }
    }
    throw new HttpError(501, 12, `the fake does not implement ${method} ${path}`);
  }

  private healthz() {
    const { release, multiUser = false, throughUi } = this.options;
    if (throughUi) {
      return {
        apiServerReady: true,
        apiServerCommitHash: 'abc123',
        apiServerTagName: release,
        apiServerMultiUser: multiUser,
        multi_user: multiUser,
        buildDate: 'Tue, 01 Dec 2026',
        frontendCommitHash: 'def456',
        frontendTagName: release,
      };
    }
    return { commit_sha: 'abc123', tag_name: release, multi_user: multiUser };
  }

  // ---- pipelines and versions ----

  private nextId(kind: string) {
    this.counter += 1;
    return `${kind}-${String(this.counter).padStart(4, '0')}-id`;
  }

  private addPipeline(name: string, namespace: string, description?: string): StoredPipeline {
    if (name.length > (this.isV1Server ? 100 : 128)) throw new HttpError(400, 3, `Pipeline.Name length cannot exceed the limit`);
    const duplicate = [...this.pipelines.values()].some((p) => p.name === name && p.namespace === namespace);
    if (duplicate) throw new HttpError(409, 6, `Failed to create a pipeline. Pipeline with name ${name} already exists in namespace ${namespace}`);
    const pipeline = { id: this.nextId('pipeline'), name, namespace, createdAt: now(), ...(description ? { description } : {}) };
    this.pipelines.set(pipeline.id, pipeline);
    return pipeline;
  }

  private addVersion(pipelineId: string, name: string, text: string, description?: string): StoredVersion {
    if (name.length > 127) throw new HttpError(400, 3, 'PipelineVersion.Name length cannot exceed the limit', true);
    if ([...this.versions.values()].some((v) => v.pipelineId === pipelineId && v.name === name)) {
      throw new HttpError(409, 6, `Failed to create a pipeline version: a version named ${name} already exists`);
    }
    const version = { id: this.nextId('version'), pipelineId, name, text, createdAt: now(), ...(description ? { description } : {}) };
    this.versions.set(version.id, version);
    return version;
  }

  private listPipelinesV2(request: RecordedRequest) {
    const predicates = filterOf(request.query, 'v2beta1');
    const namespace = request.query.get('namespace') ?? '';
    const pipelines = [...this.pipelines.values()].filter((p) => p.namespace === namespace && matches(predicates, { name: p.name, display_name: p.name }));
    return pipelines.length === 0 ? {} : { pipelines: pipelines.map((p) => this.pipelineV2(p)), total_size: pipelines.length };
  }

  private pipelineV2(p: StoredPipeline) {
    return {
      pipeline_id: p.id,
      ...(this.modern ? { name: p.name } : {}),
      display_name: p.name,
      ...(p.description ? { description: p.description } : {}),
      created_at: p.createdAt,
      ...(p.namespace ? { namespace: p.namespace } : {}),
    };
  }

  private versionV2(v: StoredVersion) {
    return {
      pipeline_id: v.pipelineId,
      pipeline_version_id: v.id,
      ...(this.modern ? { name: v.name } : {}),
      display_name: v.name,
      ...(v.description ? { description: v.description } : {}),
      created_at: v.createdAt,
      pipeline_spec: firstDocument(v.text) as JsonValue,
    };
  }

  private createPipelineV2(request: RecordedRequest) {
    const body = objectBody(request);
    // Before 2.14 the Pipeline message had no `name` (README §3.1): protojson refuses unknown fields.
    if (!this.modern && 'name' in body) throw new HttpError(400, 3, 'proto: (line 1:2): unknown field "name"');
    const name = str(body.name) || str(body.display_name);
    if (!name) throw new HttpError(400, 3, 'Invalid input error: pipeline name is empty');
    const namespace = str(body.namespace);
    return this.pipelineV2(this.addPipeline(name, namespace, str(body.description) || undefined));
  }

  private deletePipeline(id: string) {
    if (!this.pipelines.has(id)) throw new HttpError(404, 5, `Pipeline ${id} not found`);
    if ([...this.versions.values()].some((v) => v.pipelineId === id)) throw new HttpError(400, 9, 'Pipeline has versions: delete them first or use cascade');
    this.pipelines.delete(id);
    return {};
  }

  private listVersionsV2(request: RecordedRequest, pipelineId: string) {
    if (!this.pipelines.has(pipelineId)) throw new HttpError(404, 5, `Pipeline ${pipelineId} not found`);
    const predicates = filterOf(request.query, 'v2beta1');
    const versions = [...this.versions.values()].filter((v) => v.pipelineId === pipelineId && matches(predicates, { name: v.name, display_name: v.name }));
    return versions.length === 0 ? {} : { pipeline_versions: versions.map((v) => this.versionV2(v)), total_size: versions.length };
  }

  /** The checks of ReadPipelineFile: a part named uploadfile, a .yaml/.yml/.json name, 32 MiB, a pipeline inside. */
  private uploadedFile(request: RecordedRequest, api: Api): string {
    const file = request.file;
    if (!file || file.field !== 'uploadfile') throw new HttpError(400, 3, 'Failed to read pipeline from file', true);
    if (!UPLOAD_EXTENSIONS.test(file.fileName)) throw new HttpError(400, 3, 'Unexpected pipeline file format. Support .zip, .tar.gz, .json or YAML.', true);
    if (file.text.length > MAX_UPLOAD) throw new HttpError(400, 3, 'File size too large. Maximum supported size: 32MiB', true);
    const document = firstDocument(file.text);
    const isArgo = isObject(document) && document.kind === 'Workflow';
    const isIr = isObject(document) && isObject(document.pipelineInfo) && isObject(document.root);
    if (!isArgo && !isIr) throw new HttpError(400, 3, 'Failed to create a pipeline: the file is neither a KFP v2 pipeline spec nor an Argo workflow', true);
    if (isIr && (this.isV1Server || api === 'v1beta1')) throw new HttpError(400, 3, 'Failed to parse the pipeline spec: unknown template format (a KFP v2 spec needs the v2beta1 API of KFP 2.x)', true);
    return file.text;
  }

  private uploadPipeline(request: RecordedRequest, api: Api) {
    const text = this.uploadedFile(request, api);
    const name = request.query.get('name') || request.query.get('display_name') || request.file!.fileName;
    const namespace = request.query.get('namespace') ?? '';
    let pipeline: StoredPipeline;
    try {
      pipeline = this.addPipeline(name, namespace, request.query.get('description') || undefined);
    } catch (error) {
      throw this.uploadConflict(error, 'Failed to create a pipeline and a pipeline version');
    }
    const version = this.addVersion(pipeline.id, name, text, pipeline.description);
    if (api === 'v2beta1') return this.pipelineV2(pipeline);
    return { ...this.pipelineV1(pipeline), default_version: this.versionV1(version) };
  }

  /** 409 from 2.1 on; 1.8 and 2.0 answer a duplicate with 500 "…already exist…" (README §5). */
  private uploadConflict(error: unknown, message: string): unknown {
    if (!(error instanceof HttpError) || error.status !== 409) return error;
    return this.isV1Server ? new HttpError(500, 13, `${message}: ${error.message}`, true) : new HttpError(409, 6, message, true);
  }

  private uploadVersion(request: RecordedRequest, api: Api) {
    const text = this.uploadedFile(request, api);
    const pipelineId = request.query.get('pipelineid') ?? '';
    if (!pipelineId) throw new HttpError(400, 3, 'Failed to create a pipeline version', true);
    if (!this.pipelines.has(pipelineId)) throw new HttpError(400, 3, 'Failed to create a pipeline version', true);
    const name = request.query.get('name') || request.query.get('display_name') || request.file!.fileName;
    let version: StoredVersion;
    try {
      version = this.addVersion(pipelineId, name, text, request.query.get('description') || undefined);
    } catch (error) {
      throw this.uploadConflict(error, 'Failed to create a pipeline version');
    }
    return api === 'v2beta1' ? this.versionV2(version) : this.versionV1(version);
  }

  private pipelineV1(p: StoredPipeline) {
    return { id: p.id, name: p.name, ...(p.description ? { description: p.description } : {}), created_at: p.createdAt };
  }

  private versionV1(v: StoredVersion) {
    return { id: v.id, name: v.name, created_at: v.createdAt, resource_references: [{ key: { type: 'PIPELINE', id: v.pipelineId }, relationship: 'OWNER' }] };
  }

  private listPipelinesV1(request: RecordedRequest) {
    const predicates = filterOf(request.query, 'v1beta1');
    const pipelines = [...this.pipelines.values()].filter((p) => matches(predicates, { name: p.name }));
    const latest = (p: StoredPipeline) => [...this.versions.values()].filter((v) => v.pipelineId === p.id).pop();
    return pipelines.length === 0 ? {} : { pipelines: pipelines.map((p) => ({ ...this.pipelineV1(p), ...(latest(p) ? { default_version: this.versionV1(latest(p)!) } : {}) })), total_size: pipelines.length };
  }

  private listVersionsV1(request: RecordedRequest) {
    if (request.query.get('resource_key.type') !== 'PIPELINE') throw new HttpError(400, 3, 'Invalid input error: resource_key.type must be PIPELINE');
    const pipelineId = request.query.get('resource_key.id') ?? '';
    if (!this.pipelines.has(pipelineId)) throw new HttpError(404, 5, `Pipeline ${pipelineId} not found`);
    const predicates = filterOf(request.query, 'v1beta1');
    const versions = [...this.versions.values()].filter((v) => v.pipelineId === pipelineId && matches(predicates, { name: v.name }));
    return versions.length === 0 ? {} : { versions: versions.map((v) => this.versionV1(v)), total_size: versions.length };
  }

  /** 1.8 keeps the file as uploaded; 2.x stores an Argo workflow re-serialised as JSON. */
  private template(versionId: string) {
    const version = this.versions.get(versionId);
    if (!version) throw new HttpError(404, 5, `Pipeline version ${versionId} not found`);
    return { template: this.isV1Server ? version.text : JSON.stringify(firstDocument(version.text)) };
  }

  // ---- experiments and runs ----

  private listExperiments(request: RecordedRequest, api: Api) {
    const namespace = api === 'v2beta1' ? (request.query.get('namespace') ?? '') : request.query.get('resource_reference_key.type') === 'NAMESPACE' ? (request.query.get('resource_reference_key.id') ?? '') : '';
    if (this.options.multiUser && !namespace) throw new HttpError(400, 3, 'Invalid input error: In multi-user mode, ListExperiment requires filtering by namespace');
    const predicates = filterOf(request.query, api);
    const experiments = [...this.experiments.values()].filter((e) => e.namespace === namespace && matches(predicates, { name: e.name, display_name: e.name }));
    if (experiments.length === 0) return {};
    return { experiments: experiments.map((e) => (api === 'v2beta1' ? this.experimentV2(e) : this.experimentV1(e))), total_size: experiments.length };
  }

  private experimentV2(e: StoredExperiment) {
    return { experiment_id: e.id, display_name: e.name, created_at: e.createdAt, ...(e.namespace ? { namespace: e.namespace } : {}), storage_state: 'AVAILABLE' };
  }

  private experimentV1(e: StoredExperiment) {
    return {
      id: e.id,
      name: e.name,
      created_at: e.createdAt,
      ...(e.namespace ? { resource_references: [{ key: { type: 'NAMESPACE', id: e.namespace }, relationship: 'OWNER' }] } : {}),
      storage_state: 'STORAGESTATE_AVAILABLE',
    };
  }

  private createExperiment(request: RecordedRequest, api: Api) {
    const body = objectBody(request);
    const name = api === 'v2beta1' ? str(body.display_name) : str(body.name);
    if (!name) throw new HttpError(400, 3, 'Invalid input error: Experiment name is empty. Please specify a valid experiment name');
    const references = Array.isArray(body.resource_references) ? body.resource_references.filter(isObject) : [];
    const namespaceRef = references.find((r) => isObject(r.key) && r.key.type === 'NAMESPACE');
    const namespace = api === 'v2beta1' ? str(body.namespace) : namespaceRef && isObject(namespaceRef.key) ? str(namespaceRef.key.id) : '';
    if (this.options.multiUser && !namespace) throw new HttpError(400, 3, 'Invalid input error: In multi-user mode, experiment namespace cannot be empty');
    if ([...this.experiments.values()].some((e) => e.name === name && e.namespace === namespace)) {
      throw new HttpError(409, 6, `Failed to create a new experiment: The name ${name} already exists. Please specify a new name`);
    }
    const experiment = { id: this.nextId('experiment'), name, namespace, createdAt: now() };
    this.experiments.set(experiment.id, experiment);
    return api === 'v2beta1' ? this.experimentV2(experiment) : this.experimentV1(experiment);
  }

  private createRunV2(request: RecordedRequest) {
    const body = objectBody(request);
    const name = str(body.display_name);
    if (!name) throw new HttpError(400, 3, 'Invalid input error: The run name is empty. Please specify a valid name');
    const experimentId = str(body.experiment_id);
    if (!experimentId && this.options.multiUser) throw new HttpError(400, 3, 'Invalid input error: Experiment id can not be empty in multi-user mode');
    if (experimentId && !this.experiments.has(experimentId)) throw new HttpError(404, 5, `Experiment ${experimentId} not found`);
    const reference = isObject(body.pipeline_version_reference) ? body.pipeline_version_reference : {};
    const version = this.versions.get(str(reference.pipeline_version_id));
    if (!version || version.pipelineId !== str(reference.pipeline_id)) throw new HttpError(404, 5, 'Pipeline version not found');
    const runtime = isObject(body.runtime_config) ? body.runtime_config : {};
    const parameters = new Map(Object.entries(isObject(runtime.parameters) ? runtime.parameters : {}) as [string, JsonValue][]);
    checkV2Parameters(firstDocument(version.text), parameters);
    const run: StoredRun = { id: this.nextId('run'), api: 'v2beta1', name, experimentId, versionId: version.id, parameters };
    this.runs.set(run.id, run);
    return {
      run_id: run.id,
      display_name: name,
      experiment_id: experimentId,
      pipeline_version_reference: { pipeline_id: version.pipelineId, pipeline_version_id: version.id },
      runtime_config: { parameters: Object.fromEntries(parameters) },
      storage_state: 'AVAILABLE',
      state: 'PENDING',
      created_at: now(),
    };
  }

  private createRunV1(request: RecordedRequest) {
    const body = objectBody(request);
    const name = str(body.name);
    if (!name) throw new HttpError(400, 3, 'Invalid input error: The run name is empty. Please specify a valid name');
    const references = Array.isArray(body.resource_references) ? body.resource_references.filter(isObject) : [];
    const refOf = (type: string) => references.map((r) => (isObject(r.key) && r.key.type === type ? str(r.key.id) : '')).find(Boolean) ?? '';
    const experimentId = refOf('EXPERIMENT');
    if (!this.experiments.has(experimentId)) throw new HttpError(404, 5, `Experiment ${experimentId} not found`);
    const version = this.versions.get(refOf('PIPELINE_VERSION'));
    if (!version) throw new HttpError(404, 5, 'Pipeline version not found');
    const spec = isObject(body.pipeline_spec) ? body.pipeline_spec : {};
    const given = (Array.isArray(spec.parameters) ? spec.parameters : []).filter(isObject);
    const declared = argoParameters(firstDocument(version.text));
    const parameters = new Map<string, JsonValue>();
    for (const p of given) {
      if (!declared.has(str(p.name))) throw new HttpError(400, 3, `Invalid input error: Unrecognized input parameter: ${str(p.name)}`);
      parameters.set(str(p.name), p.value as JsonValue);
    }
    const run: StoredRun = { id: this.nextId('run'), api: 'v1beta1', name, experimentId, versionId: version.id, parameters };
    this.runs.set(run.id, run);
    return {
      run: { id: run.id, name, pipeline_spec: { parameters: given }, resource_references: references, created_at: now(), status: '' },
      pipeline_runtime: { workflow_manifest: '{}' },
    };
  }
}

class Unauthenticated extends Error {}

/** validatePipelineJobInputs: unknown names, wrong types and missing required values are refused. */
function checkV2Parameters(spec: unknown, given: Map<string, JsonValue>) {
  const definitions = isObject(spec) && isObject(spec.root) && isObject(spec.root.inputDefinitions) && isObject(spec.root.inputDefinitions.parameters) ? spec.root.inputDefinitions.parameters : {};
  const declared = new Map(Object.entries(definitions).filter((e): e is [string, Record<string, unknown>] => isObject(e[1])));
  for (const [name, value] of given) {
    const definition = declared.get(name);
    if (!definition) throw new HttpError(400, 3, `Invalid input error: input parameter ${name} is not defined in the pipeline spec`);
    const type = str(definition.parameterType);
    const ok =
      type === 'STRING' ? typeof value === 'string'
      : type === 'NUMBER_INTEGER' ? Number.isInteger(value)
      : type === 'NUMBER_DOUBLE' ? typeof value === 'number'
      : type === 'BOOLEAN' ? typeof value === 'boolean'
      : type === 'LIST' ? Array.isArray(value)
      : type === 'STRUCT' ? isObject(value)
      : true;
    if (!ok) throw new HttpError(400, 3, `Invalid input error: input parameter ${name} requires type ${type}, got ${JSON.stringify(value)}`);
  }
  for (const [name, definition] of declared) {
    if (!given.has(name) && definition.defaultValue === undefined && definition.isOptional !== true) {
      throw new HttpError(400, 3, `Invalid input error: input parameter ${name} is required but missing`);
    }
  }
}

function argoParameters(workflow: unknown): Set<string> {
  const parameters = isObject(workflow) && isObject(workflow.spec) && isObject(workflow.spec.arguments) ? workflow.spec.arguments.parameters : [];
  return new Set((Array.isArray(parameters) ? parameters : []).filter(isObject).map((p) => str(p.name)));
}

interface Predicate {
  key: string;
  value: string;
}

/**
 * parseAPIFilter: the query value is URL-decoded once more (Go's QueryUnescape, `+` is a space),
 * then read as proto JSON, where the operator is `operation` in v2beta1 and `op` in v1beta1 and
 * any other field is an error.
 */
function filterOf(query: URLSearchParams, api: Api): Predicate[] {
  const raw = query.get('filter');
  if (raw === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(raw.replace(/\+/g, ' ')));
  } catch {
    throw new HttpError(400, 3, `Invalid input error: failed to parse the filter ${raw}`);
  }
  const operator = api === 'v2beta1' ? 'operation' : 'op';
  const predicates = isObject(parsed) && Array.isArray(parsed.predicates) ? parsed.predicates : [];
  return predicates.filter(isObject).map((p) => {
    const unknown = Object.keys(p).filter((k) => !['key', operator, 'string_value', 'stringValue'].includes(k));
    if (unknown.length > 0) throw new HttpError(400, 3, `Invalid input error: unknown field "${unknown[0]}" in filter predicate`);
    if (p[operator] !== 'EQUALS' && p[operator] !== 1) throw new HttpError(400, 3, `Invalid input error: unsupported filter operation ${String(p[operator])}`);
    return { key: str(p.key), value: str(p.string_value ?? p.stringValue) };
  });
}

function matches(predicates: Predicate[], fields: Record<string, string>): boolean {
  return predicates.every((p) => {
    if (!Object.hasOwn(fields, p.key)) throw new HttpError(400, 3, `Invalid input error: filter key ${p.key} is not supported`);
    return fields[p.key] === p.value;
  });
}

function firstDocument(text: string): unknown {
  const document = parseAllDocuments(text)[0];
  return document && 'toJS' in document ? document.toJS() : undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readFile(request: RecordedRequest, body: Buffer): Promise<RecordedRequest['file']> {
  const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': request.headers['content-type'] }, body: new Uint8Array(body) }).formData();
  for (const [field, value] of form) {
    if (typeof value !== 'string') return { field, fileName: value.name, text: await value.text() };
  }
  return undefined;
}

function objectBody(request: RecordedRequest): Record<string, unknown> {
  if (!isObject(request.json)) throw new HttpError(400, 3, 'Invalid input error: the body is not a JSON object');
  return request.json;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function send(res: ServerResponse, status: number, body: string, contentType = 'application/json') {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(body);
}
