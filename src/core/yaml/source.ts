import {
  Composer,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  type Alias,
  type CST,
  type Document,
  type Node,
  type YAMLMap,
} from 'yaml';
import { describeBytes, describeCount, MAX_ALIAS_NODES, MAX_FILE_BYTES, MAX_STEP_NESTING, MAX_YAML_DEPTH } from '../limits';
import type { Json } from '../model/types';
import { COMPOSE_OPTIONS, readBlockSource, scalarToJson, type BlockSource, type Span } from './block-source';

type CstToken = CST.Token;

/** 1-based line and column, as editors and `file:line:col` messages count them. */
export interface SourcePos {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type YamlPath = readonly (string | number)[];

export interface SourceProblem {
  message: string;
  code: string;
  pos?: SourcePos;
  severity: 'error' | 'warning';
}

/** A parsed YAML file: plain data plus where each path came from. */
export interface YamlSource {
  value: Json | undefined;
  problems: SourceProblem[];
  /** Where the value at `path` is written (for a mapping entry: its value). */
  valuePos(path: YamlPath): SourcePos | undefined;
  /** Where the key of the mapping entry at `path` is written (falls back to the value). */
  keyPos(path: YamlPath): SourcePos | undefined;
  /**
   * The entries of the mapping at `path` in file order. JS objects put integer-like keys (`"1"`)
   * first, but the order of steps, secrets or override keys is the user's (and, for overrides, meaningful).
   */
  entries(path: YamlPath, value: Record<string, Json>): [string, Json][];
}

/** A path as a map key, built one step at a time while converting (the same text as from the whole path). */
const childKey = (parent: string, key: string | number) => {
  const part = typeof key === 'number' ? String(key) : JSON.stringify(key);
  return parent === '' ? part : `${parent},${part}`;
};
const pathKey = (path: YamlPath) => path.reduce<string>(childKey, '');

/**
 * Parses like magnus's ruamel `safe` loader (§2.2): YAML 1.2 core schema, anchors and merge keys
 * allowed, duplicate keys rejected. Non-string mapping keys are reported (magnus cannot handle
 * them) and kept as their string form so the rest of the file can still be checked.
 */
/**
 * The last few long texts parsed, by text. An import reads each file twice — once to tell which
 * file is the dag (UI classification), once to import it — and for a 1,000-step dag each parse is a
 * third of a second. Sources are never changed after parsing, so sharing one is safe.
 */
const recentSources = new Map<string, YamlSource>();
const RECENT_SOURCES = 4;
const CACHED_FROM_LENGTH = 16_384;

export function parseYamlSource(text: string): YamlSource {
  if (text.length < CACHED_FROM_LENGTH) return parseYamlSourceUncached(text);
  let source = recentSources.get(text);
  if (source) recentSources.delete(text);
  else source = parseYamlSourceUncached(text);
  recentSources.set(text, source);
  if (recentSources.size > RECENT_SOURCES) recentSources.delete(recentSources.keys().next().value!);
  return source;
}

function parseYamlSourceUncached(text: string): YamlSource {
  const problems: SourceProblem[] = [];
  // Characters, not bytes: a text within the byte limit is always within this one.
  if (text.length > MAX_FILE_BYTES) {
    problems.push({
      code: 'YAML_TOO_LARGE',
      message: `the file is ${describeBytes(text.length)}; files larger than ${describeBytes(MAX_FILE_BYTES)} are not read (about 60,000 steps)`,
      severity: 'error',
    });
    return emptySource(problems);
  }
  // The layout the designer writes is read without the package's syntax tree (block-source.ts).
  const block = readBlockSource(text);
  if (block) return blockSource(text, block);
  return readWithPackage(text);
}

/** The `yaml` package's reading of a text within the size limit; exported for the test that holds block-source.ts to it. */
export function readWithPackage(text: string): YamlSource {
  const problems: SourceProblem[] = [];
  const lineCounter = new LineCounter();
  // Ranges (offsets) by path key; line and column are worked out only for the few positions asked for.
  const valueRanges = new Map<string, Range>();
  const keyRanges = new Map<string, Range>();
  const keyOrders = new Map<string, string[]>();

  const toPos = (range: readonly number[] | null | undefined): SourcePos | undefined => {
    if (!range) return undefined;
    const start = lineCounter.linePos(range[0]);
    const end = lineCounter.linePos(Math.max(range[0], range[1]));
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };

  let docs: Document.Parsed[];
  try {
    // Tokens first: the library composes nested collections recursively, so a nesting deeper than
    // the limit is refused before it can exhaust the stack.
    const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
    const tooDeep = firstTooDeep(tokens);
    if (tooDeep !== undefined) {
      problems.push({ code: 'YAML_TOO_DEEP', message: tooDeepMessage(), pos: toPos([tooDeep, tooDeep]), severity: 'error' });
      return emptySource(problems);
    }
    // Duplicate keys are found while converting: the library's own check compares every key with
    // every other one of its mapping, minutes for a mapping of 20,000 steps.
    docs = [...new Composer(COMPOSE_OPTIONS).compose(tokens, true, text.length)] as Document.Parsed[];
  } catch (error) {
    // The parser is not supposed to throw, but bad input must never crash the importer.
    problems.push({ code: 'YAML_SYNTAX', message: String(error), severity: 'error' });
    return emptySource(problems);
  }
  if (docs.length > 1) {
    const pos = toPos(docs[1].range);
    problems.push({
      code: 'YAML_MULTIPLE_DOCUMENTS',
      message: 'expected one YAML document, found ' + docs.length,
      pos,
      severity: 'error',
    });
  }
  const doc = docs[0];
  if (!doc) return { ...emptySource(problems), value: undefined };

  for (const error of doc.errors) {
    problems.push({ code: 'YAML_SYNTAX', message: error.message.split('\n')[0], pos: toPos(error.pos), severity: 'error' });
  }
  for (const warning of doc.warnings) {
    problems.push({
      code: 'YAML_WARNING',
      message: warning.message.split('\n')[0],
      pos: toPos(warning.pos),
      severity: 'warning',
    });
  }

  const refuse = (code: string, message: string, node: unknown): never => {
    throw new Refused({ code, message, pos: toPos((node as Node | null)?.range), severity: 'error' });
  };

  // An alias means the last anchor of its name before it in the file. The document is converted
  // in file order, so each alias is resolved when first met (and remembered: an anchor may be
  // redefined later, and aliases inside an expanded copy keep their original meaning).
  const anchors = new Map<string, Node>();
  const aliasTargets = new Map<Alias, Node>();
  const resolveAlias = (alias: Alias): Node => {
    let target = aliasTargets.get(alias);
    if (!target) {
      target = anchors.get(alias.source) ?? refuse('YAML_ALIAS_UNDEFINED', `\`*${alias.source}\` names no anchor \`&${alias.source}\` written before it`, alias);
      aliasTargets.set(alias, target);
    }
    return target;
  };
  // Aliases expand to fresh copies (magnus deep-copies shared branches before mutating them), and
  // positions inside an alias point at the anchored definition, which is the text to fix. What
  // expansion adds is counted: a few hundred bytes of aliases of aliases expand to billions of nodes.
  let expanded = 0;
  let expanding: Alias | undefined;
  const open = new Set<Node>();

  const convert = (node: unknown, path: string, depth: number): Json => {
    if (isAlias(node)) {
      const target = resolveAlias(node);
      if (open.has(target)) refuse('YAML_ALIAS_CYCLE', `\`*${node.source}\` is inside the node it names, so it would never end`, node);
      const outermost = expanding === undefined;
      if (outermost) expanding = node;
      try {
        return convert(target, path, depth);
      } finally {
        if (outermost) expanding = undefined;
      }
    }
    const current = node as Node | null;
    if (expanding) {
      if (++expanded > MAX_ALIAS_NODES) {
        refuse(
          'YAML_ALIAS_BUDGET',
          `aliases expand to more than ${describeCount(MAX_ALIAS_NODES)} nodes (a "billion laughs" file?); the file is not read past this alias`,
          expanding,
        );
      }
    } else if (current?.anchor) anchors.set(current.anchor, current);
    if (current?.range && !valueRanges.has(path)) valueRanges.set(path, current.range);
    if (isMap(node) || isSeq(node)) {
      // Aliases can nest deeper than the text does.
      if (depth >= MAX_YAML_DEPTH) refuse('YAML_TOO_DEEP', tooDeepMessage(), expanding ?? node);
      open.add(node);
      try {
        return isMap(node) ? convertMap(node, path, depth) : node.items.map((item, index) => convert(item, childKey(path, index), depth + 1));
      } finally {
        open.delete(node);
      }
    }
    if (isScalar(node)) return scalarToJson(node.value);
    return null;
  };

  const convertMap = (node: YAMLMap, path: string, depth: number): Json => {
    const out: Record<string, Json> = {};
    const order: string[] = [];
    const seen = new Set<string>();
    const written = new Set<string>();
    keyOrders.set(path, order);
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key;
      const keyTarget = isAlias(keyNode) ? resolveAlias(keyNode) : keyNode;
      if (isScalar(keyTarget) && typeof keyTarget.value === 'symbol') {
        checkMergeSources(pair.value);
        mergeInto(out, convert(pair.value, path, depth + 1));
        continue;
      }
      const rawKey = isScalar(keyTarget) ? keyTarget.value : convert(keyNode, childKey(path, '?'), depth + 1);
      const keyRange = here(keyNode)?.range;
      if (typeof rawKey !== 'string') {
        problems.push({
          code: 'YAML_NON_STRING_KEY',
          message: `mapping key ${describeKey(rawKey)} is not a string; magnus cannot use it (quote it)`,
          pos: toPos(keyRange),
          severity: 'error',
        });
      }
      if (isScalar(keyTarget)) {
        if (!isAlias(keyNode) && keyTarget.anchor && !expanding) anchors.set(keyTarget.anchor, keyTarget);
        // By type and value, as magnus's (Python) mapping tells `1` from `"1"`.
        const identity = `${typeof rawKey}:${String(rawKey)}`;
        if (written.has(identity)) problems.push({ code: 'YAML_DUPLICATE_KEY', message: 'Map keys must be unique', pos: toPos(keyRange), severity: 'error' });
        written.add(identity);
      }
      const key = rawKey === null || rawKey === undefined ? '' : typeof rawKey === 'object' ? JSON.stringify(rawKey) : String(rawKey);
      const childPath = childKey(path, key);
      if (!seen.has(key)) {
        seen.add(key);
        order.push(key);
      }
      if (keyRange) keyRanges.set(childPath, keyRange);
      // `__proto__` must become an own property, not the object's prototype.
      Object.defineProperty(out, key, {
        value: convert(pair.value, childPath, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (pair.value === null && keyRange && !valueRanges.has(childPath)) valueRanges.set(childPath, keyRange);
    }
    return out;
  };

  /** `<<: *base`, `<<: {…}` or `<<: [*a, *b]`: anything else is refused where it is written, as ruamel does. */
  const checkMergeSources = (value: unknown): void => {
    const source = isAlias(value) ? resolveAlias(value) : value;
    const items = isSeq(source) ? source.items : [value];
    for (const item of items) {
      const target = isAlias(item) ? resolveAlias(item) : item;
      if (!isMap(target)) {
        const what = isSeq(target) ? 'a list' : isScalar(target) ? (target.value === null ? 'empty' : `a ${typeof target.value}`) : 'empty';
        refuse('YAML_MERGE', `\`<<\` merges a mapping (or a list of mappings) into this one, not ${what}`, item ?? value);
      }
    }
  };

  let value: Json | undefined;
  try {
    value = doc.contents === null ? null : convert(doc.contents, '', 0);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    problems.push(error.problem);
    value = undefined;
  }

  return {
    value,
    problems,
    valuePos: (path) => toPos(valueRanges.get(pathKey(path)) ?? keyRanges.get(pathKey(path))),
    keyPos: (path) => toPos(keyRanges.get(pathKey(path)) ?? valueRanges.get(pathKey(path))),
    entries: (path, value) => orderedEntries(keyOrders.get(pathKey(path)), value),
  };
}

/** A file in the designer's own layout: no problems, and positions worked out from offsets when asked for. */
function blockSource(text: string, { value, valueSpan, keySpan, keysAt, isReadAt }: BlockSource): YamlSource {
  let lineCounter: LineCounter | undefined;
  const toPos = (span: Span | undefined): SourcePos | undefined => {
    if (!span) return undefined;
    if (!lineCounter) {
      // As the package's lexer counts them: a line starts at 0 and after every newline.
      lineCounter = new LineCounter();
      lineCounter.addNewLine(0);
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
    }
    const start = lineCounter.linePos(span[0]);
    const end = lineCounter.linePos(Math.max(span[0], span[1]));
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  return {
    value,
    problems: [],
    valuePos: (path) => toPos(valueSpan(path) ?? keySpan(path)),
    keyPos: (path) => toPos(keySpan(path) ?? valueSpan(path)),
    // The mappings read are in file order already: the import asks this of every step and setting.
    entries: (path, value) => (isReadAt(path, value) ? Object.entries(value) : orderedEntries(keysAt(path), value)),
  };
}

const here = (node: unknown) => node as Node | null | undefined;

type Range = readonly number[];

const tooDeepMessage = () =>
  `the document nests collections more than ${MAX_YAML_DEPTH} levels deep, the limit (a pipeline ${MAX_STEP_NESTING} composite steps deep needs about 165)`;

/**
 * The offset of the first collection nested deeper than MAX_YAML_DEPTH, walking the syntax tree
 * without recursion (which is the point); undefined when there is none.
 */
function firstTooDeep(tokens: readonly CstToken[]): number | undefined {
  const stack: [CstToken, number][] = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    const children: (CstToken | null | undefined)[] = [];
    switch (token.type) {
      case 'document':
        children.push(token.value);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (depth >= MAX_YAML_DEPTH) return token.offset;
        for (const item of token.items) children.push(item.key, item.value);
        break;
    }
    const childDepth = token.type === 'document' ? depth : depth + 1;
    for (const child of children) if (child) stack.push([child, childDepth]);
  }
  return undefined;
}

class Refused extends Error {
  constructor(readonly problem: SourceProblem) {
    super(problem.message);
  }
}

function orderedEntries(order: string[] | undefined, value: Record<string, Json>): [string, Json][] {
  const entries = Object.entries(value);
  if (!order || order.length !== entries.length) return entries;
  return order.filter((key) => Object.prototype.hasOwnProperty.call(value, key)).map((key) => [key, value[key]]);
}

/** `<<: *base` (or a list of them): keys written explicitly win, whatever their order. */
function mergeInto(target: Record<string, Json>, source: Json) {
  const sources = Array.isArray(source) ? source : [source];
  const explicit = new Set(Object.keys(target));
  for (const item of sources) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    for (const [key, value] of Object.entries(item)) {
      if (explicit.has(key) || Object.prototype.hasOwnProperty.call(target, key)) continue;
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
}

function emptySource(problems: SourceProblem[]): YamlSource {
  return { value: undefined, problems, valuePos: () => undefined, keyPos: () => undefined, entries: (_path, value) => Object.entries(value) };
}

function describeKey(key: unknown): string {
  if (key === null || key === undefined) return '(empty)';
  if (typeof key === 'object') return JSON.stringify(key);
  return String(key);
}
