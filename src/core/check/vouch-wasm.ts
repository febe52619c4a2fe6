/**
 * The strict KFP v2 check's vouch as a WebAssembly instance (assembly/kfp-v2-vouch.ts, compiled at
 * build time by scripts/compile-vouch.ts), made on first use and kept for the process. Compiled
 * synchronously: the check is synchronous, runs in Node only (the CLI, tests, benches; the app never
 * loads it), and the module is small. The module imports nothing (compiled with `--use abort=`: a
 * failure traps, as a WebAssembly.RuntimeError).
 */
import { KFP_V2_VOUCH_WASM } from './generated/kfp-v2-vouch-wasm.ts';

let instance: WebAssembly.Instance | undefined;

/** `undefined` when the project was installed without AssemblyScript: every text then takes the full check. */
export function vouchWasm(): WebAssembly.Instance | undefined {
  if (instance === undefined && KFP_V2_VOUCH_WASM !== undefined) instance = new WebAssembly.Instance(new WebAssembly.Module(bytesOf(KFP_V2_VOUCH_WASM)), {});
  return instance;
}

/**
 * Node's Buffer, where there is one: it decodes the module and its table (~31 KB) natively in ~0.1 ms
 * of a cold process, where atob and a loop took 1–6 ms, a tenth of a 1,000-step check. Looked up, not
 * imported: src/core runs anywhere, and elsewhere the loop decodes.
 */
const nodeBuffer = (globalThis as { Buffer?: { from(text: string, encoding: 'base64'): Uint8Array<ArrayBuffer> } }).Buffer;

export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  if (nodeBuffer !== undefined) return nodeBuffer.from(base64, 'base64');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i); // own-keys: index
  return bytes;
}
