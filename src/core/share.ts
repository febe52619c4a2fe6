/**
 * A whole pipeline in a URL fragment: the magnus files the model exports to, deflated and
 * base64url-encoded. The fragment never reaches a server, so sharing needs none and leaks nothing
 * to one; opening the link imports the files like any import.
 */
import { exportMagnus } from './magnus/export';
import type { MagnusInput } from './magnus/import';
import type { Pipeline } from './model/types';

export const SHARE_PREFIX = 'pipeline=v1.';

interface SharedFiles {
  dag: string;
  config: string;
  parameters?: string;
  nested?: Record<string, string>;
}

export async function encodeShareFragment(pipeline: Pipeline): Promise<string> {
  const files = exportMagnus(pipeline);
  const shared: SharedFiles = {
    dag: files.dag,
    config: files.config,
    ...(files.parameters ? { parameters: files.parameters } : {}),
    ...(Object.keys(files.nested).length > 0 ? { nested: files.nested } : {}),
  };
  const bytes = await transform(new TextEncoder().encode(JSON.stringify(shared)), new CompressionStream('deflate-raw'));
  return SHARE_PREFIX + toBase64Url(bytes);
}

/** The files a share fragment holds, ready for `importMagnus`; undefined when the fragment is not one. */
export async function decodeShareFragment(fragment: string): Promise<MagnusInput | undefined> {
  const body = fragment.replace(/^#/, '');
  if (!body.startsWith(SHARE_PREFIX)) return undefined;
  try {
    const bytes = await transform(fromBase64Url(body.slice(SHARE_PREFIX.length)), new DecompressionStream('deflate-raw'));
    const shared = JSON.parse(new TextDecoder().decode(bytes)) as SharedFiles;
    if (typeof shared.dag !== 'string' || typeof shared.config !== 'string') return undefined;
    return {
      dag: { text: shared.dag },
      config: { text: shared.config },
      ...(typeof shared.parameters === 'string' ? { parameters: { text: shared.parameters } } : {}),
      ...(shared.nested ? { nested: shared.nested } : {}),
    };
  } catch {
    return undefined; // a truncated or mangled link: the caller says so; nothing is loaded
  }
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
