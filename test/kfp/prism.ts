/**
 * Prism (`@stoplight/prism-cli`, pinned 5.14.2: later releases need Node ≥ 24) serving one Kubeflow
 * Pipelines swagger document in mock mode, as the contract every request of the deploy client is
 * checked against. One instance per document (Prism serves one), on a port the OS picks.
 *
 * Prism gets a patched temporary copy (the fixture stays as upstream ships it), for two flaws of
 * the files as shipped (kfp-api README §10): `protobufAny.value` is `format: byte`, which fails
 * Prism's own validation of almost every response and makes `--errors` answer 500; and the upload
 * part `uploadfile` is Swagger 2 `type: file`, which Prism's ajv cannot compile and so silently
 * never checks — as `type: string` a missing or misnamed part is a 422.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SwaggerApi = 'v2beta1' | 'v1beta1';

export interface PrismServer {
  api: SwaggerApi;
  url: string;
  stop: () => Promise<void>;
}

const FIXTURES = fileURLToPath(new URL('../fixtures/kfp-api/', import.meta.url));
/** Prism compiles the document first: on a loaded 2-core machine that takes seconds. */
const START_TIMEOUT_MS = 90_000;

export const swaggerPath = (api: SwaggerApi) => join(FIXTURES, api, 'kfp_api_single_file.swagger.json');

export function readSwagger(api: SwaggerApi): Swagger {
  return JSON.parse(readFileSync(swaggerPath(api), 'utf8')) as Swagger;
}

export interface Swagger {
  paths: Record<string, Record<string, { parameters?: SwaggerParameter[] }>>;
  definitions: Record<string, unknown>;
}
export interface SwaggerParameter {
  name: string;
  in: 'query' | 'path' | 'body' | 'formData' | 'header';
  type?: string;
  schema?: unknown;
  required?: boolean;
}

/** The copy Prism is given: the two fixes above, nothing else. */
export function patchedForPrism(swagger: Swagger): Swagger {
  const copy = structuredClone(swagger) as Swagger & { definitions: { protobufAny?: { properties?: { value?: { format?: string } } } } };
  delete copy.definitions.protobufAny?.properties?.value?.format;
  for (const operations of Object.values(copy.paths)) {
    for (const operation of Object.values(operations)) {
      for (const parameter of operation.parameters ?? []) if (parameter.type === 'file') parameter.type = 'string';
    }
  }
  return copy;
}

export async function startPrism(api: SwaggerApi): Promise<PrismServer> {
  const dir = mkdtempSync(join(tmpdir(), `kfp-prism-${api}-`));
  const document = join(dir, `${api}.swagger.json`);
  writeFileSync(document, JSON.stringify(patchedForPrism(readSwagger(api))));
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
  const child = spawn(process.execPath, [cli, 'mock', '-h', '127.0.0.1', '-p', '0', '--errors', '--cors=false', document], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => stopChild(child).finally(() => rmSync(dir, { recursive: true, force: true }));
  try {
    const url = await listeningUrl(child);
    return { api, url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Prism did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        // Keep draining its log (one line per request), or Prism blocks once the pipe is full.
        child.stdout?.off('data', onData).resume();
        child.stderr?.off('data', onData).resume();
        resolve(match[1]);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`Prism exited (${code}) before listening:\n${output}`));
    function fail(error: Error) {
      clearTimeout(timer);
      child.off('exit', onExit);
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
