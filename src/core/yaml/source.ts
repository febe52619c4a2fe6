import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';
import type { Json } from '../model/types';

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

const pathKey = (path: YamlPath) => JSON.stringify(path);

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
  const lineCounter = new LineCounter();
  const problems: SourceProblem[] = [];
  const valuePositions = new Map<string, SourcePos>();
  const keyPositions = new Map<string, SourcePos>();
  const keyOrders = new Map<string, string[]>();

  const toPos = (range: readonly number[] | null | undefined): SourcePos | undefined => {
    if (!range) return undefined;
    const start = lineCounter.linePos(range[0]);
    const end = lineCounter.linePos(Math.max(range[0], range[1]));
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      lineCounter,
      uniqueKeys: true,
      merge: true,
      version: '1.2',
      prettyErrors: false,
    }) as Document.Parsed[];
  } catch (error) {
    // The parser is not supposed to throw, but bad input must never crash the importer.
    problems.push({ code: 'YAML_SYNTAX', message: String(error), severity: 'error' });
    return emptySource(problems);
  }
  if (!Array.isArray(docs)) docs = [];
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
    problems.push({
      code: error.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX',
      message: error.message.split('\n')[0],
      pos: toPos(error.pos),
      severity: 'error',
    });
  }
  for (const warning of doc.warnings) {
    problems.push({
      code: 'YAML_WARNING',
      message: warning.message.split('\n')[0],
      pos: toPos(warning.pos),
      severity: 'warning',
    });
  }

  // Aliases expand to fresh copies (magnus deep-copies shared branches before mutating them), and
  // positions inside an alias point at the anchored definition, which is the text to fix.
  const convert = (node: unknown, path: (string | number)[], depth: number): Json => {
    if (depth > 200) throw new NestingTooDeep();
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return target ? convert(target, path, depth + 1) : null;
    }
    const here = node as Node | null;
    const pos = toPos(here?.range);
    if (pos && !valuePositions.has(pathKey(path))) valuePositions.set(pathKey(path), pos);
    if (isMap(node)) {
      const out: Record<string, Json> = {};
      const order: string[] = [];
      keyOrders.set(pathKey(path), order);
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key;
        const rawKey = isScalar(keyNode) ? keyNode.value : isAlias(keyNode) ? keyNode.resolve(doc)?.toJSON() : keyNode;
        const keyPosition = toPos((keyNode as Node | null)?.range);
        if (typeof rawKey === 'symbol') {
          mergeInto(out, convert(pair.value, path, depth + 1));
          continue;
        }
        if (typeof rawKey !== 'string') {
          problems.push({
            code: 'YAML_NON_STRING_KEY',
            message: `mapping key ${describeKey(rawKey)} is not a string; magnus cannot use it (quote it)`,
            pos: keyPosition,
            severity: 'error',
          });
        }
        const key = rawKey === null || rawKey === undefined ? '' : typeof rawKey === 'object' ? JSON.stringify(rawKey) : String(rawKey);
        const childPath = [...path, key];
        if (!order.includes(key)) order.push(key);
        if (keyPosition) keyPositions.set(pathKey(childPath), keyPosition);
        // `__proto__` must become an own property, not the object's prototype.
        Object.defineProperty(out, key, {
          value: convert(pair.value, childPath, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        if (pair.value === null && keyPosition && !valuePositions.has(pathKey(childPath))) {
          valuePositions.set(pathKey(childPath), keyPosition);
        }
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, index) => convert(item, [...path, index], depth + 1));
    if (isScalar(node)) return scalarToJson(node.value);
    return null;
  };

  let value: Json | undefined;
  try {
    value = doc.contents === null ? null : convert(doc.contents, [], 0);
  } catch (error) {
    if (!(error instanceof NestingTooDeep)) throw error;
    problems.push({ code: 'YAML_TOO_DEEP', message: 'the document is nested more than 200 levels deep', severity: 'error' });
    value = undefined;
  }

  return {
    value,
    problems,
    valuePos: (path) => valuePositions.get(pathKey(path)) ?? keyPositions.get(pathKey(path)),
    keyPos: (path) => keyPositions.get(pathKey(path)) ?? valuePositions.get(pathKey(path)),
    entries: (path, value) => orderedEntries(keyOrders.get(pathKey(path)), value),
  };
}

function orderedEntries(order: string[] | undefined, value: Record<string, Json>): [string, Json][] {
  const entries = Object.entries(value);
  if (!order || order.length !== entries.length) return entries;
  return order.filter((key) => Object.prototype.hasOwnProperty.call(value, key)).map((key) => [key, value[key]]);
}

class NestingTooDeep extends Error {}

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

function scalarToJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Array.from(value).join(',');
  return String(value);
}

function describeKey(key: unknown): string {
  if (key === null || key === undefined) return '(empty)';
  if (typeof key === 'object') return JSON.stringify(key);
  return String(key);
}
