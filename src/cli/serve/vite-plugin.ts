/**
 * `KFP_URL=http://localhost:8080 npm start`: the Vite dev server proxies /apis/v1beta1|v2beta1 to
 * Kubeflow Pipelines as `kfp-designer serve --kfp` does, with the same header rules (upstream.ts)
 * and the same credentials from the environment, and tells the page through the same meta.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Plugin, ProxyOptions } from 'vite';
import { authHeaders, selectAuth } from '../../deploy/auth';
import { ENDPOINT_META_NAME, type KfpEndpointInfo } from '../../deploy/endpoint-info';
import { BROWSER_ONLY_HEADERS, FORWARDED_PREFIXES, isDroppedResponseHeader } from './upstream';

export function kfpDevProxy(env: Record<string, string | undefined> = process.env): Plugin {
  const url = env.KFP_URL?.trim();
  if (!url) return { name: 'kfp-designer:kfp-dev-proxy' };
  const auth = selectAuth({ env, readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) });
  const added = authHeaders(auth);
  const proxy: ProxyOptions = {
    target: url,
    changeOrigin: true,
    configure(server) {
      server.on('proxyReq', (request) => {
        for (const name of BROWSER_ONLY_HEADERS) request.removeHeader(name);
        if (added.Authorization && !request.getHeader('authorization')) request.setHeader('Authorization', added.Authorization);
        if (added.Cookie) request.setHeader('Cookie', added.Cookie);
      });
      server.on('proxyRes', (response) => {
        for (const name of Object.keys(response.headers)) if (isDroppedResponseHeader(name)) delete response.headers[name];
      });
    },
  };
  const info: KfpEndpointInfo = {
    endpoint: url.replace(/\/+$/, ''),
    ui: env.KFP_UI_URL?.trim() || url,
    serverAuth: [...(auth.bearer ? (['token'] as const) : []), ...(auth.cookie ? (['cookie'] as const) : [])],
  };
  return {
    name: 'kfp-designer:kfp-dev-proxy',
    apply: 'serve',
    config: () => ({ server: { proxy: Object.fromEntries(FORWARDED_PREFIXES.map((prefix) => [prefix.slice(0, -1), proxy])) } }),
    transformIndexHtml: () => [{ tag: 'meta', attrs: { name: ENDPOINT_META_NAME, content: JSON.stringify(info) }, injectTo: 'head' }],
  };
}
