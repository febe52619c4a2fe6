import { ENDPOINT_META_NAME, parseEndpointInfo, type KfpEndpointInfo } from '../../deploy/endpoint-info';

/** The Kubeflow this page's own server forwards /apis/… to, if it does (see deploy/endpoint-info.ts). */
export function pageEndpoint(): KfpEndpointInfo | undefined {
  return parseEndpointInfo(document.querySelector(`meta[name="${ENDPOINT_META_NAME}"]`)?.getAttribute('content'));
}
