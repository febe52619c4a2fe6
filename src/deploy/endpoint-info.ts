/**
 * What the page is told about the Kubeflow behind its own origin, by the server that proxies it
 * (`kfp-designer serve --kfp`, or the Vite dev server with KFP_URL): a `<meta>` in index.html, so
 * finding out costs no request. No meta: no proxy, and the dialog says how to get one.
 */
export interface KfpEndpointInfo {
  /** The Kubeflow Pipelines API base the proxy forwards /apis/… to, for the user to read. */
  endpoint: string;
  /** The Kubeflow Pipelines UI, for links. */
  ui: string;
  /** Credentials the proxy adds itself, by kind (never their values). */
  serverAuth: ('token' | 'cookie')[];
}

export const ENDPOINT_META_NAME = 'kfp-designer-kfp';

/** The `<meta>` element, its content escaped for an HTML attribute. */
export function endpointMetaTag(info: KfpEndpointInfo): string {
  const escaped = JSON.stringify(info).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<meta name="${ENDPOINT_META_NAME}" content="${escaped}">`;
}

/** The meta's content read back; undefined when absent or not what a proxy writes. */
export function parseEndpointInfo(content: string | null | undefined): KfpEndpointInfo | undefined {
  if (!content) return undefined;
  try {
    const value = JSON.parse(content) as Partial<KfpEndpointInfo>;
    if (typeof value.endpoint !== 'string' || typeof value.ui !== 'string' || !Array.isArray(value.serverAuth)) return undefined;
    return { endpoint: value.endpoint, ui: value.ui, serverAuth: value.serverAuth.filter((a) => a === 'token' || a === 'cookie') };
  } catch {
    return undefined;
  }
}
