/**
 * A fast reader, with positions, for the block YAML our own writer produces (stringify.ts): the
 * magnus files the designer exports and reads back. The `yaml` package's parse (CST, then a
 * document of nodes) took ~0.3–0.9 s of a 1,000-step import in the reader worker; this reads the
 * same text in a few ms and remembers where each key and value was written, as offsets.
 *
 * It is not a second YAML parser: it accepts only the layout the writer produces — block mappings
 * and sequences indented two spaces per level, `- key:` compact mappings, `key:` with nothing
 * after it, plain scalars of printable ASCII, JSON-style double-quoted and plain single-quoted
 * scalars, `|` / `|-` / `|+` blocks, `[]` / `{}` — and answers `undefined` for anything else (a
 * comment, a blank line outside a block, a tab, an anchor or alias, a tag, a flow collection with
 * content, odd indentation, a duplicate or non-string key, `<<`, a key JS objects order first, a
 * second document…), which source.ts then reads with the `yaml` package, whose every limit
 * (depth, aliases) applies there. What a plain scalar means (null, bool, number…) is decided by
 * the package's own YAML 1.2 core tags, as its composer would. The value, the offsets and the key
 * order are the package's own, byte for byte: a differential test over the corpus and mutated
 * files holds this reader to the package's reading (block-source.test.ts).
 *
 * A sibling of the strict self-check's reader (core/check/yaml-block-reader.ts), which reads
 * emitted Kubeflow YAML without positions under both YAML versions; this one keeps positions and
 * reads magnus's YAML 1.2 only.
 */
import { Composer, Document, isScalar, type ScalarTag, type Schema } from 'yaml';
import { isWellFormed } from '../check/values';
import { MAX_YAML_DEPTH } from '../limits';
import {
  BlockLines,
  COLON,
  DOUBLE_QUOTE,
  blockText,
  decodeDoubleQuoted,
  INDEX_LIKE,
  isPlain,
  KEY_LIMIT,
  NEWLINE,
  notInLayout,
  OPEN_BRACE,
  OPEN_BRACKET,
  PIPE,
  SIMPLE_DOUBLE_QUOTED,
  SINGLE_QUOTE,
  SINGLE_QUOTED,
  SPACE,
  UNREADABLE,
} from './block-layout';
import type { Json } from '../model/types';

/** `[start, end]` offsets, as the `yaml` package's `range[0]` and `range[1]`. */
export type Span = readonly [number, number];

export interface BlockSource {
  value: Json;
  /** The value's span at `path` (the document's for `[]`); undefined where nothing is. */
  valueSpan(path: readonly (string | number)[]): Span | undefined;
  /** The key's span of the mapping entry at `path`; undefined for the document and sequence items. */
  keySpan(path: readonly (string | number)[]): Span | undefined;
  /** The keys of the block mapping at `path` in file order; undefined where there is none. */
  keysAt(path: readonly (string | number)[]): string[] | undefined;
  /**
   * Whether `value` is the very mapping read at `path`: its own keys are then in file order (keys
   * a JS object puts first are declined), and its entries need no reordering.
   */
  isReadAt(path: readonly (string | number)[], value: object): boolean;
}

/** The options source.ts composes with: the schema and the tags' options come from them. */
export const COMPOSE_OPTIONS = { uniqueKeys: false, merge: true, version: '1.2' } as const satisfies ConstructorParameters<typeof Composer>[0];

/** What `text` reads as, or `undefined` when it is not in the layout this reads. */
export function readBlockSource(text: string): BlockSource | undefined {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== NEWLINE || UNREADABLE.test(text) || !isWellFormed(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (error) {
    if (error === notInLayout) return undefined;
    throw error;
  }
}

/** The `yaml` package's scalar value as the importer keeps it (JSON data). */
export function scalarToJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Array.from(value).join(',');
  return String(value);
}


/** The schema and options the `yaml` package composes magnus files with (source.ts). */
const { schema, options } = (() => {
  const doc = new Document(undefined, COMPOSE_OPTIONS);
  return { schema: doc.schema as Schema, options: doc.options };
})();
const tagsAt = (atKey: boolean) => schema.tags.filter((t) => (t.default === true || (atKey && t.default === 'key')) && t.test) as ScalarTag[];
const VALUE_TAGS = tagsAt(false);
const KEY_TAGS = tagsAt(true);
/** One pattern matching whatever any of the tags' patterns matches, so most strings need one test. */
const anyOf = (tags: ScalarTag[]) => {
  const patterns = tags.map((t) => t.test as RegExp);
  return patterns.every((p) => p.flags === '') ? new RegExp(patterns.map((p) => `(?:${p.source})`).join('|')) : /[^]/;
};
const ANY_VALUE_TAG = anyOf(VALUE_TAGS);
const ANY_KEY_TAG = anyOf(KEY_TAGS);

/** The package's reading of a plain scalar (compose-scalar.js, findScalarTagByTest); undefined when a tag reports an error. */
function resolvePlain(text: string, atKey: boolean): { value: unknown } | undefined {
  if (!(atKey ? ANY_KEY_TAG : ANY_VALUE_TAG).test(text)) return { value: text };
  const tag = (atKey ? KEY_TAGS : VALUE_TAGS).find((t) => t.test!.test(text));
  if (!tag?.resolve) return { value: text };
  let failed = false;
  let resolved: unknown;
  try {
    resolved = tag.resolve(text, () => (failed = true), options);
  } catch {
    return undefined;
  }
  if (failed) return undefined;
  return { value: isScalar(resolved) ? resolved.value : resolved };
}

/** Plain values that a tag takes (`true`, `3`, `null`) repeat: each is resolved once. */
const UNREADABLE_VALUE: unique symbol = Symbol('not read here');
const plainValues = new Map<string, Json | typeof UNREADABLE_VALUE>();
const CACHE_LIMIT = 10_000;

/** A whole number as the writer puts positions and counts (`260`, `-40`): the core schema's int, `parseInt` of it. */
const WHOLE_NUMBER = /^-?(?:0|[1-9][0-9]{0,14})$/;

function plainValue(text: string): Json {
  // Most of a layout section's 2,000 values; each distinct, so the cache below would not serve them.
  if (WHOLE_NUMBER.test(text)) return Number(text);
  if (!isPlain(text)) throw notInLayout;
  if (!ANY_VALUE_TAG.test(text)) return text;
  let value = plainValues.get(text);
  if (value === undefined) {
    const resolved = resolvePlain(text, false);
    value = resolved ? scalarToJson(resolved.value) : UNREADABLE_VALUE;
    if (plainValues.size > CACHE_LIMIT) plainValues.clear();
    plainValues.set(text, value);
  }
  if (value === UNREADABLE_VALUE) throw notInLayout;
  return value;
}


/** A plain key that reads as itself (not a bool, number, null or `<<`), and keeps its place in a JS object. */
function isStringKey(text: string): boolean {
  if (!isPlain(text) || INDEX_LIKE.test(text)) return false;
  return !ANY_KEY_TAG.test(text) || resolvePlain(text, true)?.value === text;
}

/**
 * Where the entries of one collection were written: four offsets an entry (key start and end, -1
 * for a sequence's items; value start and end), the nested collections' own, and a mapping's keys.
 */
class Place {
  readonly spans: number[] = [];
  readonly children: (Place | undefined)[] = [];
  private index: Map<string, number> | undefined;

  constructor(
    readonly keys: string[] | undefined,
    readonly collection: object,
  ) {}

  /** The entry at `segment`: a key of a mapping, an index of a sequence; -1 when there is none. */
  entry(segment: string | number): number {
    const { keys } = this;
    if (keys === undefined) return typeof segment === 'number' && Number.isInteger(segment) && segment >= 0 && segment < this.children.length ? segment : -1;
    if (typeof segment !== 'string') return -1;
    if (keys.length < 16) return keys.indexOf(segment);
    if (!this.index) this.index = new Map(keys.map((key, i) => [key, i]));
    return this.index.get(segment) ?? -1;
  }
}

class Reader extends BlockLines {
  private depth = 0;
  /** What the last value read spans (`yaml`'s range[0], range[1], range[2]) and, for a block collection, its entries. */
  private valueStart = 0;
  private valueEnd = 0;
  private nodeEnd = 0;
  private place: Place | undefined;
  /** Where the key last read ends, and where the text after its `:` starts. */
  private keyEnd = 0;
  private afterColon = 0;

  document(): BlockSource {
    if (this.indent !== 0 || this.isDocumentMarker()) throw notInLayout;
    const value = this.isSequenceEntry() ? this.sequence(0) : this.mapping(0);
    if (!this.atEnd()) throw notInLayout;
    const root = this.place!;
    const rootSpan: Span = [this.valueStart, this.valueEnd];
    const placeAt = (path: readonly (string | number)[]): Place | undefined => {
      let place: Place | undefined = root;
      for (let i = 0; place !== undefined && i < path.length; i++) {
        const entry = place.entry(path[i]);
        place = entry < 0 ? undefined : place.children[entry];
      }
      return place;
    };
    const find = (path: readonly (string | number)[], key: boolean): Span | undefined => {
      if (path.length === 0) return key ? undefined : rootSpan;
      let place: Place | undefined = root;
      for (let i = 0; place !== undefined; i++) {
        const entry = place.entry(path[i]);
        if (entry < 0) return undefined;
        if (i === path.length - 1) {
          const at = entry * 4 + (key ? 0 : 2);
          return place.spans[at] < 0 ? undefined : [place.spans[at], place.spans[at + 1]];
        }
        place = place.children[entry];
      }
      return undefined;
    };
    return {
      value,
      valueSpan: (path) => find(path, false),
      keySpan: (path) => find(path, true),
      keysAt: (path) => placeAt(path)?.keys,
      isReadAt: (path, value) => placeAt(path)?.collection === value,
    };
  }

  private enter(): void {
    // Past this the package's path refuses the file (YAML_TOO_DEEP) with its own message.
    if (++this.depth >= MAX_YAML_DEPTH) throw notInLayout;
  }

  /** Entries at `indent`; the first may share a dash's line (`- key: …`), its key then at column `indent`. */
  private mapping(indent: number): Record<string, Json> {
    this.enter();
    const map: Record<string, Json> = {};
    const keys: string[] = [];
    const place = new Place(keys, map);
    let column = this.start + indent;
    const start = column;
    let end: number;
    for (;;) {
      const key = this.key(column);
      if (key === '__proto__' || Object.hasOwn(map, key)) throw notInLayout;
      const keyEnd = this.keyEnd;
      // own-keys: '__proto__' is refused above (left to the yaml package)
      map[key] = this.value(this.afterColon, indent);
      keys.push(key);
      place.spans.push(column, keyEnd, this.valueStart, this.valueEnd);
      place.children.push(this.place);
      end = this.nodeEnd;
      if (this.atEnd() || this.indent < indent || this.isDocumentMarker()) break;
      if (this.indent > indent || this.isSequenceEntry()) throw notInLayout;
      column = this.start + indent;
    }
    this.depth--;
    this.collection(start, end, place);
    return map;
  }

  private sequence(indent: number): Json[] {
    this.enter();
    const items: Json[] = [];
    const place = new Place(undefined, items);
    const start = this.start + indent;
    let end: number;
    for (;;) {
      const dash = this.start + indent;
      if (dash + 1 === this.end) {
        // A bare dash: the item is a block sequence on the next lines.
        this.line(this.end + 1);
        if (this.atEnd() || this.indent !== indent + 2 || !this.isSequenceEntry()) throw notInLayout;
        items.push(this.sequence(indent + 2));
      } else {
        const content = dash + 2;
        items.push(this.startsMappingEntry(content) ? this.mapping(indent + 2) : this.inline(content, indent + 2));
      }
      place.spans.push(-1, -1, this.valueStart, this.valueEnd);
      place.children.push(this.place);
      end = this.nodeEnd;
      if (this.atEnd() || this.indent < indent || this.isDocumentMarker()) break;
      if (this.indent > indent || !this.isSequenceEntry()) throw notInLayout;
    }
    this.depth--;
    this.collection(start, end, place);
    return items;
  }

  /** A block collection spans from its first entry to the end of its last value's node. */
  private collection(start: number, end: number, place: Place): void {
    this.valueStart = start;
    this.valueEnd = end;
    this.nodeEnd = end;
    this.place = place;
  }

  private scalar(start: number, valueEnd: number, nodeEnd: number): void {
    this.valueStart = start;
    this.valueEnd = valueEnd;
    this.nodeEnd = nodeEnd;
    this.place = undefined;
  }

  private key(at: number): string {
    const { text } = this;
    let key: string;
    let colon: number;
    if (text.charCodeAt(at) === DOUBLE_QUOTE) {
      const close = this.closingQuote(at);
      key = decodeDoubleQuoted(text.slice(at, close + 1));
      colon = close + 1;
      if (text.charCodeAt(colon) !== COLON || INDEX_LIKE.test(key)) throw notInLayout;
    } else {
      colon = this.keyColon(at);
      if (colon <= at) throw notInLayout;
      key = text.slice(at, colon);
      if (!isStringKey(key)) throw notInLayout;
    }
    if (colon - at > KEY_LIMIT) throw notInLayout;
    this.keyEnd = colon;
    this.afterColon = colon + 1;
    return key;
  }

  /**
   * After `key:` of a mapping at `indent`: a scalar on the line, a block at `indent + 2` on the next
   * ones, or nothing (null, at the end of the `:`).
   */
  private value(at: number, indent: number): Json {
    if (at === this.end) {
      this.line(this.end + 1);
      if (!this.atEnd() && this.indent > indent) {
        if (this.indent !== indent + 2) throw notInLayout;
        return this.isSequenceEntry() ? this.sequence(indent + 2) : this.mapping(indent + 2);
      }
      // `key:` then a sequence at the key's own indentation is that key's value in YAML: the package reads it.
      if (!this.atEnd() && this.indent === indent && this.isSequenceEntry()) throw notInLayout;
      this.scalar(at, at, at);
      return null;
    }
    if (this.text.charCodeAt(at) !== SPACE) throw notInLayout;
    return this.inline(at + 1, indent + 2);
  }

  /** A value on the rest of the line from `at`; a `|` block's lines are indented by `blockIndent`. */
  private inline(at: number, blockIndent: number): Json {
    const { text, end } = this;
    const first = text.charCodeAt(at);
    let value: Json;
    if (first === DOUBLE_QUOTE) {
      const raw = text.slice(at, end);
      value = SIMPLE_DOUBLE_QUOTED.test(raw) ? raw.slice(1, -1) : decodeDoubleQuoted(raw);
    } else if (first === SINGLE_QUOTE) {
      const raw = text.slice(at, end);
      if (!SINGLE_QUOTED.test(raw)) throw notInLayout;
      value = raw.slice(1, -1);
    } else if (first === OPEN_BRACKET && end - at === 2 && text.charCodeAt(at + 1) === 93 /* ] */) value = [];
    else if (first === OPEN_BRACE && end - at === 2 && text.charCodeAt(at + 1) === 125 /* } */) value = {};
    else if (first === PIPE && end - at <= 2) return this.block(at, blockIndent);
    else {
      if (at === end) throw notInLayout;
      value = plainValue(text.slice(at, end));
    }
    this.scalar(at, end, end + 1);
    this.line(end + 1);
    return value;
  }

  /** A `|` literal block from its header at `at`, its lines indented by exactly `indent` (the first non-empty one sets it). */
  private block(at: number, indent: number): string {
    const { text } = this;
    const header = text.slice(at, this.end);
    if (header !== '|' && header !== '|-' && header !== '|+') throw notInLayout;
    const lines: string[] = [];
    let lastContent = -1;
    let contentEnd = 0;
    this.line(this.end + 1);
    while (!this.atEnd()) {
      if (this.end === this.start) lines.push('');
      else if (this.indent === this.end - this.start) throw notInLayout; // spaces only: YAML reads it by its own rules
      else if (this.indent >= indent) {
        if (lastContent < 0 && this.indent !== indent) throw notInLayout;
        lines.push(text.slice(this.start + indent, this.end));
        lastContent = lines.length - 1;
        contentEnd = this.end + 1;
      } else break;
      this.line(this.end + 1);
    }
    if (lastContent < 0) throw notInLayout;
    // `|+` keeps the empty lines after the text, and its node ends after them; the others end after the text.
    const end = header === '|+' ? this.start : contentEnd;
    this.scalar(at, end, end);
    return blockText(header, lines, lastContent);
  }
}

