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

export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i); // own-keys: index
  return bytes;
}
