/**
 * A lint for the forms that treat a user's key as code rather than data (README "Limits"): a key
 * such as `constructor` finds a prototype member, `__proto__` replaces the prototype. It reads the
 * syntax of every source file (rolldown's parser, which Vite already uses) and fails on:
 *
 * - `for (… in …)`: walks inherited keys too; use Object.keys / Object.entries.
 * - `key in object` with a key that is not a fixed string: true for `constructor` on any object;
 *   use a Map, a Set, or hasOwn (src/core/own.ts).
 * - `Object.assign(…)`: `__proto__` in the source becomes the target's prototype; use assignOwn or spread.
 * - `object[key] = …` with a key that is not fixed: `__proto__` sets the prototype; use setOwn or a Map.
 *   A write whose key cannot be a user's (an array index, one of a few fixed names) says why on its
 *   line or the line before: `// own-keys: <why>`.
 *
 * Reading `object[key]` cannot be told from an array index without types; the prototype-name
 * tests (test/prototype-names.test.ts, the fuzzer's `prototype` mutation) cover those.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

type AstNode = { type: string; start: number; end: number; [key: string]: unknown };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$|\.generated\.ts$/.test(entry.name) ? [path] : [];
  });
}

const isFixedString = (node: AstNode) => node.type === 'Literal' && typeof node.value === 'string';
const isFixedKey = (node: AstNode) =>
  (node.type === 'Literal' && (typeof node.value === 'number' || (typeof node.value === 'string' && node.value !== '__proto__'))) ||
  // `comp-${name}`: a fixed head no prototype member starts with.
  (node.type === 'TemplateLiteral' &&
    ((node.quasis as { value: { cooked: string } }[])[0]?.value.cooked ?? '') !== '' &&
    ![...PROTOTYPE_NAMES].some((name) => name.startsWith((node.quasis as { value: { cooked: string } }[])[0].value.cooked)));

/** Every use of a user key as code in one file, as `line: what`. */
export function findOwnKeyProblems(text: string, file: string): string[] {
  const ast = parseAst(text, { lang: file.endsWith('x') ? 'tsx' : 'ts' }, file) as unknown as AstNode;
  const lines = text.split('\n');
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const problems: string[] = [];
  const flag = (node: AstNode, what: string) => {
    const line = lineOf(node.start);
    problems.push(`${line}: ${what}: ${lines[line - 1].trim()}`);
  };
  const visit = (node: AstNode) => {
    if (node.type === 'ForInStatement') flag(node, 'for…in');
    if (node.type === 'BinaryExpression' && node.operator === 'in') {
      const left = node.left as AstNode;
      if (left.type !== 'PrivateIdentifier' && !(isFixedString(left) && !PROTOTYPE_NAMES.has(left.value as string))) flag(node, '`in` with a key that is not fixed');
    }
    if (node.type === 'CallExpression') {
      const callee = node.callee as AstNode & { object?: AstNode & { name?: string }; property?: AstNode & { name?: string } };
      if (callee.type === 'MemberExpression' && callee.object?.name === 'Object' && callee.property?.name === 'assign') flag(node, 'Object.assign');
    }
    if (node.type === 'AssignmentExpression') {
      const target = node.left as AstNode;
      if (target.type === 'MemberExpression' && target.computed && !isFixedKey(target.property as AstNode)) {
        const line = lineOf(node.start);
        if (!/\/\/ own-keys: \S/.test(`${lines[line - 2] ?? ''}\n${lines[line - 1]}`)) flag(node, 'computed write with a key that is not fixed');
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const child of value) if (child && typeof child.type === 'string') visit(child);
      if (value && typeof value === 'object' && typeof (value as AstNode).type === 'string') visit(value as AstNode);
    }
  };
  visit(ast);
  return problems;
}

describe('user keys are data (a lint over src/)', () => {
  it('catches each form it is meant to', () => {
    const bad = [
      'for (const k in o) f(k);',
      'const t = key in table;',
      "const t = 'constructor' in table;",
      'Object.assign(out, extra);',
      'out[key] = 1;',
      "out['__proto__'] = 1;",
      'out[`${key}`] = 1;',
    ];
    for (const line of bad) expect(findOwnKeyProblems(line, 'x.ts'), line).toHaveLength(1);
    const fine = ["const t = 'dag' in root;", 'out[0] = 1;', "out['name'] = 1;", 'out[`comp-${k}`] = 1;', 'rows[i] = 1; // own-keys: index', 'const v = table.get(key);'];
    for (const line of fine) expect(findOwnKeyProblems(line, 'x.ts'), line).toEqual([]);
  });

  it('finds none in src/', () => {
    const found = sourceFiles(join(ROOT, 'src')).flatMap((path) => findOwnKeyProblems(readFileSync(path, 'utf8'), path).map((p) => `${relative(ROOT, path)}:${p}`));
    expect(found).toEqual([]);
  });
});
