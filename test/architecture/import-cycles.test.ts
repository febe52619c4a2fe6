/**
 * Every folder of src/ reads top-down: no file imports, even for types only, a file that imports
 * it back, directly or round a longer loop. A loop means the shared part belongs in a file below
 * both; this walk over the relative imports finds each loop once and names its files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');
const EXTENSIONS = ['.ts', '.tsx', '.d.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `import … from './x'`, `export … from './x'`, `import './x'` and `import('./x')`: the relative ones, queries (`?raw`, `?worker`) dropped. */
export function importedSpecifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]);
  return found.filter((s) => s.startsWith('.')).map((s) => s.replace(/\?.*$/, ''));
}

function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, 'index' + e))];
  return candidates.find((c) => files.has(c));
}

/** The loops of a graph: its strongly connected components of more than one file, or a file importing itself (Tarjan). */
export function importLoops(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) loops.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return loops;
}

describe('imports in src/', () => {
  it('finds the loops of a small graph, and none where there are none', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
      ['e', ['e']],
    ]);
    expect(importLoops(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(importLoops(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('reads type-only, re-exported, side-effect and lazy imports', () => {
    const text = `import type { A } from './a';\nimport {\n  b,\n} from "../b";\nexport { c } from './c';\nimport './d.css';\nconst E = lazy(() => import('./e'));\nimport x from './f?raw';\nimport y from 'react';`;
    expect(importedSpecifiers(text)).toEqual(['./a', '../b', './c', './f', './d.css', './e']);
  });

  it('has no import loops', () => {
    const files = sourceFiles(SRC);
    const known = new Set(files);
    const graph = new Map(files.map((file) => [file, importedSpecifiers(readFileSync(file, 'utf8')).flatMap((s) => resolveImport(file, s, known) ?? [])]));
    const loops = importLoops(graph).map((loop) => loop.map((file) => relative(ROOT, file)));
    expect(loops).toEqual([]);
  });
});
