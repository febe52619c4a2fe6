import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KfpAuth } from '../../deploy/auth';
import { endpointMetaTag } from '../../deploy/endpoint-info';
import { forward, type ProxyTarget } from './proxy';
import { StaticFiles } from './static-files';

export interface ServeOptions {
  /** The production build (index.html and assets/). */
  dist: string;
  port: number;
  bind: string;
  kfp?: { url: URL; uiUrl: URL; auth: KfpAuth };
}

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/** The designer and, with `kfp`, the Kubeflow Pipelines APIs behind the same origin. */
export async function startServe(options: ServeOptions): Promise<RunningServer> {
  const { kfp } = options;
  const meta = kfp
    ? endpointMetaTag({
        endpoint: kfp.url.href.replace(/\/+$/, ''),
        ui: kfp.uiUrl.href,
        serverAuth: [...(kfp.auth.bearer ? (['token'] as const) : []), ...(kfp.auth.cookie ? (['cookie'] as const) : [])],
      })
    : '';
  const files = new StaticFiles(options.dist, (html) => (meta ? html.replace('</head>', `  ${meta}\n  </head>`) : html));
  const target: ProxyTarget | undefined = kfp && { base: kfp.url, auth: kfp.auth };
  const server = createServer((req, res) => {
    // Everything under /apis/ is Kubeflow's, or an error: never the page.
    if ((req.url ?? '').startsWith('/apis/')) return forward(req, res, target);
    files.serve(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.bind.includes(':') ? `[${options.bind}]` : options.bind === '0.0.0.0' ? '127.0.0.1' : options.bind;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
