/**
 * A fast "surely valid" for a KFP v2 pipeline text: the WebAssembly module compiled at `prepare`
 * from assembly/ reads it, with the protos laid out by kfp-v2-vouch-table.ts, and answers `true`
 * only when checkKfpV2YamlInFull would find no problem; `false` means "not known", never "invalid"
 * (the full check then finds and places the problems). Without the module (`npm ci --omit=dev`: no
 * AssemblyScript) it answers `false`. docs/self-check-vouch.md says what it reads.
 */
import { KFP_V2_VOUCH_TABLE } from './generated/kfp-v2-vouch-wasm.ts';
import { isWellFormed } from './values.ts';
import { bytesOf, vouchWasm } from './vouch-wasm.ts';

interface VouchExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  vouch(table: number, text: number, length: number): number;
  plainClass(at: number, length: number): number;
  refusedAt(): number;
}

/**
 * The longest text read (~33,000 steps): the module keeps the text (up to 3 bytes a character) and
 * tables about its size again. A longer one goes to the full check, which has budgets of its own.
 */
const TEXT_LIMIT = 64 * 1024 * 1024;

/** The instance, where its table and the text go; null without the module. */
let loaded: { exports: VouchExports; table: number; text: number } | undefined | null;

function vouchModule() {
  if (loaded === undefined) {
    const instance = vouchWasm();
    if (instance === undefined) loaded = null;
    else {
      const exports = instance.exports as unknown as VouchExports;
      const table = bytesOf(KFP_V2_VOUCH_TABLE);
      const at = exports.heapBase();
      const text = (at + table.length + 7) & ~7;
      ensureMemory(exports.memory, text);
      new Uint8Array(exports.memory.buffer).set(table, at);
      loaded = { exports, table: at, text };
    }
  }
  return loaded ?? undefined;
}

function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
}

/**
 * Writes `text` as UTF-8 at `at` in the module's memory: its length in bytes, or undefined when it
 * is not well-formed (a lone surrogate would be written as U+FFFD, which the text does not hold).
 */
function writeText(exports: VouchExports, text: string, at: number): number | undefined {
  // Most texts are ASCII, a byte per character (and then well-formed); another is written again with room for 3 per UTF-16 unit.
  for (const room of [text.length, text.length * 3]) {
    ensureMemory(exports.memory, at + room + 64); // the module reads lines 16 bytes at a time
    const { read, written } = new TextEncoder().encodeInto(text, new Uint8Array(exports.memory.buffer, at, room));
    if (read === text.length) return room === text.length || isWellFormed(text) ? written : undefined;
  }
  return undefined;
}

export function vouchesForKfpV2(text: string): boolean {
  const vouch = text.length <= TEXT_LIMIT ? vouchModule() : undefined;
  const bytes = vouch && writeText(vouch.exports, text, vouch.text);
  if (vouch === undefined || bytes === undefined) return false;
  try {
    return vouch.exports.vouch(vouch.table, vouch.text, bytes) === 1;
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
  // The module counts bytes of UTF-8; the text, UTF-16 units.
  const written = new Uint8Array(vouch.exports.memory.buffer, vouch.text);
  const at = new TextDecoder().decode(written.subarray(0, vouch.exports.refusedAt())).length;
  if (at >= text.length) return 'a cross-reference rule';
  const line = text.slice(0, at).split('\n').length;
  return `line ${line}: ${text.slice(at, text.indexOf('\n', at))}`;
}

const CLASSES = [undefined, 'string', 'int', 'float', 'bool'] as const;

/** How the vouch reads a plain scalar (for tests): `undefined` when it leaves the scalar to the full check. */
export function plainScalarClass(text: string): 'string' | 'int' | 'float' | 'bool' | undefined {
  const vouch = vouchModule();
  const bytes = vouch && writeText(vouch.exports, text, vouch.text);
  if (vouch === undefined || bytes === undefined) return undefined;
  return CLASSES[vouch.exports.plainClass(vouch.text, bytes)];
}
