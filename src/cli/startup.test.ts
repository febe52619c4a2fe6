import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Modules a file loads before any of its code runs: value imports and re-exports, not `import type` nor `import()`. */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gm)].map((m) => m[1]);
  return specifiers.map((specifier) => (specifier.startsWith('.') ? resolveSource(join(dirname(file), specifier)) : specifier));
}

function resolveSource(path: string): string {
  for (const candidate of [path, `${path}.ts`, `${path}.tsx`, join(path, 'index.ts')]) if (existsSync(candidate) && candidate.match(/\.[cm]?[jt]sx?$/)) return candidate;
  throw new Error(`cannot resolve ${path}`);
}

function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    if (next.startsWith('/')) pending.push(...staticImports(next));
  }
  return new Set([...seen].map((id) => (id.startsWith('/') ? relative(ROOT, id) : id)));
}

describe('the command line starts light', () => {
  // The built CLI splits at main.ts's import()s: whatever main.ts imports statically is loaded by
  // `--help` too. Commands import the core, the checkers and any client (deploy…) when they run.
  const loaded = [...staticClosure(join(ROOT, 'src/cli/main.ts'))];

  it('loads no npm package before a command runs', () => {
    expect(loaded.filter((id) => !id.startsWith('src/') && !id.startsWith('node:'))).toEqual([]);
  });

  it('loads neither the transpiler core nor a checker before a command runs', () => {
    const heavy = /^src\/core\/(check|emit|magnus|validate|yaml)\/|^src\/core\/transpile\.ts$/;
    expect(loaded.filter((id) => heavy.test(id))).toEqual([]);
    expect(loaded).toContain('src/cli/help.ts');
  });
});
