/**
 * The strict KFP v2 check's vouch (assembly/kfp-v2-vouch.ts, AssemblyScript) compiled to
 * WebAssembly, for scripts/precompile-checkers.ts to write as base64 into
 * src/core/check/generated/kfp-v2-vouch-wasm.ts (read by src/core/check/vouch-wasm.ts).
 *
 * AssemblyScript is a dev dependency: without it (`npm ci --omit=dev`) there is no module, and the
 * check takes its full path.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ASSEMBLY_DIR = join(ROOT, 'assembly');
const ENTRY = 'assembly/kfp-v2-vouch.ts';
const COMPILER_PACKAGE = join(ROOT, 'node_modules/assemblyscript/package.json');

/**
 * - `--runtime stub`: the vouch reads the text in its memory and allocates nothing it frees, so no
 *   garbage collector (which the default runtime adds, with the imports and exports it needs);
 * - `--use abort=`: no `env.abort` import; what would call it (a failed bounds check, a `throw`)
 *   traps instead, which JavaScript sees as a WebAssembly.RuntimeError;
 * - `--noAssert`: `assert(…)` compiled out (a branch per use in the loops): the vouch answers 0
 *   where it is unsure rather than asserting;
 * - `-O3 --shrinkLevel 1`: speed, but without inlining every function called once into its caller.
 *   V8 runs a call in the code it started in (Liftoff's, a baseline), and compiles a function that
 *   gets hot again with TurboFan, on helper threads, at a cost that grows with the function's size:
 *   a probe whose `vouch` -O3 made of 80 inlined scans (25 KB) spent 72 ms of CPU so at 1,000
 *   steps, for code the one call never ran; kept apart (this flag), 5 ms, the scan as fast.
 * - `--enable simd`: the vouch finds each line's end and indentation 16 bytes at a time (Node 20's
 *   V8 runs WebAssembly SIMD; every byte of a text passes through those two loops).
 * No `--exportRuntime` (JavaScript writes plain bytes into the memory, never an AssemblyScript
 * object), no `--initialMemory` (the vouch grows its memory to the text it is given).
 */
export const VOUCH_FLAGS = ['-O3', '--shrinkLevel', '1', '--runtime', 'stub', '--use', 'abort=', '--noAssert', '--enable', 'simd'];

/** The files the module is made from (for the precompiled checkers' freshness), those that exist. */
export function vouchInputs(): string[] {
  const sources = existsSync(ASSEMBLY_DIR) ? readdirSync(ASSEMBLY_DIR).filter((name) => name.endsWith('.ts')).sort() : [];
  const files = [fileURLToPath(import.meta.url), ...sources.map((name) => join(ASSEMBLY_DIR, name)), join(ASSEMBLY_DIR, 'tsconfig.json'), COMPILER_PACKAGE];
  return files.filter((file) => existsSync(file));
}

/** The module's bytes; `undefined` when AssemblyScript is not installed. Throws with the compiler's diagnostics when the source does not compile. */
export async function compileVouch(entry = ENTRY): Promise<Uint8Array | undefined> {
  if (!existsSync(COMPILER_PACKAGE)) return undefined;
  const { default: asc } = await import('assemblyscript/asc');
  const written = new Map<string, Uint8Array>();
  const diagnostics: string[] = [];
  const output = { write: (chunk: Uint8Array | string) => void diagnostics.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)) };
  const { error } = await asc.main([entry, '--outFile', 'vouch.wasm', '--baseDir', ROOT, '--noColors', ...VOUCH_FLAGS], {
    writeFile: (name, contents) => {
      if (typeof contents === 'string') throw new Error(`AssemblyScript wrote ${name} as text; only the binary was asked for`);
      written.set(name, contents);
    },
    stdout: output,
    stderr: output,
  });
  const binary = written.get('vouch.wasm');
  if (error || !binary) throw new Error(`AssemblyScript could not compile ${entry}:\n${diagnostics.join('') || String(error)}`);
  // Warnings do not stop the build, but are shown: nothing else would.
  if (diagnostics.length > 0) console.warn(diagnostics.join(''));
  return binary;
}
