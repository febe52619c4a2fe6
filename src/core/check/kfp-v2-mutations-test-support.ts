/**
 * Line-level mutations of KFP v2 texts for the vouch's soundness test: each edit a hand or a buggy
 * writer could make, aimed at every rule the full check holds (the YAML layout and its 1.1 readings,
 * the protos' keys, types and oneofs, and the cross-references between components, executors, tasks,
 * inputs and placeholders).
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { blockEnd, pick, pickFocused, pickInGroups, readLine, type Line } from './kfp-v2-lines-test-support.ts';
import {
  FOCUSED_CHILDREN,
  INSERTED_LINES,
  MISSING_NAMES,
  nearMiss,
  FOCUSED_SIBLINGS,
  protoFieldNames,
  RENAMED_TO,
  RULE_KEYS,
  scalarFromCharacters,
  TEXT_EDITS,
  TRICKY_KEYS,
  TRICKY_SCALARS,
  TYPED_VALUES,
} from './kfp-v2-mutation-words-test-support.ts';
import type { NamedText } from './kfp-v2-texts-test-support.ts';
import { isObject, objectOrEmpty, type JsonObject } from './values.ts';

export type Mutation =
  | { op: 'scalar'; at: number; focus: boolean; scalar: string }
  /** A key the protos know (in either spelling), a near miss of the line's own, or one YAML 1.1 reads as no string. */
  | { op: 'key'; at: number; key: number; from: 'proto' | 'nearMiss' | 'tricky' }
  /**
   * A name (with `focus`, one that a reference or a list item holds) replaced by another of the same
   * collection (a task for a task), any name of the spec, or one it does not define.
   */
  | { op: 'name'; at: number; focus: boolean; name: number; among: 'family' | 'any' | 'missing' }
  | { op: 'delete' | 'duplicate' | 'swapNext' | 'collapse'; at: number; focus: boolean; block: boolean }
  | { op: 'indent'; at: number; by: number; block: boolean }
  /** A task made to wait for itself or a task after it in its DAG (its first dependentTasks item replaced, or one added). */
  | { op: 'waitFor'; at: number; task: number; later: number }
  /** The value of a line whose key has a known proto type, from TYPED_VALUES. */
  | { op: 'typed'; at: number; value: number }
  /** A top-level entry dropped with its block (`root`, `pipelineInfo`, `platforms`…). */
  | { op: 'dropTopLevel'; at: number }
  /** Every whole occurrence of a name, renamed (consistently) to one of RENAMED_TO. */
  | { op: 'rename'; name: number; to: number }
  /** A line of INSERTED_LINES, or with `focus` an entry beside a line with the key (FOCUSED_SIBLINGS) or an entry under it (FOCUSED_CHILDREN). */
  | { op: 'insert'; at: number; line: number; name: number; child: boolean; focus: boolean }
  | { op: 'toBlock'; at: number; shape: 'plain' | 'sequence' | 'mapping' | 'flow' }
  | { op: 'text'; at: number; edit: (typeof TEXT_EDITS)[number] };

export interface MutatedText {
  base: string;
  mutations: Mutation[];
  text: string;
}

const at = fc.nat();
const block = fc.boolean();
const focus = fc.boolean();

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('scalar' as const), at, focus, scalar: fc.oneof(fc.constantFrom(...TRICKY_SCALARS), scalarFromCharacters) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('key' as const), at, key: fc.nat(), from: fc.constantFrom('proto' as const, 'nearMiss' as const, 'tricky' as const) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('name' as const), at, focus, name: fc.nat(), among: fc.constantFrom('family' as const, 'any' as const, 'missing' as const) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'swapNext' as const, 'collapse' as const), at, focus, block }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('indent' as const), at, by: fc.constantFrom(-2, -1, 1, 2), block }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('rename' as const), name: fc.nat(), to: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('typed' as const), at, value: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('dropTopLevel' as const), at }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('waitFor' as const), at, task: fc.nat(), later: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at, line: fc.nat(), name: fc.nat(), child: fc.boolean(), focus }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('toBlock' as const), at, shape: fc.constantFrom('plain' as const, 'sequence' as const, 'mapping' as const, 'flow' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('text' as const), at, edit: fc.constantFrom(...TEXT_EDITS) }), weight: 1 },
);

/**
 * A base with one to three mutations applied in turn. Bases the vouch may take as they are (`inScope`)
 * come three times as often as the others, which mutations mostly keep out of its reach; in-scope
 * bases with task outputs (few, while our flat pipelines are many) as often again as all the others.
 */
export function mutatedTexts(bases: readonly NamedText[], inScope: (base: NamedText) => boolean): fc.Arbitrary<MutatedText> {
  const known = bases.map((base) => ({ ...base, names: namesOf(base.text) }));
  const within = known.filter(inScope);
  const groups = [
    { arbitrary: within, weight: 3 },
    { arbitrary: within.filter((base) => /taskOutput(Parameter|Artifact):/.test(base.text)), weight: 1 },
    { arbitrary: known.filter((base) => !inScope(base)), weight: 1 },
  ].filter((group) => group.arbitrary.length > 0);
  const base = fc.oneof({ withCrossShrink: true }, ...groups.map(({ arbitrary, weight }) => ({ arbitrary: fc.constantFrom(...arbitrary), weight })));
  return fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([base, mutations]) => ({
    base: base.name,
    mutations,
    text: mutations.reduce((text, m) => applyMutation(text, m, base.names), base.text),
    // A counterexample is told by its base and mutations; its text (thousands of lines) is in the failure's message, where it changed.
    [fc.toStringMethod]: () => `${base.name} after ${JSON.stringify(mutations)}`,
  }));
}

export interface Names {
  /** Longest first, for the pattern that finds them. */
  all: string[];
  /** The names of the collection each name was first met in (its DAG's tasks, its component's inputs…). */
  familyOf: Map<string, string[]>;
}

/** The names a spec defines and refers to: components, executors, tasks, inputs and outputs. */
export function namesOf(text: string): Names {
  const familyOf = new Map<string, string[]>();
  const keysOf = (value: unknown) => {
    const family = Object.keys(objectOrEmpty(value)).filter((name) => name !== '');
    for (const name of family) if (!familyOf.has(name)) familyOf.set(name, family);
  };
  const docs = parseAllDocuments(text).map((doc) => objectOrEmpty(doc.toJS()));
  const [spec, platform] = docs;
  const definitions = (holder: JsonObject) => {
    for (const side of ['inputDefinitions', 'outputDefinitions'])
      for (const kind of ['parameters', 'artifacts']) keysOf(objectOrEmpty(holder[side])[kind]);
  };
  const components = objectOrEmpty(spec.components);
  keysOf(components);
  keysOf(objectOrEmpty(spec.deploymentSpec).executors);
  for (const owner of [objectOrEmpty(spec.root), ...Object.values(components).map(objectOrEmpty)]) {
    definitions(owner);
    if (isObject(owner.dag)) keysOf(owner.dag.tasks);
  }
  keysOf(objectOrEmpty(objectOrEmpty(objectOrEmpty(objectOrEmpty(platform).platforms).kubernetes).deploymentSpec).executors);
  return { all: [...familyOf.keys()].sort((x, y) => y.length - x.length), familyOf };
}

const TYPED_KEYS = new Set(Object.keys(TYPED_VALUES));
const FOCUSED_INSERTS = new Set([...Object.keys(FOCUSED_SIBLINGS), ...Object.keys(FOCUSED_CHILDREN)]);

/** The start of a line up to a name it holds as a reference (by its key), a placeholder or a list item (dependentTasks). */
const REFERENCE_LINE = /^ *(?:- )*(?:(producerTask|componentInputParameter|componentInputArtifact|outputParameterKey|outputArtifactKey|executorLabel|name|itemInput|inputParameter): |("?\{\{\$\.\w+\.\w+\[')|$)/;

/** The names `found` that `text` holds as references, by the kind of reference: each kind is then as likely to be hit as another. */
function referencesByKind(text: string, found: RegExpExecArray[]): RegExpExecArray[][] {
  const byKind = new Map<string, RegExpExecArray[]>();
  for (const hit of found) {
    const reference = REFERENCE_LINE.exec(text.slice(text.lastIndexOf('\n', hit.index) + 1, hit.index));
    if (reference === null) continue;
    const kind = reference[1] ?? (reference[2] === undefined ? 'item' : 'placeholder');
    byKind.set(kind, [...(byKind.get(kind) ?? []), hit]);
  }
  return [...byKind.values()];
}

export function applyMutation(text: string, m: Mutation, names: Names): string {
  const lines = text.split('\n');
  const nameAt = (n: number) => (names.all.length === 0 ? MISSING_NAMES[n % MISSING_NAMES.length] : names.all[n % names.all.length]);
  const prefix = (line: string, parsed: Line) => line.slice(0, parsed.column);
  const replaceLines = (i: number, end: number, replacement: string[]) => [...lines.slice(0, i), ...replacement, ...lines.slice(end)].join('\n');
  switch (m.op) {
    case 'scalar': {
      const i = m.focus ? pickFocused(lines, m.at, RULE_KEYS) : pick(lines, m.at, () => true);
      if (i === undefined) return text;
      const parsed = readLine(lines[i]);
      const head = parsed.key === undefined ? prefix(lines[i], parsed).trimEnd() : `${prefix(lines[i], parsed)}${parsed.key}:`;
      return replaceLines(i, i + 1, [m.scalar === '' ? head : `${head} ${m.scalar}`]);
    }
    case 'key': {
      const i = pick(lines, m.at, (line) => line.key !== undefined);
      if (i === undefined) return text;
      const parsed = readLine(lines[i]);
      const keys = protoFieldNames();
      const key = m.from === 'nearMiss' ? nearMiss(parsed.key!, m.key) : m.from === 'tricky' ? TRICKY_KEYS[m.key % TRICKY_KEYS.length] : keys[m.key % keys.length];
      return replaceLines(i, i + 1, [`${prefix(lines[i], parsed)}${key}:${parsed.value === '' ? '' : ` ${parsed.value}`}`]);
    }
    case 'name': {
      if (names.all.length === 0) return text;
      const found = [...text.matchAll(namePattern(names.all))];
      const hit = m.focus ? pickInGroups(referencesByKind(text, found), m.at) : found[m.at % found.length];
      if (hit === undefined) return text;
      const family = names.familyOf.get(hit[0])!;
      const replacement = m.among === 'missing' ? MISSING_NAMES[m.name % MISSING_NAMES.length] : m.among === 'family' ? family[m.name % family.length] : nameAt(m.name);
      return text.slice(0, hit.index) + replacement + text.slice(hit.index + hit[0].length);
    }
    case 'typed': {
      const i = pickFocused(lines, m.at, TYPED_KEYS, (line) => line.value !== '');
      if (i === undefined) return text;
      const parsed = readLine(lines[i]);
      const values = TYPED_VALUES[parsed.key!];
      return replaceLines(i, i + 1, [`${prefix(lines[i], parsed)}${parsed.key}: ${values[m.value % values.length]}`]);
    }
    case 'waitFor':
      return waitForLater(lines, m) ?? text;
    case 'dropTopLevel': {
      const i = pick(lines, m.at, (line) => line.indent === 0 && line.key !== undefined);
      return i === undefined ? text : replaceLines(i, blockEnd(lines, i), []);
    }
    case 'rename': {
      if (names.all.length === 0) return text;
      const from = nameAt(m.name);
      const to = RENAMED_TO[m.to % RENAMED_TO.length];
      return text.replace(namePattern(names.all), (found) => (found === from ? to : found));
    }
    case 'delete':
    case 'duplicate':
    case 'swapNext':
    case 'collapse': {
      const keep = (line: Line) => m.op !== 'collapse' || (line.key !== undefined && line.value === '');
      const i = m.focus ? pickFocused(lines, m.at, RULE_KEYS, keep) : pick(lines, m.at, keep);
      if (i === undefined) return text;
      const end = m.block || m.op === 'collapse' ? blockEnd(lines, i) : i + 1;
      const chosen = lines.slice(i, end);
      if (m.op === 'delete') return replaceLines(i, end, []);
      if (m.op === 'duplicate') return replaceLines(i, end, [...chosen, ...chosen]);
      if (m.op === 'collapse') return replaceLines(i, end, [`${chosen[0]} ${m.block ? '{}' : '[]'}`]);
      const next = end < lines.length && lines[end] !== '' ? blockEnd(lines, end) : end;
      return replaceLines(i, next, [...lines.slice(end, next), ...chosen]);
    }
    case 'indent': {
      const i = pick(lines, m.at, () => true);
      if (i === undefined) return text;
      const end = m.block ? blockEnd(lines, i) : i + 1;
      const moved = lines.slice(i, end).map((line) => (m.by > 0 ? ' '.repeat(m.by) + line : line.slice(Math.min(-m.by, readLine(line).indent))));
      return replaceLines(i, end, moved);
    }
    case 'insert': {
      const i = m.focus ? pickFocused(lines, m.at, FOCUSED_INSERTS) : pick(lines, m.at, () => true);
      if (i === undefined) return text;
      const parsed = readLine(lines[i]);
      const siblings = m.focus ? FOCUSED_SIBLINGS[parsed.key!] : undefined;
      const children = m.focus ? FOCUSED_CHILDREN[parsed.key!] : undefined;
      const child = children === undefined ? m.child && !m.focus : m.child || siblings === undefined;
      const choices = (m.focus ? (child ? children : siblings) : INSERTED_LINES)!;
      const indent = ' '.repeat(parsed.column + (child ? 2 : 0));
      const inserted = choices[m.line % choices.length].replaceAll('$NAME', nameAt(m.name)).split('\n').map((line) => indent + line);
      const where = child ? i + 1 : blockEnd(lines, i);
      return replaceLines(where, where, inserted);
    }
    case 'toBlock': {
      const i = pick(lines, m.at, (line) => line.key !== undefined && line.value !== '');
      if (i === undefined) return text;
      const parsed = readLine(lines[i]);
      const head = `${prefix(lines[i], parsed)}${parsed.key}:`;
      const inner = ' '.repeat(parsed.column + 2);
      const shapes = {
        plain: [head, inner + parsed.value],
        sequence: [head, `${inner}- ${parsed.value}`],
        mapping: [head, `${inner}${parsed.key}: ${parsed.value}`],
        flow: [`${head} [${parsed.value}]`],
      };
      return replaceLines(i, i + 1, shapes[m.shape]);
    }
    case 'text':
      return textEdit(text, lines, m);
  }
}

/** `lines` with a task of a DAG waiting for itself or a later task of the DAG, or undefined when there is no DAG. */
function waitForLater(lines: string[], { at: n, task, later }: Extract<Mutation, { op: 'waitFor' }>): string | undefined {
  const dag = pick(lines, n, (line) => line.key === 'tasks' && line.value === '');
  if (dag === undefined) return undefined;
  const taskIndent = readLine(lines[dag]).column + 2;
  const tasks: number[] = [];
  for (let i = dag + 1; i < lines.length && lines[i] !== '' && readLine(lines[i]).indent >= taskIndent; i = blockEnd(lines, i)) tasks.push(i);
  if (tasks.length === 0) return undefined;
  const own = task % tasks.length;
  const target = readLine(lines[tasks[own + (later % (tasks.length - own))]]).key!;
  const end = blockEnd(lines, tasks[own]);
  const dependencies = lines.slice(tasks[own], end).findIndex((line) => readLine(line).key === 'dependentTasks') + tasks[own];
  const item = `${' '.repeat(taskIndent + 4)}- ${target}`;
  const changed = [...lines];
  if (dependencies >= tasks[own] && readLine(lines[dependencies]).value === '') changed.splice(dependencies + 1, 1, item);
  else changed.splice(tasks[own] + 1, 0, `${' '.repeat(taskIndent + 2)}dependentTasks:`, item);
  return changed.join('\n');
}

function textEdit(text: string, lines: string[], { at: n, edit }: Extract<Mutation, { op: 'text' }>): string {
  const documents = text.split(/^---\n/m);
  switch (edit) {
    case 'dropFinalNewline':
      return text.replace(/\n$/, '');
    case 'thirdDocument':
      return `${text}---\n${documents[documents.length - 1]}`;
    case 'thirdEmptyDocument':
      return `${text}---\n{}\n`;
    case 'blankAtEnd':
      return `${text}\n`;
    case 'leadingDocumentMarker':
      return `---\n${text}`;
    case 'bom':
      return `\ufeff${text}`;
    case 'emptyText':
      return '';
    case 'platformAsScalar':
      return `${documents[0]}---\nplatforms\n`;
    case 'platformAsList':
      return `${documents[0]}---\n- platforms\n`;
    case 'specAsList':
      return ['- components\n', ...documents.slice(1)].join('---\n');
  }
  const i = pick(lines, n, () => true);
  if (i === undefined) return text;
  const line = lines[i];
  const changed: Record<typeof edit, string[]> = {
    'line:trailingSpace': [`${line} `],
    'line:crlf': [`${line}\r`],
    'line:comment': [`${line} # note`],
    'line:blankBefore': ['', line],
    'line:tabIndent': [`\t${line.trimStart()}`],
    'line:doubleSpace': [line.replace(': ', ':  ').replace('- ', '-  ')],
    'line:documentMarker': ['---', line],
    'line:documentEnd': ['...', line],
    'line:nonAscii': [`${line}é`],
  };
  return [...lines.slice(0, i), ...changed[edit], ...lines.slice(i + 1)].join('\n');
}

const namePatterns = new WeakMap<string[], RegExp>();

/** Any of `names` standing as a whole name (not inside a longer one). */
function namePattern(names: string[]): RegExp {
  let pattern = namePatterns.get(names);
  if (pattern === undefined) namePatterns.set(names, (pattern = new RegExp(`(?<![\\w-])(?:${names.map(escapeRegExp).join('|')})(?![\\w-])`, 'g')));
  return pattern;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
