/**
 * `kfp-designer deploy`: the transpile command's input handling and diagnostics, then the shared
 * deploy client (src/deploy) over Node's fetch. Loaded only when this command runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hasErrors } from '../core/diagnostics';
import { loadPipeline, transpile } from '../core/transpile';
import { AuthSetupError, selectAuth, type KfpAuth } from '../deploy/auth';
import { deploy, resultJson, type DeployResult } from '../deploy/deploy';
import { DeployError } from '../deploy/errors';
import type { PipelineFormat } from '../deploy/parameters';
import { DEPLOY_HELP } from './help';
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_SERVER, EXIT_USAGE, UsageError, isParseArgsError, type CliIo } from './cli-io';
import { COMMON_OPTIONS, readInput, report } from './input';
import { passesStrictCheck } from './strict-check';

const FORMATS: readonly PipelineFormat[] = ['kfp-v2', 'kfp-v1'];
const DEFAULT_TIMEOUT_S = 60;
const DEFAULT_RETRIES = 3;

/** The input has errors; they have been reported. */
class InputErrors extends Error {}

export async function runDeploy(args: string[], io: CliIo): Promise<number> {
  let auth: KfpAuth = {};
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...COMMON_OPTIONS,
        host: { type: 'string' },
        'ui-url': { type: 'string' },
        target: { type: 'string', short: 't' },
        namespace: { type: 'string', short: 'n' },
        pipeline: { type: 'string' },
        version: { type: 'string' },
        description: { type: 'string' },
        run: { type: 'boolean' },
        experiment: { type: 'string' },
        'run-name': { type: 'string' },
        param: { type: 'string', multiple: true },
        'token-file': { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (values.help) {
      io.stdout(DEPLOY_HELP);
      return EXIT_OK;
    }
    const host = baseUrl(values.host ?? io.env.KF_PIPELINES_ENDPOINT, '--host');
    const uiUrl = values['ui-url'] === undefined ? undefined : baseUrl(values['ui-url'], '--ui-url');
    const format = values.target as PipelineFormat | undefined;
    if (format !== undefined && !FORMATS.includes(format)) {
      throw new UsageError(`--target must be kfp-v2 or kfp-v1 to deploy${values.target === 'argo' ? ' (plain Argo is not a Kubeflow pipeline)' : ''}, not \`${values.target}\``);
    }
    for (const option of ['experiment', 'run-name', 'param'] as const) if (values[option] !== undefined && !values.run) throw new UsageError(`--${option} needs --run`);
    const parameters = parameterOptions(values.param ?? []);
    const timeoutMs = numberOption(values.timeout, '--timeout', DEFAULT_TIMEOUT_S, 0.001) * 1000;
    const retries = numberOption(values.retries, '--retries', DEFAULT_RETRIES, 0);
    if (!Number.isInteger(retries)) throw new UsageError('--retries takes a whole number');
    auth = selectAuth({ tokenFile: values['token-file'] && resolve(io.cwd, values['token-file']), env: io.env, readFile: fileReader });
    if (auth.bearer && values['token-file']) auth.bearer.source = `--token-file ${values['token-file']}`;

    const input = readInput(positionals, values, io);
    const verbose = values.verbose === true;
    const loaded = loadPipeline(input.magnus);
    if (!loaded.pipeline || hasErrors(loaded.diagnostics)) {
      report(loaded.diagnostics, input, io, verbose);
      return EXIT_INPUT_ERRORS;
    }
    const dagPath = positionals[0];
    const log = (line: string) => io.stderr(`kfp-designer: ${line}\n`);
    const result = await deploy({
      transport: {
        baseUrl: host,
        fetch: globalThis.fetch,
        auth,
        timeoutMs,
        retries,
        onRetry: (e) => log(`${e.what}: ${e.reason}; trying again in ${(e.delayMs / 1000).toFixed(1)} s (${e.attempt} of ${retries})`),
      },
      ...(format ? { format } : {}),
      emit: async (target) => {
        const emitted = transpile(input.magnus, { target });
        report(emitted.diagnostics, input, io, verbose);
        if (emitted.text === undefined || hasErrors(emitted.diagnostics)) throw new InputErrors();
        if (!(await passesStrictCheck(target, emitted.text, io))) throw new InputErrors();
        return { text: emitted.text };
      },
      pipelineName: values.pipeline ?? basename(dagPath, extname(dagPath)),
      ...(values.version !== undefined ? { versionName: values.version } : {}),
      ...(values.description !== undefined ? { description: values.description } : {}),
      ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
      ...(values.run ? { run: { name: values['run-name'], experiment: values.experiment, parameters } } : {}),
      ...(uiUrl ? { uiUrl } : {}),
      onProgress: (event) => {
        if (event.stage === 'server' || verbose) log(event.message);
      },
    });
    io.stdout(values.json ? `${JSON.stringify(resultJson(result))}\n` : summary(result));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InputErrors) return EXIT_INPUT_ERRORS;
    if (error instanceof UsageError || error instanceof AuthSetupError || isParseArgsError(error)) {
      io.stderr(`kfp-designer: ${(error as Error).message}\nRun \`kfp-designer deploy --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof DeployError) {
      io.stderr(`kfp-designer: ${error.message}\n${error.kind === 'auth' ? AUTH_HINT : ''}`);
      return error.kind === 'usage' ? EXIT_USAGE : EXIT_SERVER;
    }
    throw error;
  }
}

const AUTH_HINT = `  Kubeflow with a login needs credentials: a bearer token (--token-file FILE, KFP_TOKEN, or the
  in-pod service-account token) or a session cookie (KFP_COOKIE=oauth2_proxy_kubeflow=…).
  A token needs a RoleBinding to kubeflow-edit in the namespace (--namespace).
`;

function summary(result: DeployResult): string {
  const lines = [
    `Pipeline   "${result.pipeline.name}" ${result.pipeline.id}${result.pipeline.created ? ' (created)' : ''}\n           ${result.pipeline.url}`,
    `Version    "${result.version.name}" ${result.version.id}${result.version.created ? ' (uploaded)' : ' (unchanged: this content was deployed before, nothing uploaded)'}\n           ${result.version.url}`,
  ];
  if (result.experiment) lines.push(`Experiment "${result.experiment.name}" ${result.experiment.id}${result.experiment.created ? ' (created)' : ''}\n           ${result.experiment.url}`);
  if (result.run) lines.push(`Run        "${result.run.name}" ${result.run.id}\n           ${result.run.url}`);
  return `${lines.join('\n')}\n`;
}

function baseUrl(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${option} is required: the Kubeflow Pipelines address, e.g. http://localhost:8080`);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UsageError(`${option} must be an http(s) URL, not \`${value}\``);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${option} must be an http(s) URL, not \`${value}\``);
  if (url.username || url.password) throw new UsageError(`${option} must not carry credentials: use --token-file, KFP_TOKEN or KFP_COOKIE`);
  if (url.search || url.hash) throw new UsageError(`${option} is a base address: no ?query or #fragment`);
  return url.href.replace(/\/+$/, '');
}

function parameterOptions(options: string[]): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const option of options) {
    const at = option.indexOf('=');
    if (at <= 0) throw new UsageError(`--param takes NAME=VALUE, not \`${option}\``);
    const name = option.slice(0, at);
    if (parameters.has(name)) throw new UsageError(`--param ${name} is given twice`);
    parameters.set(name, option.slice(at + 1));
  }
  return parameters;
}

function numberOption(value: string | undefined, option: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < minimum) throw new UsageError(`${option} takes a number${minimum > 0 ? ' above 0' : ' of 0 or more'}, not \`${value}\``);
  return number;
}

function fileReader(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
