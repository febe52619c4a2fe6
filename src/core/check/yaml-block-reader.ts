/**
 * A fast reader for the block YAML that src/core/yaml/stringify.ts writes, so the strict self-check
 * of an emitted pipeline costs less than emitting it: the `yaml` package reads ~1 MB/s (2 s for a
 * 1,000-step KFP v2 spec, parsed twice, as YAML 1.2 and 1.1), this reads the same text ~50× faster.
 *
 * It is not a second YAML parser: it accepts only a narrow, unambiguous layout — block mappings and
 * sequences indented two spaces per level, `- key:` compact mappings, plain scalars of printable
 * ASCII, JSON-style double-quoted and plain single-quoted scalars, `|` blocks, `[]` / `{}`, `---`
 * between documents — and answers `undefined` for anything else (a comment, a tab, an anchor, odd
 * indentation, a duplicate key…), which the caller then reads with the `yaml` package. Within that
 * layout every construct has one meaning, and what plain scalars resolve to (null, bool, number,
 * timestamp…) is decided by the `yaml` package's own YAML 1.2 core and YAML 1.1 tags. A property
 * test checks that what this accepts, the `yaml` package reads identically.
 */
import { Document, isScalar, type ScalarTag, type Schema } from 'yaml';
import { isWellFormed } from './values.ts';
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
} from '../yaml/block-layout.ts';

export interface BlockYaml {
  /**
   * Each document as the `yaml` package's YAML 1.2 reading gives it (`toJS()`), but that a block
   * whose text repeats is one object in each of its places: the documents are to be read, not changed.
   */
  docs: unknown[];
  /** Plain scalars that YAML 1.1 reads as something else: where, and both readings. */
  differences: Array<{ path: string; as12: unknown; as11: unknown }>;
}

/** The documents of `text`, or `undefined` when `text` is not in the layout this reads. */
export function readBlockYaml(text: string): BlockYaml | undefined {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== NEWLINE || UNREADABLE.test(text) || !isWellFormed(text)) return undefined; // lone surrogates: the package decides
  slotsFor(text.length);
  try {
    return new Reader(text).stream();
  } catch (error) {
    if (error === notInLayout) return undefined;
    throw error;
  }
}

const isDigit = (code: number) => code >= 48 && code <= 57;
/** Deeper than any emitted pipeline; keeps the recursion here far from the stack's limit. */
const DEPTH_LIMIT = 1000;

interface Resolution {
  as12: unknown;
  as11: unknown;
}

/**
 * The two schemas exactly as the `yaml` package composes documents of each version, and one
 * pattern matching what any of their default tags' patterns matches (they carry no flags), so a
 * plain string that no tag takes is known with one test instead of one per tag.
 */
const SCHEMAS = (['1.2', '1.1'] as const).map((version) => {
  const doc = new Document(undefined, { version });
  const schema = doc.schema as Schema;
  const combined = (atKey: boolean) => {
    const patterns = schema.tags.filter((t) => (t.default === true || (atKey && t.default === 'key')) && t.test).map((t) => t.test as RegExp);
    return patterns.every((p) => p.flags === '') ? new RegExp(patterns.map((p) => `(?:${p.source})`).join('|')) : undefined;
  };
  return { schema, options: doc.options, anyValueTag: combined(false), anyKeyTag: combined(true) };
});

/**
 * Plain scalars repeat thousands of times in an emitted pipeline (`name`, `STRING`, `--log-level`),
 * so each text is resolved once. Module-level: the resolutions depend on nothing else.
 */
const valueCache = new Map<string, Resolution | null>();
const keyCache = new Map<string, boolean>();
const CACHE_LIMIT = 100_000;

/**
 * The last key, plain value and double-quoted value read in each of up to a few thousand slots (by
 * first character, length and last character): a text seen before is recognised by comparing
 * characters in place, with no slice to allocate and no hash to compute, and the key comes back as the
 * string the objects already hold, so storing it finds the object's shape at once. Module-level like
 * the caches, and made at the first reading, as many as its text can use (`slotsFor`): a small
 * pipeline's few hundred distinct texts need no more, and five tables of 4,096 made at load were
 * ~160 KB of the CLI's young generation at every start, before any text was read.
 */
const SLOTS = 4096;
const MIN_SLOTS = 256;
let slotMask = -1;
let keySlots: Array<string | undefined> = [];
let plainSlots: Array<string | undefined> = [];
let plainResolutions: Array<Resolution | undefined> = [];
let quotedSlots: Array<string | undefined> = [];
let quotedValues: Array<string | undefined> = [];

/** Tables of at least the slots a text of `length` characters can use (~one per 32 characters); they only grow. */
function slotsFor(length: number): void {
  let slots = MIN_SLOTS;
  while (slots < SLOTS && slots * 32 < length) slots *= 2;
  if (slots <= slotMask + 1) return;
  const table = <T>() => new Array<T | undefined>(slots).fill(undefined);
  keySlots = table();
  plainSlots = table();
  plainResolutions = table();
  quotedSlots = table();
  quotedValues = table();
  slotMask = slots - 1;
}

/** For a text of `length` ≥ 1 at `at`. */
function slotOf(text: string, at: number, length: number): number {
  return (text.charCodeAt(at) * 31 + length * 7 + text.charCodeAt(at + length - 1)) & slotMask;
}

function isAt(known: string | undefined, text: string, at: number, length: number): known is string {
  return known !== undefined && known.length === length && text.startsWith(known, at);
}

/**
 * The package's own resolution of a plain scalar (compose-scalar.js, findScalarTagByTest): the first
 * default tag whose pattern matches, else a string. Only scalar tags have a `test` pattern.
 */
function resolveWith(text: string, atKey: boolean, { schema, options, anyValueTag, anyKeyTag }: (typeof SCHEMAS)[number]): { value: unknown } | undefined {
  const anyTag = atKey ? anyKeyTag : anyValueTag;
  if (anyTag && !anyTag.test(text)) return { value: text };
  const tag = schema.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(text)) as ScalarTag | undefined;
  if (!tag?.resolve) return { value: text };
  let failed = false;
  const resolved = tag.resolve(text, () => (failed = true), options);
  if (failed) return undefined;
  return { value: isScalar(resolved) ? resolved.value : resolved };
}

/** What a plain value means in YAML 1.2 and 1.1; null when it is not in the layout or the `yaml` package should decide. */
function resolvePlainValue(text: string): Resolution | null {
  if (!isPlain(text)) return null;
  // Most plain scalars no tag of either version can take: they are read as themselves, and are not
  // cached (names and ids are unique per step and would only fill the cache).
  const [v12, v11] = SCHEMAS;
  if (v12.anyValueTag && v11.anyValueTag && !v12.anyValueTag.test(text) && !v11.anyValueTag.test(text)) return { as12: text, as11: text };
  let resolution = valueCache.get(text);
  if (resolution === undefined) {
    if (valueCache.size > CACHE_LIMIT) valueCache.clear();
    const as12 = resolveWith(text, false, v12);
    const as11 = as12 && resolveWith(text, false, v11);
    resolution = as12 && as11 ? { as12: as12.value, as11: as11.value } : null;
    valueCache.set(text, resolution);
  }
  return resolution;
}

/** Whether a plain key is in the layout and reads as the same string in both versions (not a bool, number, `<<`…). */
function isStringKey(text: string): boolean {
  if (!isPlain(text)) return false;
  // As for values: a key no tag can take is itself, and names unique per step are not cached.
  const [v12, v11] = SCHEMAS;
  if (v12.anyKeyTag && v11.anyKeyTag && !v12.anyKeyTag.test(text) && !v11.anyKeyTag.test(text)) return true;
  let verdict = keyCache.get(text);
  if (verdict === undefined) {
    if (keyCache.size > CACHE_LIMIT) keyCache.clear();
    verdict = SCHEMAS.every((s) => resolveWith(text, true, s)?.value === text);
    keyCache.set(text, verdict);
  }
  return verdict;
}


/**
 * Values a reading found again, each in more than one place of its documents: a walk over the
 * documents may remember its verdict on them (by identity, for that walk: the objects are the
 * caller's). Weak: it holds no document.
 */
const repeatedValues = new WeakSet<object>();

/** Whether a reading put `value` in more than one place of its documents. */
export function isRepeatedValue(value: object): boolean {
  return repeatedValues.has(value);
}

/** A block value read: its text (whole lines, to the line that ended it) and what it read as. */
interface Repeat {
  text: string;
  value: unknown;
}

class Reader extends BlockLines {
  private readonly differences: BlockYaml['differences'] = [];
  /** Keys and indices from the document to the value being read, for the path of a difference. */
  private readonly path: Array<string | number> = [];
  /** The last block value remembered under each key, by depth. Per reading: its values are its documents' own. */
  private readonly repeats: Array<Map<string, Repeat> | undefined> = [];
  /** What the last blockValue read or found, when it can be recognised again. */
  private lastRepeat: Repeat | undefined = undefined;
  /**
   * Characters the comparisons with blocks read before may still read (each counted whole): what they
   * cost stays within a few native readings of the text whatever the text (a deep nesting of
   * near-repeats would otherwise compare each level's rest again).
   */
  private compareBudget = 8 * this.text.length;

  stream(): BlockYaml {
    const docs: unknown[] = [];
    for (;;) {
      if (this.atEnd() || this.indent !== 0 || this.isDocumentMarker()) throw notInLayout;
      docs.push(this.isSequenceEntry() ? this.sequence(0) : this.mapping(0));
      if (this.atEnd()) return { docs, differences: this.differences };
      if (!this.isDocumentMarker() || this.end - this.start !== 3) throw notInLayout;
      this.line(this.end + 1);
    }
  }

  /** Entries at `indent`; the first may share a dash's line (`- key: …`), its key then at column `indent`. */
  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let column = this.start + indent;
    // The block value of the entry before: in a map of executors' configs or components, the next one's text is often the same.
    let previous: Repeat | undefined;
    for (;;) {
      const key = this.key(column);
      if (Object.hasOwn(map, key) || key === '__proto__' || (isDigit(key.charCodeAt(0)) && INDEX_LIKE.test(key))) throw notInLayout;
      this.path.push(key);
      if (this.path.length > DEPTH_LIMIT) throw notInLayout;
      if (this.valueAt === this.end) {
        // own-keys: '__proto__' is refused above (left to the yaml package)
        map[key] = this.blockValue(key, indent + 2, previous);
        previous = this.lastRepeat;
      } else {
        if (this.text.charCodeAt(this.valueAt) !== SPACE) throw notInLayout;
        // own-keys: '__proto__' is refused above (left to the yaml package)
        map[key] = this.inline(this.valueAt + 1, indent + 2);
      }
      this.path.pop();
      if (this.atEnd() || this.indent < indent || this.isDocumentMarker()) return map;
      if (this.indent > indent || this.isSequenceEntry()) throw notInLayout;
      column = this.start + indent;
    }
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      this.path.push(items.length);
      if (this.path.length > DEPTH_LIMIT) throw notInLayout;
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
      this.path.pop();
      if (this.atEnd() || this.indent < indent || this.isDocumentMarker()) return items;
      if (this.indent > indent || !this.isSequenceEntry()) throw notInLayout;
    }
  }

  /** Where the value after the last key read starts (a field, not a returned pair: one per entry adds up). */
  private valueAt = 0;

  private key(at: number): string {
    const { text } = this;
    let key: string;
    let colon: number;
    if (text.charCodeAt(at) === DOUBLE_QUOTE) {
      const close = this.closingQuote(at);
      key = decodeDoubleQuoted(text.slice(at, close + 1));
      colon = close + 1;
      if (text.charCodeAt(colon) !== COLON) throw notInLayout;
    } else {
      colon = this.keyColon(at);
      if (colon <= at) throw notInLayout;
      key = this.plainKey(at, colon);
    }
    if (colon - at > KEY_LIMIT) throw notInLayout;
    this.valueAt = colon + 1;
    return key;
  }

  private plainKey(at: number, colon: number): string {
    const { text } = this;
    const length = colon - at;
    const slot = slotOf(text, at, length);
    const known = keySlots[slot];
    if (isAt(known, text, at, length)) return known;
    const key = text.slice(at, colon);
    if (!isStringKey(key)) throw notInLayout;
    keySlots[slot] = key; // own-keys: index
    return key;
  }

  /**
   * The block of lines after `key:` (at `valueIndent`). When its text is that of a block read before
   * — the entry's before in the same mapping, or the last one under the same key at the same depth —
   * and the line after it ends it in the same way, it is that block's value, not read again: the
   * reading of a block depends only on its lines and on the line that ends it (not blank, and less
   * indented), and its depth follows from its indentation. A block with a YAML 1.1 difference in it is
   * not remembered (the difference is reported with its path, once per place).
   */
  private blockValue(key: string, valueIndent: number, previous: Repeat | undefined): unknown {
    const start = this.end + 1;
    const depth = valueIndent >> 1;
    let byKey = this.repeats[depth];
    const known = this.repeatAt(previous, start, valueIndent) ?? this.repeatAt(byKey?.get(key), start, valueIndent);
    if (known !== undefined) {
      this.line(start + known.text.length);
      this.lastRepeat = known;
      repeatedValues.add(known.value as object);
      return known.value;
    }
    this.line(start);
    if (this.atEnd() || this.indent !== valueIndent) throw notInLayout;
    const differences = this.differences.length;
    const value = this.isSequenceEntry() ? this.sequence(valueIndent) : this.mapping(valueIndent);
    let repeat: Repeat | undefined;
    if (this.differences.length === differences && this.endsBlock(this.start, valueIndent)) {
      repeat = { text: this.text.slice(start, this.start), value };
      if (byKey === undefined) this.repeats[depth] = byKey = new Map(); // own-keys: index
      byKey.set(key, repeat);
    }
    this.lastRepeat = repeat;
    return value;
  }

  /** `repeat` when its text is at `start` and is ended there as it was where it was read. */
  private repeatAt(repeat: Repeat | undefined, start: number, valueIndent: number): Repeat | undefined {
    if (repeat === undefined || this.compareBudget <= 0) return undefined;
    const { text } = repeat;
    this.compareBudget -= text.length;
    // Equality of two flat strings is a native memory comparison; `startsWith` compares character by character (10× slower here).
    const end = start + text.length;
    return this.text.substring(start, end) === text && this.endsBlock(end, valueIndent) ? repeat : undefined;
  }

  /** Whether the line at `at` ends a block at `valueIndent`: the text's end, or a line less indented that is not blank. */
  private endsBlock(at: number, valueIndent: number): boolean {
    const { text } = this;
    if (at >= text.length) return true;
    let i = at;
    while (i - at < valueIndent && text.charCodeAt(i) === SPACE) i++;
    return i - at < valueIndent && text.charCodeAt(i) !== NEWLINE;
  }

  /** A value on the rest of the line from `at`; a `|` block's lines are indented by `blockIndent`. */
  private inline(at: number, blockIndent: number): unknown {
    const { text, end } = this;
    const first = text.charCodeAt(at);
    let value: unknown;
    if (first === DOUBLE_QUOTE) value = this.doubleQuotedValue(at);
    else if (first === SINGLE_QUOTE) {
      const raw = text.slice(at, end);
      if (!SINGLE_QUOTED.test(raw)) throw notInLayout;
      value = raw.slice(1, -1);
    } else if (first === OPEN_BRACKET && end - at === 2 && text.charCodeAt(at + 1) === 93 /* ] */) value = [];
    else if (first === OPEN_BRACE && end - at === 2 && text.charCodeAt(at + 1) === 125 /* } */) value = {};
    else if (first === PIPE && end - at <= 2) {
      const header = text.slice(at, end);
      if (header === '|' || header === '|-' || header === '|+') return this.block(header, blockIndent);
      value = this.plainValue(at);
    } else value = this.plainValue(at);
    this.line(end + 1);
    return value;
  }

  /** The plain scalar from `at` to the end of the line. */
  private plainValue(at: number): unknown {
    const { text } = this;
    const length = this.end - at;
    if (length === 0) throw notInLayout;
    const slot = slotOf(text, at, length);
    let resolution = plainResolutions[slot];
    if (!isAt(plainSlots[slot], text, at, length) || resolution === undefined) {
      const raw = text.slice(at, this.end);
      const resolved = resolvePlainValue(raw);
      if (resolved === null) throw notInLayout;
      resolution = resolved;
      plainSlots[slot] = raw; // own-keys: index
      plainResolutions[slot] = resolution; // own-keys: index
    }
    const { as12, as11 } = resolution;
    if (!Object.is(as12, as11)) this.differences.push({ path: pathOf(this.path), as12, as11 });
    return as12;
  }

  /** The double-quoted scalar from `at` to the end of the line. */
  private doubleQuotedValue(at: number): string {
    const { text, end } = this;
    const length = end - at;
    const slot = slotOf(text, at, length);
    const known = quotedValues[slot];
    if (known !== undefined && isAt(quotedSlots[slot], text, at, length)) return known;
    const raw = text.slice(at, end);
    const value = SIMPLE_DOUBLE_QUOTED.test(raw) ? raw.slice(1, -1) : decodeDoubleQuoted(raw);
    quotedSlots[slot] = raw; // own-keys: index
    quotedValues[slot] = value; // own-keys: index
    return value;
  }

  /** A `|` literal block whose lines are indented by exactly `indent` (the first non-empty one sets it). */
  private block(header: string, indent: number): string {
    const { text } = this;
    const lines: string[] = [];
    let lastContent = -1;
    this.line(this.end + 1);
    while (!this.atEnd()) {
      if (this.end === this.start) lines.push('');
      else if (this.indent === this.end - this.start) throw notInLayout; // spaces only: YAML reads it by its own rules
      else if (this.indent >= indent) {
        if (lastContent < 0 && this.indent !== indent) throw notInLayout;
        lines.push(text.slice(this.start + indent, this.end));
        lastContent = lines.length - 1;
      } else break;
      this.line(this.end + 1);
    }
    if (lastContent < 0) throw notInLayout;
    return blockText(header, lines, lastContent);
  }
}


function pathOf(segments: ReadonlyArray<string | number>): string {
  let path = '';
  for (const segment of segments) path += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  return path;
}
