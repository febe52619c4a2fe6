/**
 * Text mutations of magnus YAML, as a fuzzer applies them: each takes the text and a random
 * source and returns the mutated text with a short description (printed when a case fails).
 */

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] };
}

export type Random = ReturnType<typeof randomSource>;

export interface Mutation {
  name: string;
  apply: (text: string, random: Random) => { text: string; what: string };
}

export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable', 'toLocaleString'];

/** Keys magnus files use, in every era: renaming one key to another makes plausible mistakes. */
const KEYS = [
  'dag', 'start_at', 'steps', 'type', 'next', 'on_failure', 'command', 'command_type', 'branches', 'branch', 'iterate_on', 'iterate_as',
  'dag_definition', 'catalog', 'get', 'put', 'retry', 'max_attempts', 'mode_config', 'executor_config', 'overrides', 'kfp', 'executor',
  'mode', 'pipeline-executor', 'config', 'docker_image', 'image', 'output_file', 'cpu_limit', 'memory_limit', 'cpu_request', 'gpu_limit',
  'secrets_from_k8s', 'persistent_volumes', 'placeholders', 'enable_caching', 'image_pull_policy', 'run_log_store', 'description',
  'kfp-designer', 'layout', 'files', 'variables', 'success', 'fail', '<<', '"1"', '""', 'a.b', 'ünï', 'x y',
];

const VALUES = [
  '[]', '{}', '[1, 2]', '{a: 1}', 'null', '~', '42', '-1', '0', '1.5', '.inf', '.nan', 'true', 'no', '"text"', "''", '2001-12-14',
  '!!binary aGVsbG8=', '!!str 3', '!custom x', '"${undefined_variable}"', '"$HOME"', 'a:b:c', 'secret-name:key', '/abs/path', '../up.yaml',
  '1e400', '0x1F', '"\\u0000"', 'task', 'stub', 'parallel', 'map', 'dag', 'success', 'fail', 'as-is', '"🚀"', '&anchor x', '*nowhere',
];

const lines = (text: string) => text.split('\n');

/** Lines of the form `  key: …` (with their index, indentation, key and the rest). */
function keyLines(text: string) {
  return lines(text).flatMap((line, index) => {
    const match = /^(\s*(?:- )?)([^\s:#][^:#]*?):(?:\s(.*))?$/.exec(line);
    return match ? [{ index, indent: match[1], key: match[2], rest: match[3] ?? '' }] : [];
  });
}

function replaceLine(text: string, index: number, line: string): string {
  const all = lines(text);
  all[index] = line;
  return all.join('\n');
}

function nested(depth: number, block: boolean, indent: string): string {
  if (!block) return `${'['.repeat(depth)}${']'.repeat(depth)}`;
  return '\n' + Array.from({ length: depth }, (_, i) => `${indent}${'  '.repeat(i + 1)}k:`).join('\n') + ' 1';
}

export const MUTATIONS: Mutation[] = [
  {
    name: 'byte flip',
    apply(text, random) {
      if (text.length === 0) return { text: 'x', what: 'byte flip on empty text' };
      const at = random.int(text.length);
      const replacement = random.pick(['\u0000', '\t', '\r', ':', '-', '#', '"', "'", '[', '{', '&', '*', '!', '|', '>', ' ', '\ufffd', 'é', String.fromCharCode(text.charCodeAt(at) ^ (1 << random.int(7)))]);
      return { text: text.slice(0, at) + replacement + text.slice(at + 1), what: `byte flip at ${at} to ${JSON.stringify(replacement)}` };
    },
  },
  {
    name: 'line deletion',
    apply(text, random) {
      const all = lines(text);
      const at = random.int(all.length);
      const count = 1 + random.int(3);
      all.splice(at, count);
      return { text: all.join('\n'), what: `deleted ${count} line(s) at ${at + 1}` };
    },
  },
  {
    name: 'line duplication',
    apply(text, random) {
      const all = lines(text);
      const from = random.int(all.length);
      const to = random.int(all.length + 1);
      all.splice(to, 0, all[from]);
      return { text: all.join('\n'), what: `copied line ${from + 1} to ${to + 1}` };
    },
  },
  {
    name: 'key rename',
    apply(text, random) {
      const keys = keyLines(text);
      if (keys.length === 0) return { text, what: 'no key to rename' };
      const line = random.pick(keys);
      const to = random.pick([...KEYS, ...PROTOTYPE_NAMES]);
      return { text: replaceLine(text, line.index, `${line.indent}${to}:${line.rest ? ` ${line.rest}` : ''}`), what: `renamed key ${line.key} to ${to} on line ${line.index + 1}` };
    },
  },
  {
    name: 'type swap',
    apply(text, random) {
      const keys = keyLines(text);
      if (keys.length === 0) return { text, what: 'no value to swap' };
      const line = random.pick(keys);
      const value = random.pick(VALUES);
      return { text: replaceLine(text, line.index, `${line.indent}${line.key}: ${value}`), what: `value of ${line.key} on line ${line.index + 1} became ${value}` };
    },
  },
  {
    name: 'alias',
    apply(text, random) {
      const keys = keyLines(text).filter((k) => k.rest !== '' && !/[&*]/.test(k.rest));
      const choice = random.int(4);
      if (choice === 0 || keys.length < 2) {
        // A small bomb beside the pipeline: within the budget or past it.
        const levels = 2 + random.int(5);
        const fan = 2 + random.int(9);
        let bomb = 'laughs:\n  l0: &l0 [x, x]\n';
        for (let i = 1; i < levels; i++) bomb += `  l${i}: &l${i} [${Array(fan).fill(`*l${i - 1}`).join(', ')}]\n`;
        return { text: bomb + text, what: `alias bomb ${levels}×${fan}` };
      }
      const [a, b] = [random.pick(keys), random.pick(keys)];
      if (choice === 1) {
        const withAnchor = replaceLine(text, a.index, `${a.indent}${a.key}: &fz ${a.rest}`);
        return { text: replaceLine(withAnchor, b.index, `${b.indent}${b.key}: *fz`), what: `anchor on line ${a.index + 1}, alias on line ${b.index + 1}` };
      }
      if (choice === 2) return { text: replaceLine(text, b.index, `${b.indent}${b.key}: *undefined_anchor`), what: `undefined alias on line ${b.index + 1}` };
      const source = random.pick(['*fz', '[*fz]', '1', '[1, {a: 1}]', '{a: 1}', 'null']);
      const withAnchor = replaceLine(text, a.index, `${a.indent}${a.key}: &fz ${a.rest}`);
      return { text: replaceLine(withAnchor, b.index, `${b.indent}<<: ${source}`), what: `merge key <<: ${source} on line ${b.index + 1}` };
    },
  },
  {
    name: 'deep nesting',
    apply(text, random) {
      const keys = keyLines(text);
      const depth = random.pick([10, 60, 199, 200, 201, 1_000, 10_000]);
      // Block nesting costs its depth squared in indentation: 1,000 levels would be a 1 MB file.
      const block = random.next() < 0.5 && depth <= 201;
      if (keys.length === 0) return { text: nested(depth, false, ''), what: `nesting ${depth} deep` };
      const line = random.pick(keys);
      return { text: replaceLine(text, line.index, `${line.indent}${line.key}: ${nested(depth, block, line.indent)}`), what: `${block ? 'block' : 'flow'} nesting ${depth} deep at line ${line.index + 1}` };
    },
  },
  {
    name: 'prototype name',
    apply(text, random) {
      const keys = keyLines(text);
      if (keys.length === 0) return { text, what: 'no key' };
      const line = random.pick(keys);
      const name = random.pick(PROTOTYPE_NAMES);
      if (random.next() < 0.5 || line.rest === '') {
        // The key itself, and every reference to it (a step name is also a `next:` target).
        const renamed = text.replace(new RegExp(`(?<=[\\s:[{,])${line.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s:,\\]}]|$)`, 'gm'), name);
        return { text: renamed, what: `${line.key} became ${name} everywhere` };
      }
      return { text: replaceLine(text, line.index, `${line.indent}${line.key}: ${name}`), what: `value of ${line.key} on line ${line.index + 1} became ${name}` };
    },
  },
];
