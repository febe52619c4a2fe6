import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVouch } from '../../../scripts/compile-vouch.ts';
import { KFP_V2_VOUCH_WASM } from './generated/kfp-v2-vouch-wasm.ts';
import { vouchWasm } from './vouch-wasm';

describe('the vouch compiled to WebAssembly (scripts/compile-vouch.ts)', () => {
  it('is built with the dev dependencies, and instantiates once per process with the exports the check calls', () => {
    expect(KFP_V2_VOUCH_WASM).toEqual(expect.any(String));
    const instance = vouchWasm();
    expect(instance).toBeInstanceOf(WebAssembly.Instance);
    expect(vouchWasm()).toBe(instance);
    const { vouch, plainClass, memory } = instance!.exports;
    expect(vouch).toEqual(expect.any(Function));
    expect((vouch as (table: number, textAt: number, length: number) => number).length).toBe(3);
    expect(plainClass).toEqual(expect.any(Function));
    expect((plainClass as (at: number, length: number) => number).length).toBe(2);
    expect(memory).toBeInstanceOf(WebAssembly.Memory);
  });

  it('imports nothing, as vouch-wasm.ts instantiates it with no imports', () => {
    const module = new WebAssembly.Module(Uint8Array.from(atob(KFP_V2_VOUCH_WASM!), (c) => c.charCodeAt(0)));
    expect(WebAssembly.Module.imports(module)).toEqual([]);
  });

  it("fails the build with AssemblyScript's diagnostics when the source does not compile", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kfp-designer-vouch-'));
    try {
      const entry = join(dir, 'broken.ts');
      writeFileSync(entry, 'export function vouch(textAt: u32, length: u32): i32 {\n  return notDeclared;\n}\n');
      await expect(compileVouch(entry)).rejects.toThrow(/could not compile[\s\S]*notDeclared/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
