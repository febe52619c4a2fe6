/** `kfp-designer serve`: the designer's production build, and Kubeflow Pipelines behind the same origin. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AuthSetupError, describeAuth, selectAuth, type KfpAuth } from '../../deploy/auth';
import { SERVE_HELP } from '../help';
import { EXIT_OK, EXIT_USAGE, UsageError, isParseArgsError, type CliIo } from '../cli-io';
import { startServe } from './server';

const DEFAULT_PORT = 5180;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function runServe(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let server: Awaited<ReturnType<typeof startServe>>;
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: false,
      options: {
        port: { type: 'string', short: 'p' },
        bind: { type: 'string' },
        kfp: { type: 'string' },
        'ui-url': { type: 'string' },
        'token-file': { type: 'string' },
        dist: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    void positionals;
    if (values.help) {
      io.stdout(SERVE_HELP);
      return EXIT_OK;
    }
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number, not \`${values.port}\``);
    const bind = values.bind ?? '127.0.0.1';
    const dist = values.dist === undefined ? packageDist() : resolve(io.cwd, values.dist);
    if (!existsSync(join(dist, 'index.html'))) {
      throw new UsageError(`no build to serve at ${dist} (no index.html): run \`npm run build\` first, or give --dist`);
    }
    let kfp: { url: URL; uiUrl: URL; auth: KfpAuth } | undefined;
    if (values.kfp !== undefined) {
      const url = httpUrl(values.kfp, '--kfp');
      const auth = selectAuth({ tokenFile: values['token-file'] && resolve(io.cwd, values['token-file']), env: io.env, readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) });
      if (auth.bearer && values['token-file']) auth.bearer.source = `--token-file ${values['token-file']}`;
      kfp = { url, uiUrl: values['ui-url'] === undefined ? url : httpUrl(values['ui-url'], '--ui-url'), auth };
    } else if (values['token-file'] !== undefined || values['ui-url'] !== undefined) {
      throw new UsageError('--token-file and --ui-url need --kfp');
    }
    server = await startServe({ dist, port, bind, ...(kfp ? { kfp } : {}) });
    io.stderr(`kfp-designer: serving the designer at ${server.url}/\n`);
    if (kfp) {
      const adds = kfp.auth.bearer || kfp.auth.cookie ? `, adding ${describeAuth(kfp.auth)}` : '';
      io.stderr(`kfp-designer: forwarding /apis/v1beta1/… and /apis/v2beta1/… to ${kfp.url.href.replace(/\/+$/, '')}${adds}\n`);
      if (adds && !LOOPBACK.has(bind)) io.stderr(`kfp-designer: warning: listening on ${bind}: whoever reaches this server acts on Kubeflow with those credentials\n`);
    } else {
      io.stderr('kfp-designer: no --kfp: "Run on Kubeflow" explains how to connect one (the rest of the designer works as is)\n');
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof AuthSetupError || isParseArgsError(error)) {
      io.stderr(`kfp-designer: ${(error as Error).message}\nRun \`kfp-designer serve --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      io.stderr(`kfp-designer: cannot listen there (${code}): choose another --port or --bind\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  await stopped(signal);
  await server.close();
  return EXIT_OK;
}

/** Until Ctrl+C, a TERM, or (in tests) the signal. */
function stopped(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function httpUrl(value: string, option: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${option} must be an http(s) URL, not \`${value}\``);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new UsageError(`${option} must be an http(s) base URL without credentials, query or fragment, not \`${value}\``);
  }
  return url;
}

/** dist/ of the package this file belongs to, wherever it runs from (source, or a bundle in the package). */
function packageDist(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'kfp-designer') return join(dir, 'dist');
    const parent = dirname(dir);
    if (parent === dir) return resolve('dist');
    dir = parent;
  }
}
