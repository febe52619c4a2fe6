import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINT_META_NAME, parseEndpointInfo } from '../../deploy/endpoint-info';
import type { CliIo } from '../cli-io';
import { runServe } from './serve-command';
import { startServe, type RunningServer } from './server';

const INDEX = '<!doctype html><html><head><title>kfp-designer</title></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

let root: string;
let dist: string;
const cleanups: (() => Promise<void>)[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kfp-serve-'));
  dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'style-abc.css'), 'body{margin:0}');
  writeFileSync(join(dist, 'assets', 'codicon.ttf'), Buffer.from([0, 1, 0, 0]));
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
  symlinkSync(join(root, 'secret.txt'), join(dist, 'assets', 'link.txt'));
});

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: fetch would normalise the `..` this must send as is, and would add its own headers. */
function raw(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function serve(kfp?: Parameters<typeof startServe>[0]['kfp']): Promise<RunningServer> {
  const server = await startServe({ dist, port: 0, bind: '127.0.0.1', ...(kfp ? { kfp } : {}) });
  cleanups.push(server.close);
  return server;
}

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Kubeflow's stand-in: records what arrives, answers as told per path. */
async function upstream(answer: (seen: Seen) => { status: number; headers?: Record<string, string | string[]>; body?: string | Buffer }) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const record = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(record);
      const reply = answer(record);
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('kfp-designer serve: the build', () => {
  it('serves files with their content types and cache policy, gzip when asked, HEAD', async () => {
    const { url } = await serve();
    const page = await raw(url, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body.toString()).toBe(INDEX);
    const script = await raw(url, '/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(script.body).toString()).toBe(SCRIPT);
    expect((await raw(url, '/assets/index-abc123.js')).body.toString()).toBe(SCRIPT);
    expect((await raw(url, '/assets/style-abc.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw(url, '/assets/codicon.ttf')).headers['content-type']).toBe('font/ttf');
    const head = await raw(url, '/assets/index-abc123.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await raw(url, '/', { method: 'POST' })).status).toBe(405);
  });

  it('answers app routes with index.html, a missing asset with 404', async () => {
    const { url } = await serve();
    expect((await raw(url, '/some/route?x=1')).body.toString()).toBe(INDEX);
    const missing = await raw(url, '/assets/gone-123.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('never serves anything outside the build', async () => {
    const { url } = await serve();
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/assets/link.txt', '/%00', '/%E0%A4%A']) {
      const answer = await raw(url, path);
      expect(answer.body.toString(), path).not.toContain('TOP SECRET');
      expect([400, 404], path).toContain(answer.status);
    }
  });

  it('tells the page about the Kubeflow behind it in a meta of index.html, never the credentials', async () => {
    const { url } = await serve({ url: new URL('http://kfp.example:8080/pipeline'), uiUrl: new URL('http://kfp.example:8080/pipeline/'), auth: { bearer: { token: 'meta-secret-token', source: 'KFP_TOKEN' } } });
    const html = (await raw(url, '/')).body.toString();
    expect(html).not.toContain('meta-secret-token');
    const content = /<meta name="([^"]+)" content="([^"]+)">/.exec(html)!;
    expect(content[1]).toBe(ENDPOINT_META_NAME);
    const decoded = content[2].replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    expect(parseEndpointInfo(decoded)).toEqual({ endpoint: 'http://kfp.example:8080/pipeline', ui: 'http://kfp.example:8080/pipeline/', serverAuth: ['token'] });
    expect(html.indexOf('<meta')).toBeLessThan(html.indexOf('</head>'));
  });
});

describe('kfp-designer serve: the /apis proxy', () => {
  it('forwards /apis/v1beta1 and /apis/v2beta1 under the base path, query untouched, status and body as they come', async () => {
    const kfp = await upstream((seen) => (seen.url.includes('/runs') ? { status: 409, headers: { 'Content-Type': 'application/json' }, body: '{"code":6,"message":"exists"}' } : { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' }));
    const { url } = await serve({ url: new URL(`${kfp.url}/pipeline`), uiUrl: new URL(`${kfp.url}/pipeline`), auth: {} });
    const filter = '/apis/v2beta1/pipelines?filter=%257B%2522a%252Bb%2522%257D&page_size=1';
    const ok = await raw(url, filter);
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe('{"ok":true}');
    expect(kfp.seen[0].url).toBe(`/pipeline${filter}`);
    const conflict = await raw(url, '/apis/v1beta1/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') });
    expect(conflict.status).toBe(409);
    expect(JSON.parse(conflict.body.toString())).toEqual({ code: 6, message: 'exists' });
  });

  it('never forwards the browser’s cookies, adds the server’s credentials, lets the user’s token win, drops Kubeflow’s cookies', async () => {
    const kfp = await upstream(() => ({ status: 200, headers: { 'Set-Cookie': ['oauth2_proxy_kubeflow=x; Path=/'], 'Content-Type': 'application/json' }, body: '{}' }));
    const auth = { bearer: { token: 'server-token', source: 'KFP_TOKEN' }, cookie: { value: 'authservice_session=server-cookie', source: 'KFP_COOKIE' } };
    const { url } = await serve({ url: new URL(kfp.url), uiUrl: new URL(kfp.url), auth });
    const answer = await raw(url, '/apis/v2beta1/healthz', { headers: { cookie: 'designer-session=browser-cookie', origin: 'http://evil.example', referer: 'http://x/#pipeline' } });
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(kfp.seen[0].headers.cookie).toBe('authservice_session=server-cookie');
    expect(kfp.seen[0].headers.authorization).toBe('Bearer server-token');
    expect(kfp.seen[0].headers.origin).toBeUndefined();
    expect(kfp.seen[0].headers.referer).toBeUndefined();
    await raw(url, '/apis/v2beta1/healthz', { headers: { authorization: 'Bearer user-token' } });
    expect(kfp.seen[1].headers.authorization).toBe('Bearer user-token');
  });

  it('streams an upload through unchanged, and passes a redirect on without following it', async () => {
    const kfp = await upstream((seen): { status: number; headers: Record<string, string>; body?: string } =>
      seen.url.startsWith('/apis/v2beta1/pipelines/upload')
        ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ size: seen.body.length }) }
        : { status: 302, headers: { Location: '/dex/auth?x=1' } },
    );
    const { url } = await serve({ url: new URL(kfp.url), uiUrl: new URL(kfp.url), auth: {} });
    const big = Buffer.alloc(5 * 1024 * 1024, 'a');
    const upload = await raw(url, '/apis/v2beta1/pipelines/upload_version?pipelineid=p', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: big });
    expect(JSON.parse(upload.body.toString())).toEqual({ size: big.length });
    expect(kfp.seen[0].body.equals(big)).toBe(true);
    const redirect = await raw(url, '/apis/v2beta1/healthz');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe('/dex/auth?x=1');
    expect(kfp.seen).toHaveLength(2);
  });

  it('refuses other paths and traversal; answers 502 when Kubeflow is unreachable; 404 without --kfp', async () => {
    const kfp = await upstream(() => ({ status: 200, body: 'reached' }));
    const { url } = await serve({ url: new URL(`${kfp.url}/pipeline`), uiUrl: new URL(kfp.url), auth: {} });
    for (const path of ['/apis/v2beta1/../../admin', '/apis/v2beta1/%2e%2e/%2e%2e/admin', '/apis/v3/x', '/apis/', '/apis/v1beta1/..%5cadmin']) {
      const answer = await raw(url, path);
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.body.toString()).message).toMatch(/forwards \/apis\/v1beta1\/… and \/apis\/v2beta1\/… only/);
    }
    expect(kfp.seen).toEqual([]);

    const unreachable = await serve({ url: new URL('http://127.0.0.1:9'), uiUrl: new URL('http://127.0.0.1:9'), auth: {} });
    const down = await raw(unreachable.url, '/apis/v2beta1/healthz');
    expect(down.status).toBe(502);
    expect(JSON.parse(down.body.toString()).message).toMatch(/cannot reach the Kubeflow Pipelines API at http:\/\/127\.0\.0\.1:9: ECONNREFUSED/);

    const alone = await serve();
    const none = await raw(alone.url, '/apis/v2beta1/healthz');
    expect(none.status).toBe(404);
    expect(JSON.parse(none.body.toString()).message).toContain('started without --kfp');
  });
});

describe('kfp-designer serve: the command', () => {
  const io = (err: string[], env: Record<string, string> = {}): CliIo => ({ stdout: () => undefined, stderr: (t) => err.push(t), env, cwd: root });

  it('serves until stopped, says where, names the credentials it adds without showing them', async () => {
    const err: string[] = [];
    const stop = new AbortController();
    const running = runServe(['--port', '0', '--dist', 'dist', '--kfp', 'http://127.0.0.1:9/'], io(err, { KFP_TOKEN: 'cli-secret-token' }), stop.signal);
    await expect.poll(() => err.join('')).toContain('forwarding');
    const text = err.join('');
    expect(text).toMatch(/serving the designer at http:\/\/127\.0\.0\.1:\d+\//);
    expect(text).toContain('forwarding /apis/v1beta1/… and /apis/v2beta1/… to http://127.0.0.1:9, adding a bearer token from KFP_TOKEN');
    expect(text).not.toContain('cli-secret-token');
    const url = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(text)![1];
    expect((await raw(url, '/')).status).toBe(200);
    stop.abort();
    expect(await running).toBe(0);
  });

  it('exit 2 on wrong usage', async () => {
    const err: string[] = [];
    expect(await runServe(['--port', 'x', '--dist', 'dist'], io(err))).toBe(2);
    expect(await runServe(['--dist', 'nowhere'], io(err))).toBe(2);
    expect(err.join('')).toContain('run `npm run build` first');
    expect(await runServe(['--dist', 'dist', '--token-file', 't'], io(err))).toBe(2);
    expect(await runServe(['--dist', 'dist', '--kfp', 'localhost:8080'], io(err))).toBe(2);
    expect(await runServe(['--dist', 'dist', '--kfp', 'http://x', '--token-file', 'missing'], io(err))).toBe(2);
  });
});
