/**
 * A whole pipeline in a URL fragment: the magnus files the model exports to, deflated and
 * base64url-encoded. The fragment never reaches a server, so sharing needs none and leaks nothing
 * to one; opening the link imports the files like any import.
 */
import { exportMagnus } from './magnus/export';
import type { MagnusInput } from './magnus/import';
import type { Pipeline } from './model/types';
import { describeBytes, MAX_SHARED_BYTES } from './limits';

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
  const bytes = await deflate(new TextEncoder().encode(JSON.stringify(shared)));
  return SHARE_PREFIX + toBase64Url(bytes);
}

export type DecodedShare = { ok: true; input: MagnusInput } | { ok: false; reason: 'not-a-link' | 'damaged' | 'too-large'; message: string };

const DAMAGED = 'it may have been cut short or changed';

/**
 * The files a share fragment holds, ready for `importMagnus`, or why there are none. Inflating
 * stops as soon as the output passes `maxBytes`: a link is input from anyone.
 */
export async function decodeShareFragment(fragment: string, maxBytes = MAX_SHARED_BYTES): Promise<DecodedShare> {
  const body = fragment.replace(/^#/, '');
  if (!body.startsWith(SHARE_PREFIX)) return { ok: false, reason: 'not-a-link', message: 'it is not a link to a pipeline of this version of the designer' };
  let bytes: Uint8Array;
  try {
    bytes = await inflateCapped(fromBase64Url(body.slice(SHARE_PREFIX.length)), maxBytes);
  } catch (error) {
    if (error instanceof InflatedTooLarge) return { ok: false, reason: 'too-large', message: `it holds more than ${describeBytes(maxBytes)} of files, the most a link may carry` };
    return { ok: false, reason: 'damaged', message: DAMAGED };
  }
  let shared: unknown;
  try {
    shared = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'damaged', message: DAMAGED };
  }
  const input = sharedInput(shared);
  return input ? { ok: true, input } : { ok: false, reason: 'damaged', message: DAMAGED };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringAt = (record: Record<string, unknown>, key: string): string | undefined => (Object.hasOwn(record, key) && typeof record[key] === 'string' ? record[key] : undefined);

/** The link's JSON as an import's input; only own string members are taken (the JSON is anyone's). */
function sharedInput(shared: unknown): MagnusInput | undefined {
  if (!isRecord(shared)) return undefined;
  const dag = stringAt(shared, 'dag');
  const config = stringAt(shared, 'config');
  if (dag === undefined || config === undefined) return undefined;
  const parameters = stringAt(shared, 'parameters');
  const nestedValue = Object.hasOwn(shared, 'nested') ? shared.nested : undefined;
  let nested: Map<string, string> | undefined;
  if (nestedValue !== undefined) {
    if (!isRecord(nestedValue)) return undefined;
    nested = new Map();
    for (const [path, text] of Object.entries(nestedValue)) {
      if (typeof text !== 'string') return undefined;
      nested.set(path, text);
    }
  }
  return {
    dag: { text: dag },
    config: { text: config },
    ...(parameters !== undefined ? { parameters: { text: parameters } } : {}),
    ...(nested ? { nested: (path: string) => nested.get(path) } : {}),
  };
}

export class InflatedTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`inflates to more than ${limit} bytes`);
  }
}

/**
 * Inflates raw deflate, streaming, and gives up (cancelling the stream, so no more is inflated)
 * once the output passes `maxBytes`: memory stays within the limit whatever the input.
 */
export async function inflateCapped(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new InflatedTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
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
