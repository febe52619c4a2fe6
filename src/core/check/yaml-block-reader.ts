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
import { KFP_V2_SAMPLE } from './kfp-v2-sample.ts';
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

/**
 * Before its first text of this size (~100 steps), a process reads a small text holding every
 * construct of the layout (the KFP v2 sample) twice. The reading loop is one function that V8
 * compiles for the branches it has seen taken: a construct first met late in a large text (the
 * platform spec's lists of mappings, a kind of value not met before) threw that code away and had the
 * whole loop compiled again, two or three times in a cold reading. Only the compiling changes: the
 * readings are not used, and they leave nothing behind but scalars in the caches.
 */
const PRIME_FROM = 256 * 1024;
let primed = false;

/** The documents of `text`, or `undefined` when `text` is not in the layout this reads. */
export function readBlockYaml(text: string): BlockYaml | undefined {
  // Characters the `yaml` package must decide (UNREADABLE) are looked for where they can be, not in
  // the whole text: plain and single-quoted scalars and keys are printable ASCII by their patterns,
  // the rest of a line read is spaces and indicators, and a block found again is the text of one
  // read; what is left is each double-quoted scalar's and `|` block line's text. A scan of the whole
  // text cost ~1 ns a character (~6 ms of a 4,000-step KFP v2 read).
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== NEWLINE || !isWellFormed(text)) return undefined; // lone surrogates: the package decides
  slotsFor(text.length);
  if (!primed && text.length >= PRIME_FROM) {
    primed = true;
    read(KFP_V2_SAMPLE);
    read(KFP_V2_SAMPLE);
  }
  return read(text);
}

function read(text: string): BlockYaml | undefined {
  try {
    return new Reader(text).stream();
  } catch (error) {
    if (error === notInLayout) return undefined;
    throw error;
  }
}

const isDigit = (code: number) => code >= 48 && code <= 57;
/** Deeper than any emitted pipeline; bounds the levels a reading keeps (the `yaml` package reads deeper texts). */
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

/**
 * A mapping or sequence being read: what the reading loop keeps for each level of nesting, where a
 * recursive reader would keep a call's locals. One per depth, reused by each mapping or sequence read at it.
 */
class Level {
  isMap = true;
  /** Of its entries' keys or dashes. */
  indent = 0;
  /** Where the next entry's key starts (the first may share a dash's line: `- key: …`). */
  column = 0;
  map: Record<string, unknown> = {};
  /**
   * A sequence's items so far, in the first `count` places of an array the level keeps: the
   * sequence is then one array of its exact size. Pushed onto an empty array, a one-item list kept
   * room for 17, and the documents are what a reading's collections copy.
   */
  items: unknown[] = [];
  /** Of a sequence, its items so far; of a mapping, its keys (the first needs no test for a duplicate). */
  count = 0;
  /** The key whose value is being read. */
  key = '';
  /** Where that value's block starts, and the differences found before it: whether it may be remembered. */
  blockStart = 0;
  differences = 0;
  /** The block value of the entry before: in a map of executors' configs or components, the next one's text is often the same. */
  previous: Repeat | undefined = undefined;
}

/**
 * One loop over the lines with an explicit stack of levels, the common cases of each line written
 * out in it and the rare ones in methods of their own: V8's optimising compiler compiled the
 * recursive reader's functions each with the others inlined, over and over, and a cold reading spent
 * more on compiling than on reading. This loop it compiles once.
 */
class Reader extends BlockLines {
  private readonly differences: BlockYaml['differences'] = [];
  /** Levels from the document to the value being read: levels[0 … depth - 1]. */
  private readonly levels: Level[] = [];
  private depth = 0;
  /** The last block value remembered under each key, by depth. Per reading: its values are its documents' own. */
  private readonly repeats: Array<Map<string, Repeat> | undefined> = [];
  /**
   * Characters the comparisons with blocks read before may still read (each counted whole): what they
   * cost stays within a few native readings of the text whatever the text (a deep nesting of
   * near-repeats would otherwise compare each level's rest again).
   */
  private compareBudget = 8 * this.text.length;
  /** Where the value after a double-quoted key starts. */
  private valueAt = 0;

  /** The documents, read entry by entry: each entry's key or dash, then its value or the level its value opens. */
  stream(): BlockYaml {
    const { text, levels } = this;
    const docs: unknown[] = [];
    let level = this.startDocument();
    entries: for (;;) {
      // The next entry of `level`: its value is on its line, or is a block value found again, or opens the next level.
      let at: number;
      if (level.isMap) {
        const column = level.column;
        let key: string;
        if (text.charCodeAt(column) === DOUBLE_QUOTE) {
          key = this.quotedKey(column);
          at = this.valueAt;
        } else {
          const colon = this.keyColon(column);
          const length = colon - column;
          if (length <= 0 || length > KEY_LIMIT) throw notInLayout;
          const slot = slotOf(text, column, length);
          const known = keySlots[slot];
          key = isAt(known, text, column, length) ? known : this.newKey(column, colon, slot);
          at = colon + 1;
        }
        if ((level.count > 0 && Object.hasOwn(level.map, key)) || key === '__proto__' || (isDigit(key.charCodeAt(0)) && INDEX_LIKE.test(key))) throw notInLayout;
        level.count++;
        level.key = key;
        if (at === this.end) {
          const known = this.repeatOf(level);
          if (known === undefined) {
            level = this.openBlockValue(level);
            continue;
          }
          this.line(this.end + 1 + known.text.length);
          repeatedValues.add(known.value as object);
          // own-keys: '__proto__' is refused above (left to the yaml package)
          level.map[key] = known.value;
          level.previous = known;
          at = -1; // stored: no value on the line to read
        } else {
          if (text.charCodeAt(at) !== SPACE) throw notInLayout;
          at++;
        }
      } else {
        const dash = this.start + level.indent;
        if (dash + 1 === this.end) {
          level = this.bareDash(level);
          continue;
        }
        at = dash + 2;
        if (this.startsMappingEntry(at)) {
          level = this.open(true, level.indent + 2, at);
          continue;
        }
      }
      if (at >= 0) {
        // A value on the rest of the line: plain and double-quoted ones here, each text resolved once, the rarer kinds apart.
        let value: unknown;
        const first = text.charCodeAt(at);
        if (first === SINGLE_QUOTE || first === OPEN_BRACKET || first === OPEN_BRACE || first === PIPE) value = this.otherValue(at, level.indent + 2);
        else {
          const length = this.end - at;
          if (first === DOUBLE_QUOTE) {
            const slot = slotOf(text, at, length);
            const known = quotedValues[slot];
            value = known !== undefined && isAt(quotedSlots[slot], text, at, length) ? known : this.newQuotedValue(at, slot);
          } else {
            if (length === 0) throw notInLayout;
            const slot = slotOf(text, at, length);
            let resolution = plainResolutions[slot];
            if (resolution === undefined || !isAt(plainSlots[slot], text, at, length)) resolution = this.newPlainValue(at, slot);
            value = resolution.as12;
            if (!Object.is(value, resolution.as11)) this.difference(resolution);
          }
          this.line(this.end + 1);
        }
        // own-keys: '__proto__' is refused above (left to the yaml package)
        if (level.isMap) level.map[level.key] = value;
        else level.items[level.count++] = value; // own-keys: index
      }
      // The entry is read: a line less indented (or none) ends its level, and maybe the levels around it.
      while (this.atEnd() || this.indent < level.indent || this.isDocumentMarker()) {
        const value = level.isMap ? level.map : level.items.slice(0, level.count);
        if (--this.depth === 0) {
          docs.push(value);
          if (this.atEnd()) return { docs, differences: this.differences };
          level = this.nextDocument();
          continue entries;
        }
        level = levels[this.depth - 1]!;
        if (level.isMap) this.endBlockValue(level, value);
        else level.items[level.count++] = value; // own-keys: index
      }
      if (this.indent > level.indent || this.isSequenceEntry() === level.isMap) throw notInLayout;
      level.column = this.start + level.indent;
    }
  }

  /** After a bare dash, the level of the block sequence that is its item, on the next lines. */
  private bareDash(level: Level): Level {
    this.line(this.end + 1);
    if (this.atEnd() || this.indent !== level.indent + 2 || !this.isSequenceEntry()) throw notInLayout;
    return this.open(false, level.indent + 2, 0);
  }

  /** The level of the document after the `---` line at the current line. */
  private nextDocument(): Level {
    if (!this.isDocumentMarker() || this.end - this.start !== 3) throw notInLayout;
    this.line(this.end + 1);
    return this.startDocument();
  }

  /** The level of a document that starts at the current line. */
  private startDocument(): Level {
    if (this.atEnd() || this.indent !== 0 || this.isDocumentMarker()) throw notInLayout;
    return this.open(!this.isSequenceEntry(), 0, this.start);
  }

  /** The next level, a mapping or a sequence at `indent`, its first key (if a mapping) at `column`. */
  private open(isMap: boolean, indent: number, column: number): Level {
    if (this.depth >= DEPTH_LIMIT) throw notInLayout;
    let level = this.levels[this.depth];
    if (level === undefined) this.levels.push((level = new Level()));
    this.depth++;
    level.isMap = isMap;
    level.indent = indent;
    level.column = column;
    if (isMap) level.map = {};
    level.count = 0;
    level.previous = undefined;
    return level;
  }

  /** A double-quoted key at `at`; `valueAt` is then after its colon. */
  private quotedKey(at: number): string {
    const close = this.closingQuote(at);
    const raw = this.text.slice(at, close + 1);
    if (UNREADABLE.test(raw)) throw notInLayout;
    const key = decodeDoubleQuoted(raw);
    const colon = close + 1;
    if (this.text.charCodeAt(colon) !== COLON || colon - at > KEY_LIMIT) throw notInLayout;
    this.valueAt = colon + 1;
    return key;
  }

  /** A plain key not read before in its slot: it must read as itself in both versions. */
  private newKey(at: number, colon: number, slot: number): string {
    const key = this.text.slice(at, colon);
    if (!isStringKey(key)) throw notInLayout;
    keySlots[slot] = key; // own-keys: index
    return key;
  }

  /**
   * The value of the block of lines after `level`'s key when its text is that of a block read
   * before — the entry's before in the same mapping, or the last one under the same key at the same
   * depth — and the line after it ends it in the same way: the reading of a block depends only on its
   * lines and on the line that ends it (not blank, and less indented), and its depth follows from its
   * indentation.
   */
  private repeatOf(level: Level): Repeat | undefined {
    const start = this.end + 1;
    const valueIndent = level.indent + 2;
    return this.repeatAt(level.previous, start, valueIndent) ?? this.repeatAt(this.repeats[valueIndent >> 1]?.get(level.key), start, valueIndent);
  }

  /** The level of the block of lines after `level`'s key, read for the first time (`endBlockValue` then stores it). */
  private openBlockValue(level: Level): Level {
    const start = this.end + 1;
    const valueIndent = level.indent + 2;
    this.line(start);
    if (this.atEnd() || this.indent !== valueIndent) throw notInLayout;
    level.blockStart = start;
    level.differences = this.differences.length;
    return this.open(!this.isSequenceEntry(), valueIndent, this.start + valueIndent);
  }

  /**
   * Stores the block value just read under `level`'s key, and remembers it unless it holds a YAML 1.1
   * difference (the difference is reported with its path, once per place).
   */
  private endBlockValue(level: Level, value: unknown): void {
    const { key } = level;
    // own-keys: '__proto__' is refused when the key is read (left to the yaml package)
    level.map[key] = value;
    const valueIndent = level.indent + 2;
    let repeat: Repeat | undefined;
    if (this.differences.length === level.differences && this.endsBlock(this.start, valueIndent)) {
      repeat = { text: this.text.slice(level.blockStart, this.start), value };
      const depth = valueIndent >> 1;
      let byKey = this.repeats[depth];
      if (byKey === undefined) this.repeats[depth] = byKey = new Map(); // own-keys: index
      byKey.set(key, repeat);
    }
    level.previous = repeat;
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

  /** A single-quoted value, `[]`, `{}` or a `|` block from `at` (a block's lines indented by `blockIndent`), and the line after it. */
  private otherValue(at: number, blockIndent: number): unknown {
    const { text, end } = this;
    const raw = text.slice(at, end);
    let value: unknown;
    if (raw === '|' || raw === '|-' || raw === '|+') return this.block(raw, blockIndent);
    if (raw === '[]') value = [];
    else if (raw === '{}') value = {};
    else if (SINGLE_QUOTED.test(raw)) value = raw.slice(1, -1);
    else throw notInLayout; // no plain scalar starts with these characters
    this.line(end + 1);
    return value;
  }

  /** A double-quoted value from `at` to the end of the line, not read before in its slot. */
  private newQuotedValue(at: number, slot: number): string {
    const raw = this.text.slice(at, this.end);
    if (UNREADABLE.test(raw)) throw notInLayout;
    const value = SIMPLE_DOUBLE_QUOTED.test(raw) ? raw.slice(1, -1) : decodeDoubleQuoted(raw);
    quotedSlots[slot] = raw; // own-keys: index
    quotedValues[slot] = value; // own-keys: index
    return value;
  }

  /** What a plain value from `at` to the end of the line, not read before in its slot, means. */
  private newPlainValue(at: number, slot: number): Resolution {
    const raw = this.text.slice(at, this.end);
    const resolution = resolvePlainValue(raw);
    if (resolution === null) throw notInLayout;
    plainSlots[slot] = raw; // own-keys: index
    plainResolutions[slot] = resolution; // own-keys: index
    return resolution;
  }

  private difference({ as12, as11 }: Resolution): void {
    this.differences.push({ path: this.path(), as12, as11 });
  }

  /** The JSON pointer of the value being read: each level's key, or its index (the count of the items before). */
  private path(): string {
    let path = '';
    for (let i = 0; i < this.depth; i++) {
      const level = this.levels[i]!;
      const segment = level.isMap ? level.key : String(level.count);
      path += '/' + segment.replace(/~/g, '~0').replace(/\//g, '~1');
    }
    return path;
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
        const line = text.slice(this.start + indent, this.end);
        if (UNREADABLE.test(line)) throw notInLayout;
        lines.push(line);
        lastContent = lines.length - 1;
      } else break;
      this.line(this.end + 1);
    }
    if (lastContent < 0) throw notInLayout;
    return blockText(header, lines, lastContent);
  }
}
