/**
 * A fast "surely valid" for a KFP v2 pipeline text: the WebAssembly module compiled at `prepare`
 * from assembly/kfp-v2-vouch.ts reads it, with the protos laid out by kfp-v2-vouch-table.ts, and
 * answers `true` only when checkKfpV2YamlInFull would find no problem; `false` means "not known",
 * never "invalid" (the full check then finds and places the problems). Without the module (`npm ci --omit=dev`: no AssemblyScript) it answers `false`.
 */
import { KFP_V2_VOUCH_TABLE } from './generated/kfp-v2-vouch-wasm.ts';
import { bytesOf, vouchWasm } from './vouch-wasm.ts';

interface VouchExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  vouch(table: number, text: number, length: number): number;
  plainClass(at: number, length: number): number;
  refusedAt(): number;
}

/**
 * The longest text read (~33,000 steps): the module keeps the text and, per line, a few records —
 * about 6× the text in all. A longer one goes to the full check, which has budgets of its own.
 */
const TEXT_LIMIT = 64 * 1024 * 1024;

let module: { exports: VouchExports; table: number; text: number } | undefined | null;

function vouchModule() {
  if (module === undefined) {
    const instance = vouchWasm();
    if (instance === undefined) module = null;
    else {
      const exports = instance.exports as unknown as VouchExports;
      const table = bytesOf(KFP_V2_VOUCH_TABLE);
      const at = exports.heapBase();
      const text = (at + table.length + 7) & ~7;
      ensureMemory(exports.memory, text);
      new Uint8Array(exports.memory.buffer).set(table, at);
      module = { exports, table: at, text };
    }
  }
  return module ?? undefined;
}

function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
}

/** The text's bytes at `at` in the module's memory, or false when it is not ASCII (the vouch reads ASCII only). */
function writeAscii(exports: VouchExports, text: string, at: number): boolean {
  ensureMemory(exports.memory, at + text.length + 64); // the module reads lines 16 bytes at a time
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(exports.memory.buffer, at, text.length));
  // A character outside ASCII takes two bytes or more: the text then does not fit in as many bytes as characters.
  return read === text.length;
}

export function vouchesForKfpV2(text: string): boolean {
  const vouch = text.length <= TEXT_LIMIT ? vouchModule() : undefined;
  if (vouch === undefined || !writeAscii(vouch.exports, text, vouch.text)) return false;
  try {
    return vouch.exports.vouch(vouch.table, vouch.text, text.length) === 1;
  } catch {
    // A trap (the memory could not grow, or a fault in the module): not known. The next call starts afresh.
    return false;
  }
}

/**
 * Why the vouch did not vouch for `text` (for tests and diagnosis): the line it stopped at, 1-based
 * with its text, or "a cross-reference rule" (or "no module"); undefined when it vouches.
 */
export function vouchRefusal(text: string): string | undefined {
  if (vouchesForKfpV2(text)) return undefined;
  const vouch = vouchModule();
  if (vouch === undefined) return 'no module';
  const at = vouch.exports.refusedAt();
  if (at >= text.length) return 'a cross-reference rule';
  const line = text.slice(0, at).split('\n').length;
  return `line ${line}: ${text.slice(at, text.indexOf('\n', at))}`;
}

const CLASSES = [undefined, 'string', 'int', 'float', 'bool'] as const;

/** How the vouch reads a plain scalar (for tests): `undefined` when it leaves the scalar to the full check. */
export function plainScalarClass(text: string): 'string' | 'int' | 'float' | 'bool' | undefined {
  const vouch = vouchModule();
  if (vouch === undefined || !writeAscii(vouch.exports, text, vouch.text)) return undefined;
  return CLASSES[vouch.exports.plainClass(vouch.text, text.length)];
}
