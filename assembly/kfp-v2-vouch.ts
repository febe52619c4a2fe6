// The KFP v2 vouch, compiled ahead to WebAssembly (AssemblyScript): reads a pipeline text in this
// module's memory and answers 1 only when the full check (src/core/check/kfp-v2.ts,
// checkKfpV2YamlInFull) would surely find no problem; 0 means "not known" — the caller then runs
// the full check, which finds and places the problems. Why WebAssembly: a one-shot read of a large
// text in JavaScript spends most of its time on V8 making its code hot (docs/self-check-vouch.md);
// this runs at machine speed from its first line.
//
// It accepts only the block layout the emitter writes (src/core/yaml/stringify.ts), a subset of it
// with one meaning in YAML 1.2 and 1.1: ASCII, but for UTF-8 in quoted scalars and literal blocks;
// two spaces per level; `key: value`, `key:` opening a block on the next line, `- item`,
// `- key: value`; plain scalars whose reading it knows for sure (plainClass), quoted scalars with
// no escape but \" and \\, literal blocks, `{}` and `[]`; at most two documents between `---`.
// Keys and values are checked against the KFP protos as the full check's proto3-JSON walk checks
// them (src/core/check/proto-json-accepts.ts), from the table src/core/check/kfp-v2-vouch-table.ts
// lays out; and the cross-reference rules of kfp-v2-rules.ts and kfp-v2-triggers.ts are applied to
// facts kept as it reads (names as offsets and hashes). Artifact loops, literal loop items, DAG
// outputs and conditions other than the emitter's it does not judge: those go to the full check
// (docs/self-check-vouch.md lists what it reads).
//
// Memory: the table, then the text (both written by JavaScript), then what the reading keeps, in
// tables that grow as they fill.

// Scalar types (bufbuild's ScalarType) and the element kinds of the table.
const DOUBLE: u32 = 1;
const FLOAT: u32 = 2;
const INT64: u32 = 3;
const UINT64: u32 = 4;
const INT32: u32 = 5;
const FIXED64: u32 = 6;
const FIXED32: u32 = 7;
const BOOL: u32 = 8;
const STRING: u32 = 9;
const UINT32: u32 = 13;
const SFIXED32: u32 = 15;
const SFIXED64: u32 = 16;
const SINT32: u32 = 17;
const SINT64: u32 = 18;
const ENUM: u32 = 100;
const MESSAGE: u32 = 101;

const SINGLE: u32 = 0;
const LIST: u32 = 1;
const MAP: u32 = 2;

const WK_STRUCT: u32 = 1;
const WK_VALUE: u32 = 2;
const WK_LIST_VALUE: u32 = 3;
const WK_DURATION: u32 = 4;

// Roles (kfp-v2-vouch-table.ts, ROLES).
const ROLE_COMPONENTS: u32 = 1;
const ROLE_ROOT: u32 = 2;
const ROLE_SCHEMA_VERSION: u32 = 3;
const ROLE_PIPELINE_NAME: u32 = 4;
const ROLE_EXECUTOR_LABEL: u32 = 5;
const ROLE_DAG: u32 = 6;
const ROLE_INPUT_DEFS: u32 = 7;
const ROLE_OUTPUT_DEFS: u32 = 8;
const ROLE_DEF_PARAMETERS: u32 = 9;
const ROLE_DEF_ARTIFACTS: u32 = 10;
const ROLE_IS_OPTIONAL: u32 = 11;
const ROLE_DEFAULT_VALUE: u32 = 12;
const ROLE_TASKS: u32 = 13;
const ROLE_COMPONENT_REF: u32 = 14;
const ROLE_DEPENDENT_TASKS: u32 = 15;
const ROLE_TASK_PARAMETERS: u32 = 16;
const ROLE_TASK_ARTIFACTS: u32 = 17;
const ROLE_COMPONENT_INPUT: u32 = 18;
const ROLE_PRODUCER_TASK: u32 = 19;
const ROLE_OUTPUT_KEY: u32 = 20;
const ROLE_NOT_JUDGED: u32 = 21;
const ROLE_EXECUTORS: u32 = 22;
const ROLE_CONTAINER_LIST: u32 = 24;
const ROLE_PLATFORM_EXECUTORS: u32 = 25;
const ROLE_PRODUCER: u32 = 26;
const ROLE_FINAL_STATUS: u32 = 27;
const ROLE_ITERATOR: u32 = 28;
const ROLE_ITEM_INPUT: u32 = 29;
const ROLE_ITEMS_INPUT: u32 = 30;
const ROLE_STRATEGY: u32 = 31;
const ROLE_CONDITION: u32 = 32;
const ROLE_IMPORTER: u32 = 33;

// What a plain or quoted scalar is (plainClass answers the first five for a plain one).
const REFUSED: i32 = 0;
const IS_STRING: i32 = 1;
const IS_INT: i32 = 2;
const IS_FLOAT: i32 = 3;
const IS_BOOL: i32 = 4;
const IS_QUOTED: i32 = 5;
const IS_EMPTY_MAP: i32 = 6;
const IS_EMPTY_LIST: i32 = 7;
const IS_LITERAL: i32 = 8; // `|`, `|-` or `|+`: a literal block on the lines after

const NONE: u32 = 0xffffffff;
const NL: u8 = 10;
const SPACE: u8 = 32;
const DEPTH_LIMIT: i32 = 60;
const KEY_LIMIT: u32 = 1000; // YAML ends an implicit key within 1,024 characters

// Name scopes of the hash table: fixed ones, then per component and direction and kind, per task
// and kind, and one per other mapping (its keys must not repeat).
const SCOPE_COMPONENTS: u32 = 1;
const SCOPE_EXECUTORS: u32 = 2;
const SCOPE_DEFINITIONS: u32 = 16;
const SCOPE_TASKS: u32 = 0x20000000;
const SCOPE_SUPPLIED: u32 = 0x40000000;
const SCOPE_MAPPINGS: u32 = 0x80000000;

// ---- the table ----
const HEADER_WORDS: u32 = 9;
let tableAt: usize = 0;
let fieldsAt: usize = 0;
let enumsAt: usize = 0;
let valuesAt: usize = 0;
let namesAt: usize = 0;
let pipelineSpec: u32 = 0;
let platformSpec: u32 = 0;

@inline function word(at: usize, index: u32): u32 {
  return load<u32>(at + (<usize>index << 2));
}
@inline function messageFirstField(message: u32): u32 { return word(tableAt, HEADER_WORDS + message * 4); }
@inline function messageFieldCount(message: u32): u32 { return word(tableAt, HEADER_WORDS + 1 + message * 4); }
@inline function messageWellKnown(message: u32): u32 { return word(tableAt, HEADER_WORDS + 2 + message * 4); }
@inline function fieldWord(field: u32, index: u32): u32 { return word(fieldsAt, field * 8 + index); }

// ---- the text and the reading's records ----
let textAt: usize = 0;
let textEnd: usize = 0;
let bump: usize = 0;

/** Room for `bytes` more at the end of what is used, growing the memory if needed. */
function take(bytes: usize): usize {
  const at = (bump + 7) & ~(<usize>7);
  bump = at + bytes;
  const have = <usize>memory.size() << 16;
  if (bump > have) {
    const pages = <i32>((bump - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) unreachable();
  }
  return at;
}

let hashAt: usize = 0;
let hashMask: u32 = 0;
let hashCount: u32 = 0;
let scopeCount: u32 = 0;

const HASH_WORDS: u32 = 5; // scope, hash, start, length, value
const COMPONENT_WORDS: u32 = 10; // next component of its executor, has a DAG, -, label at, length, hash, first definition, definitions end, tasks, exit tasks
const DEFINITION_WORDS: u32 = 6; // direction, kind, name at, length, hash, required
const TASK_WORDS: u32 = 10; // reference at, length, hash, component, DAG (its component), flags, item input at, length, hooked by, dependencies
const ITERATES: u32 = 1;
const EXIT: u32 = 2;
const HAS_ITEMS: u32 = 4;
const EXECUTOR_WORDS: u32 = 2; // the first component that runs it (then each component's next), is an importer
const REFERENCE_WORDS: u32 = 9; // what, task or executor, name at, length, hash, kind, key at, key length, key hash

// What each reference is checked for once everything is read.
const REF_DEPENDENCY: u32 = 1;
const REF_PRODUCER: u32 = 2;
const REF_FINAL_STATUS: u32 = 3;
const REF_COMPONENT_INPUT: u32 = 4;
const REF_SUPPLIED: u32 = 5;
const REF_PLATFORM_EXECUTOR: u32 = 6;
const REF_PLACEHOLDER: u32 = 7;
const REF_ITEMS_INPUT: u32 = 8;
const REF_CONDITION: u32 = 9;

// Record tables, each growing as it fills: per table its address, count, capacity and words per record.
const COMPONENTS: u32 = 0;
const DEFINITIONS: u32 = 1;
const TASKS: u32 = 2;
const EXECUTORS: u32 = 3;
const REFERENCES: u32 = 4;
let recordTablesAt: usize = 0;

function resetRecords(table: u32, words: u32): void {
  const d = recordTablesAt + (<usize>table << 4);
  store<u32>(d, <u32>take(<usize>(64 * words) << 2));
  store<u32>(d, 0, 4);
  store<u32>(d, 64, 8);
  store<u32>(d, words, 12);
}

/** A new record of `table`; its index. */
function add(table: u32): u32 {
  const d = recordTablesAt + (<usize>table << 4);
  const count = load<u32>(d, 4);
  const capacity = load<u32>(d, 8);
  if (count == capacity) {
    const bytes = <usize>(capacity * load<u32>(d, 12)) << 2;
    const at = take(bytes << 1);
    memory.copy(at, <usize>load<u32>(d), bytes);
    store<u32>(d, <u32>at);
    store<u32>(d, capacity << 1, 8);
  }
  store<u32>(d, count + 1, 4);
  return count;
}

@inline function count(table: u32): u32 {
  return load<u32>(recordTablesAt + (<usize>table << 4), 4);
}

/** Where word `field` of record `index` of `table` is. */
@inline function rec(table: u32, words: u32, index: u32, field: u32): usize {
  return <usize>load<u32>(recordTablesAt + (<usize>table << 4)) + ((<usize>(index * words + field)) << 2);
}

// ---- hashing ----
@inline function fnv(at: usize, end: usize): u32 {
  let hash: u32 = 0x811c9dc5;
  for (let i = at; i < end; i++) hash = (hash ^ <u32>load<u8>(i)) * 0x01000193;
  return hash;
}

function sameBytes(a: usize, b: usize, length: u32): bool {
  let i: usize = 0;
  for (; i + 8 <= <usize>length; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  for (; i < <usize>length; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/** The slot of name [at, at+length) in `scope`: where it is, or the empty slot where it would go. */
function slotOf(scope: u32, hash: u32, at: usize, length: u32): usize {
  let slot = (hash ^ (scope * 0x9e3779b1)) & hashMask;
  while (true) {
    // Names chosen to share a hash would make every lookup walk them all: the probes have a budget,
    // and past it the vouch traps, which its caller takes as "not known".
    if (--probes < 0) unreachable();
    const entry = hashAt + (<usize>(slot * HASH_WORDS) << 2);
    const s = load<u32>(entry);
    if (s == 0) return entry;
    if (s == scope && load<u32>(entry, 4) == hash && load<u32>(entry, 12) == length && sameBytes(<usize>load<u32>(entry, 8), at, length)) return entry;
    slot = (slot + 1) & hashMask;
  }
}

/** A table of `slots` (a power of two) empty slots; the entries of the table before moved into it. */
function rehash(slots: u32): void {
  const oldAt = hashAt;
  const oldSlots = hashMask + 1;
  hashAt = take(<usize>slots * (HASH_WORDS << 2));
  memory.fill(hashAt, 0, <usize>slots * (HASH_WORDS << 2));
  hashMask = slots - 1;
  if (oldAt == 0) return;
  for (let i: u32 = 0; i < oldSlots; i++) {
    const entry = oldAt + (<usize>(i * HASH_WORDS) << 2);
    if (load<u32>(entry) == 0) continue;
    memory.copy(slotOf(load<u32>(entry), load<u32>(entry, 4), <usize>load<u32>(entry, 8), load<u32>(entry, 12)), entry, HASH_WORDS << 2);
  }
}

/** Slots the table's lookups may still visit (a few per byte of the text). */
let probes: i64 = 0;

/** Enters name [at, at+length) in `scope` with `value`; false when it is there already. */
function enter(scope: u32, hash: u32, at: usize, length: u32, value: u32): bool {
  // Grown at half full: most names are looked up once more, and a small table stays in the caches.
  if (hashCount * 2 >= hashMask) rehash((hashMask + 1) * 4);
  const entry = slotOf(scope, hash, at, length);
  if (load<u32>(entry) != 0) return false;
  hashCount++;
  store<u32>(entry, scope);
  store<u32>(entry, hash, 4);
  store<u32>(entry, <u32>at, 8);
  store<u32>(entry, length, 12);
  store<u32>(entry, value, 16);
  return true;
}

/** The value of name [at, at+length) in `scope`, or NONE. */
function find(scope: u32, hash: u32, at: usize, length: u32): u32 {
  const entry = slotOf(scope, hash, at, length);
  return load<u32>(entry) == 0 ? NONE : load<u32>(entry, 16);
}

@inline function definitionScope(component: u32, direction: u32, kind: u32): u32 {
  return SCOPE_DEFINITIONS + component * 4 + direction * 2 + kind;
}
@inline function tasksScope(component: u32): u32 {
  return SCOPE_TASKS + component;
}
@inline function suppliedScope(task: u32, kind: u32): u32 {
  return SCOPE_SUPPLIED + task * 2 + kind;
}

// ---- scalars ----

@inline function isLetter(c: u32): bool { return ((c | 32) >= 97 && (c | 32) <= 122); }
@inline function isDigit(c: u32): bool { return c >= 48 && c <= 57; }
@inline function lower(c: u32): u32 { return c | 32; }

/**
 * Whether [at, end) spells, in any case, a word YAML 1.1 or 1.2 reads as a boolean or null
 * (y, n, yes, no, on, off, true, false, null): such a plain scalar is judged by the full check.
 */
function isWord(at: usize, end: usize): bool {
  const n = end - at;
  const a = lower(load<u8>(at));
  if (n == 1) return a == 121 || a == 110;
  const b = lower(load<u8>(at + 1));
  if (n == 2) return (a == 110 && b == 111) || (a == 111 && b == 110);
  const c = lower(load<u8>(at + 2));
  if (n == 3) return (a == 121 && b == 101 && c == 115) || (a == 111 && b == 102 && c == 102);
  const d = lower(load<u8>(at + 3));
  if (n == 4) return (a == 116 && b == 114 && c == 117 && d == 101) || (a == 110 && b == 117 && c == 108 && d == 108);
  if (n == 5) return a == 102 && b == 97 && c == 108 && d == 115 && lower(load<u8>(at + 4)) == 101;
  return false;
}

/** Digits from `at`, at most `limit` of them; the end of the run (== at when none). */
@inline function digits(at: usize, end: usize): usize {
  let i = at;
  while (i < end && isDigit(load<u8>(i))) i++;
  return i;
}

/** The value of the last plain int classified, for range checks. */
let numberValue: f64 = 0;

/**
 * How a plain scalar [at, end) reads in both YAML 1.2 (core) and 1.1, when the vouch knows for
 * sure: a string (it starts with a letter and is no boolean or null word and no bare exponent, or
 * with `/`, `$` or `_`, or with `-` and a letter or `-`, or with a digit and holds a byte no number or timestamp can, or is digits
 * with a unit — `0s`, `1Ti` — or a version `1.2.3`), an
 * int (decimal, no leading zero, at most 15 digits), a float (the same, a point, digits) or a
 * boolean (`true`, `false`). Anything else — and any text the plain style cannot hold (`: `, ` #`,
 * a trailing space or colon) — is refused.
 */
function classify(at: usize, end: usize): i32 {
  if (at >= end || !plainSafe(at, end) || load<u8>(end - 1) == SPACE) return REFUSED;
  const first = <u32>load<u8>(at);
  if (isLetter(first)) {
    if (isBareExponent(at, end)) return REFUSED;
    if (end - at == 4 && first == 116 && load<u8>(at + 1) == 114 && load<u8>(at + 2) == 117 && load<u8>(at + 3) == 101) return IS_BOOL;
    if (end - at == 5 && first == 102 && load<u8>(at + 1) == 97 && load<u8>(at + 2) == 108 && load<u8>(at + 3) == 115 && load<u8>(at + 4) == 101) return IS_BOOL;
    return isWord(at, end) ? REFUSED : IS_STRING;
  }
  if (first == 47 || first == 36 || first == 95) return IS_STRING; // `/`, `$`, `_`: no number, boolean or null starts so
  let i = at;
  if (first == 45) {
    // `-`: a string when a letter or another `-` follows; a number when digits do.
    if (end - at < 2) return REFUSED;
    const second = <u32>load<u8>(at + 1);
    if (isLetter(second)) return isBareExponent(at + 1, end) ? REFUSED : IS_STRING;
    if (second == 45) return end - at > 2 && isLetter(load<u8>(at + 2)) ? IS_STRING : REFUSED;
    i = at + 1;
  }
  if (!isDigit(load<u8>(i))) return REFUSED;
  if (first != 45 && hasNonNumericByte(at, end)) return IS_STRING;
  const intEnd = digits(i, end);
  const intDigits = intEnd - i;
  const leadingZero = load<u8>(i) == 48 && intDigits > 1;
  if (intEnd == end) {
    if (leadingZero || intDigits > 15) return REFUSED;
    numberValue = parseDigits(i, end);
    if (first == 45) numberValue = -numberValue;
    return IS_INT;
  }
  const c = <u32>load<u8>(intEnd);
  if (c == 46) {
    const fracEnd = digits(intEnd + 1, end);
    if (fracEnd == intEnd + 1) return REFUSED;
    if (fracEnd == end) {
      if (leadingZero || intDigits > 15 || fracEnd - intEnd > 17) return REFUSED;
      // No value kept: a float stands only where any finite number does (double, float, Value).
      return IS_FLOAT;
    }
    if (first == 45) return REFUSED;
    // A version (`2.1.0`): YAML 1.1's floats hold one point.
    if (load<u8>(fracEnd) == 46) {
      let j = fracEnd;
      while (j < end && load<u8>(j) == 46) {
        const next = digits(j + 1, end);
        if (next == j + 1) return REFUSED;
        j = next;
      }
      return j == end ? IS_STRING : REFUSED;
    }
    return isUnit(fracEnd, end) ? IS_STRING : REFUSED;
  }
  if (first == 45) return REFUSED;
  return isUnit(intEnd, end) ? IS_STRING : REFUSED;
}

/**
 * Whether [at, end) holds a byte that none of the YAML 1.2 core or 1.1 patterns for numbers and
 * timestamps a plain scalar starting with a digit could match admits: anything but digits, `a`–`f`
 * and `A`–`F`, `x`, `o`, `t`, `T`, `z`, `Z`, `_`, `.`, `:`, `+`, `-` and space. Such a scalar is a
 * string in both (`0.12.0__dag.yaml`, `1Gi`).
 */
function hasNonNumericByte(at: usize, end: usize): bool {
  for (let i = at; i < end; i++) {
    const c = <u32>load<u8>(i);
    if (isDigit(c) || c == 95 || c == 46 || c == 58 || c == 43 || c == 45 || c == SPACE) continue;
    const l = c | 32;
    if (l >= 97 && l <= 102) continue; // a-f
    if (l == 120 || l == 111 || l == 116 || l == 122) continue; // x, o, t, z
    return true;
  }
  return false;
}

/**
 * Whether [at, end) is an exponent with no digits before it (`e1`, `E+6`): the `yaml` package's YAML
 * 1.1 floats have an optional mantissa (`[-+]?([0-9][0-9_]*)?(\.[0-9_]*)?[eE][-+]?[0-9]+`), so it
 * reads those as numbers (NaN), where they are strings in YAML 1.2.
 */
function isBareExponent(at: usize, end: usize): bool {
  if ((load<u8>(at) | 32) != 101) return false;
  let i = at + 1;
  if (i < end && (load<u8>(i) == 43 || load<u8>(i) == 45)) i++;
  return i < end && digits(i, end) == end;
}

/**
 * Whether a plain scalar [at, end) holds no `: ` (nor ends in a colon) and no ` #` (a comment):
 * its colons and hashes found 16 bytes at a time (a command line runs to a few hundred bytes), each
 * then read with its neighbour. The bytes loaded past `end` are masked off.
 */
function plainSafe(at: usize, end: usize): bool {
  const colon = i8x16.splat(58);
  const hash = i8x16.splat(35);
  for (let i = at; i < end; i += 16) {
    const chunk = v128.load(i);
    let found = <u32>i8x16.bitmask(v128.or(i8x16.eq(chunk, colon), i8x16.eq(chunk, hash)));
    if (end - i < 16) found &= (<u32>1 << <u32>(end - i)) - 1;
    while (found != 0) {
      const j = i + ctz(found);
      found &= found - 1;
      if (load<u8>(j) == 58 ? j + 1 == end || load<u8>(j + 1) == SPACE : j > at && load<u8>(j - 1) == SPACE) return false;
    }
  }
  return true;
}

/** Whether [at, end) is a unit after a number: s, m, k, K, M, G, T, P, and Ki … Pi. No `e`, `x`, `o` or `b`: those make numbers. */
function isUnit(at: usize, end: usize): bool {
  const n = end - at;
  if (n < 1 || n > 2) return false;
  const c = <u32>load<u8>(at);
  if (n == 1) return c == 115 || c == 109 || c == 107 || c == 75 || c == 77 || c == 71 || c == 84 || c == 80;
  return load<u8>(at + 1) == 105 && (c == 75 || c == 77 || c == 71 || c == 84 || c == 80);
}

function parseDigits(at: usize, end: usize): f64 {
  let value: f64 = 0;
  for (let i = at; i < end; i++) value = value * 10 + <f64>(load<u8>(i) - 48);
  return value;
}

/** The start and end of the last quoted scalar's content as written, and whether it holds escapes (then it is not its value). */
let quotedAt: usize = 0;
let quotedEnd: usize = 0;
let quotedEscaped: bool = false;

/** The escaped content [quotedAt, quotedEnd) decoded into memory of its own (kept for the vouch: references point into it). */
function decodeQuoted(): void {
  const at = take(quotedEnd - quotedAt);
  let out = at;
  for (let i = quotedAt; i < quotedEnd; i++) {
    let c = load<u8>(i);
    if (c == 92) c = load<u8>(++i);
    store<u8>(out++, c);
  }
  quotedAt = at;
  quotedEnd = out;
}

/** What the value [at, end) on a line is: a plain scalar's class, quoted, `{}`, `[]`, or refused. */
function valueKind(at: usize, end: usize): i32 {
  if (at >= end) return REFUSED;
  const first = load<u8>(at);
  quotedEscaped = false;
  if (first == 34 || first == 39) {
    // Single-quoted with no quote inside, or double-quoted whose only escapes are \" and \\.
    if (end - at < 2 || load<u8>(end - 1) != first) return REFUSED;
    for (let i = at + 1; i < end - 1; i++) {
      const c = load<u8>(i);
      if (c == first) return REFUSED;
      if (c == 92) {
        if (first == 39) continue; // a backslash is itself in single quotes
        const escaped = i + 1 < end - 1 ? load<u8>(i + 1) : 0;
        if (escaped != 34 && escaped != 92) return REFUSED;
        quotedEscaped = true;
        i++;
      }
    }
    quotedAt = at + 1;
    quotedEnd = end - 1;
    if (lineHasUtf8 && !utf8Ok(quotedAt, quotedEnd)) return REFUSED;
    return IS_QUOTED;
  }
  if (first == 124) return end - at == 1 || (end - at == 2 && (load<u8>(at + 1) == 45 || load<u8>(at + 1) == 43)) ? IS_LITERAL : REFUSED;
  if (first == 123) return end - at == 2 && load<u8>(at + 1) == 125 ? IS_EMPTY_MAP : REFUSED;
  if (first == 91) return end - at == 2 && load<u8>(at + 1) == 93 ? IS_EMPTY_LIST : REFUSED;
  if (lineHasUtf8 && hasUtf8(at, end)) return REFUSED; // a plain scalar past ASCII: the emitter quotes those
  const kind = classify(at, end);
  if (kind == IS_STRING) {
    quotedAt = at;
    quotedEnd = end;
  }
  return kind;
}

/** A decimal integer string that surely fits 64 bits (proto-json-accepts.ts, INT64_STRING / UINT64_STRING). */
function isInt64String(at: usize, end: usize, signed: bool): bool {
  let i = at;
  if (signed && i < end && load<u8>(i) == 45) i++;
  if (i >= end) return false;
  if (digits(i, end) != end) return false;
  if (load<u8>(i) == 48) return end - at == 1;
  return end - i <= (signed ? 18 : 19);
}

/** A Duration bufbuild reads (proto-json-accepts.ts, DURATION): -?[0-9]{1,11}(\.[0-9]{1,9})?s */
function isDuration(at: usize, end: usize): bool {
  let i = at;
  if (i < end && load<u8>(i) == 45) i++;
  const whole = digits(i, end);
  if (whole == i || whole - i > 11) return false;
  i = whole;
  if (i < end && load<u8>(i) == 46) {
    const frac = digits(i + 1, end);
    if (frac == i + 1 || frac - i - 1 > 9) return false;
    i = frac;
  }
  return i + 1 == end && load<u8>(i) == 115;
}

/** Whether a scalar of `kind` (from valueKind) is a valid value of scalar type `type`. */
function scalarOk(type: u32, kind: i32): bool {
  switch (type) {
    case STRING:
      return kind == IS_QUOTED || kind == IS_STRING;
    case BOOL:
      return kind == IS_BOOL;
    case DOUBLE:
    case FLOAT:
      return kind == IS_INT || kind == IS_FLOAT;
    case INT32:
    case SINT32:
    case SFIXED32:
      return kind == IS_INT && numberValue >= -2147483648 && numberValue <= 2147483647;
    case UINT32:
    case FIXED32:
      return kind == IS_INT && numberValue >= 0 && numberValue <= 4294967295;
    case INT64:
    case SINT64:
    case SFIXED64:
      return kind == IS_INT || (kind == IS_QUOTED && isInt64String(quotedAt, quotedEnd, true));
    case UINT64:
    case FIXED64:
      return (kind == IS_INT && numberValue >= 0) || (kind == IS_QUOTED && isInt64String(quotedAt, quotedEnd, false));
    default:
      return false; // bytes, NullValue: bufbuild's rules
  }
}

/** Whether the string [quotedAt, quotedEnd) names a value of enum `index`. */
function enumHas(index: u32): bool {
  const first = word(enumsAt, index * 2);
  const count = word(enumsAt, index * 2 + 1);
  const length = <u32>(quotedEnd - quotedAt);
  const hash = fnv(quotedAt, quotedEnd);
  for (let v = first; v < first + count; v++) {
    if (word(valuesAt, v * 3 + 2) == hash && word(valuesAt, v * 3 + 1) == length && sameBytes(namesAt + <usize>word(valuesAt, v * 3), quotedAt, length)) return true;
  }
  return false;
}

/** Whether a value of `kind` on its line is valid where the slot (container, element, ref) stands. */
function inlineOk(container: u32, element: u32, ref: u32, kind: i32): bool {
  if (kind == REFUSED) return false;
  if (container == LIST) return kind == IS_EMPTY_LIST;
  if (container == MAP) return kind == IS_EMPTY_MAP;
  if (container != SINGLE) return false;
  if (element == MESSAGE) {
    const wk = messageWellKnown(ref);
    if (wk == 0) return kind == IS_EMPTY_MAP;
    if (wk == WK_STRUCT) return kind == IS_EMPTY_MAP;
    if (wk == WK_LIST_VALUE) return kind == IS_EMPTY_LIST;
    if (wk == WK_VALUE) return true; // a literal block too: a string
    if (wk == WK_DURATION) return (kind == IS_QUOTED || kind == IS_STRING) && isDuration(quotedAt, quotedEnd);
    return false;
  }
  if (element == ENUM) return (kind == IS_QUOTED || kind == IS_STRING) && enumHas(ref);
  if (kind == IS_LITERAL) return element == STRING;
  return scalarOk(element, kind);
}

// ---- frames: one per open block ----
// kind, indent, message (MSG) / element + ref (LIST, MAP), seen fields, oneofs set, scope, role,
// and the context the rules need: component, direction, definition kind, task, input kind,
// executor, definition, reference.
const FRAME_MESSAGE: u32 = 1;
const FRAME_MAP: u32 = 2;
const FRAME_LIST: u32 = 3;
const FRAME_STRUCT: u32 = 4;
const FRAME_LIST_VALUE: u32 = 5;

const F_KIND: u32 = 0;
const F_INDENT: u32 = 1;
const F_TYPE: u32 = 2; // message, or the element of a list or map
const F_REF: u32 = 3;
const F_SEEN: u32 = 4;
const F_ONEOFS: u32 = 5;
const F_SCOPE: u32 = 6;
const F_ROLE: u32 = 7;
const F_COMPONENT: u32 = 8;
const F_DIRECTION: u32 = 9;
const F_DEF_KIND: u32 = 10;
const F_TASK: u32 = 11;
const F_INPUT_KIND: u32 = 12;
const F_EXECUTOR: u32 = 13;
const F_DEFINITION: u32 = 14;
const F_REFERENCE: u32 = 15;
const FRAME_WORDS: u32 = 16;

let framesAt: usize = 0;
let depth: i32 = 0;

@inline function frame(index: i32, field: u32): u32 {
  return load<u32>(framesAt + ((<usize>(<u32>index * FRAME_WORDS + field)) << 2));
}
@inline function setFrame(index: i32, field: u32, value: u32): void {
  store<u32>(framesAt + ((<usize>(<u32>index * FRAME_WORDS + field)) << 2), value);
}

/** Opens a frame at `indent`, its context copied from the frame around it. */
function push(kind: u32, indent: u32, type: u32, ref: u32, role: u32): bool {
  if (depth >= DEPTH_LIMIT) return false;
  const d = depth;
  if (d > 0) memory.copy(framesAt + (<usize>(<u32>d * FRAME_WORDS) << 2), framesAt + (<usize>(<u32>(d - 1) * FRAME_WORDS) << 2), FRAME_WORDS << 2);
  depth++;
  setFrame(d, F_KIND, kind);
  setFrame(d, F_INDENT, indent);
  setFrame(d, F_TYPE, type);
  setFrame(d, F_REF, ref);
  setFrame(d, F_SEEN, 0);
  setFrame(d, F_ONEOFS, 0);
  setFrame(d, F_SCOPE, SCOPE_MAPPINGS + scopeCount++);
  setFrame(d, F_ROLE, role);
  return true;
}

// ---- facts the header rules read ----
let schemaVersionOk: bool = false;
let pipelineNameOk: bool = false;
let documentCount: u32 = 0;

// The slot a `key:` with no value opens on the next line: container, element, ref, role, and the
// entry's context (set on the frame the block opens).
let pendingContainer: u32 = 0;
let pendingElement: u32 = 0;
let pendingRef: u32 = 0;
let pendingRole: u32 = 0;
let pending: bool = false;

/** Adds a reference record; its index. */
function reference(what: u32, owner: u32, at: usize, end: usize, kind: u32): u32 {
  const r = add(REFERENCES);
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 0), what);
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 1), owner);
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 2), <u32>at);
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 3), <u32>(end - at));
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 4), fnv(at, end));
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 5), kind);
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 6), NONE);
  return r;
}

/** The string value of a role's scalar: [quotedAt, quotedEnd) after valueKind. */
function stringRole(role: u32, d: i32, kind: i32): bool {
  if (kind != IS_QUOTED && kind != IS_STRING) return true; // typed elsewhere; not a name
  const at = quotedAt;
  const end = quotedEnd;
  switch (role) {
    case ROLE_SCHEMA_VERSION:
      // "2.1.0", kfp-v2-rules.ts SUPPORTED_SCHEMA_VERSION
      schemaVersionOk = end - at == 5 && load<u8>(at) == 50 && load<u8>(at + 1) == 46 && load<u8>(at + 2) == 49 && load<u8>(at + 3) == 46 && load<u8>(at + 4) == 48;
      return true;
    case ROLE_PIPELINE_NAME:
      pipelineNameOk = end > at;
      return true;
    case ROLE_EXECUTOR_LABEL: {
      const c = frame(d, F_COMPONENT);
      if (c == NONE) return false;
      store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 3), <u32>at);
      store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 4), <u32>(end - at));
      store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 5), fnv(at, end));
      return true;
    }
    case ROLE_COMPONENT_REF: {
      const t = frame(d, F_TASK);
      if (t == NONE) return false;
      store<u32>(rec(TASKS, TASK_WORDS, t, 0), <u32>at);
      store<u32>(rec(TASKS, TASK_WORDS, t, 1), <u32>(end - at));
      store<u32>(rec(TASKS, TASK_WORDS, t, 2), fnv(at, end));
      return true;
    }
    case ROLE_DEPENDENT_TASKS: {
      const t = frame(d, F_TASK);
      if (t == NONE) return false;
      const dependencies = rec(TASKS, TASK_WORDS, t, 9);
      store<u32>(dependencies, load<u32>(dependencies) + 1);
      return reference(REF_DEPENDENCY, t, at, end, 0) != NONE;
    }
    case ROLE_COMPONENT_INPUT:
      return frame(d, F_TASK) != NONE && reference(REF_COMPONENT_INPUT, frame(d, F_TASK), at, end, frame(d, F_INPUT_KIND)) != NONE;
    case ROLE_ITEM_INPUT: {
      const t = frame(d, F_TASK);
      if (t == NONE || end == at) return false;
      store<u32>(rec(TASKS, TASK_WORDS, t, 6), <u32>at);
      store<u32>(rec(TASKS, TASK_WORDS, t, 7), <u32>(end - at));
      return true;
    }
    case ROLE_ITEMS_INPUT: {
      const t = frame(d, F_TASK);
      return t != NONE && reference(REF_ITEMS_INPUT, t, at, end, 0) != NONE;
    }
    case ROLE_STRATEGY: {
      const t = frame(d, F_TASK);
      if (t == NONE) return false;
      if (end - at == 28 && spells(at, end, "ALL_UPSTREAM_TASKS_COMPLETED")) setTaskFlag(t, EXIT);
      return true;
    }
    case ROLE_CONDITION: {
      const t = frame(d, F_TASK);
      return end == at || (t != NONE && condition(t, at, end));
    }
    case ROLE_PRODUCER_TASK: {
      const r = frame(d, F_REFERENCE);
      if (r == NONE) return false;
      store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 2), <u32>at);
      store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 3), <u32>(end - at));
      store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 4), fnv(at, end));
      return true;
    }
    case ROLE_OUTPUT_KEY: {
      const r = frame(d, F_REFERENCE);
      if (r == NONE) return false;
      store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 6), <u32>at);
      store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 7), <u32>(end - at));
      store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 8), fnv(at, end));
      return true;
    }
    case ROLE_CONTAINER_LIST:
      return placeholders(frame(d, F_EXECUTOR), at, end);
    default:
      return true;
  }
}

function setTaskFlag(task: u32, flag: u32): void {
  const flags = rec(TASKS, TASK_WORDS, task, 5);
  store<u32>(flags, load<u32>(flags) | flag);
}

@inline function taskWord(task: u32, field: u32): u32 {
  return load<u32>(rec(TASKS, TASK_WORDS, task, field));
}

/**
 * A trigger condition in the one form the emitter writes, `inputs.parameter_values['x'] == 'v'` (or
 * `!=`), kept as a reference to the task's input `x`: CEL the full check reads as such
 * (kfp-v2-triggers.ts, conditionProblems) when `x` is one of the task's inputs.parameters. Any other
 * condition is the full check's.
 */
function condition(task: u32, at: usize, end: usize): bool {
  if (!spells(at, end, "inputs.parameter_values['")) return false;
  const nameAt = at + 25;
  let i = nameAt;
  while (i < end && load<u8>(i) != 39 && load<u8>(i) != 92) i++;
  if (!spells(i, end, "'] ") || i + 7 > end) return false;
  const operator = i + 3;
  if (!(spells(operator, end, "== '") || spells(operator, end, "!= '")) || load<u8>(end - 1) != 39) return false;
  for (let j = operator + 4; j < end - 1; j++) if (load<u8>(j) == 39 || load<u8>(j) == 92) return false;
  return reference(REF_CONDITION, task, nameAt, i, 0) != NONE;
}

/** Whether the bytes from `at` (before `end`) spell `text` (ASCII). */
function spells(at: usize, end: usize, text: string): bool {
  const n = <usize>text.length;
  if (end - at < n) return false;
  for (let i: usize = 0; i < n; i++) if (<i32>load<u8>(at + i) != text.charCodeAt(<i32>i)) return false;
  return true;
}

/**
 * The placeholders `{{$.inputs.parameters['x']}}` (inputs or outputs, parameters or artifacts) of
 * a command or args string of executor `executor`, found as kfp-v2-rules.ts finds them (PLACEHOLDER:
 * the name ends at the first quote-and-`]` after it; a start that does not match is passed by one
 * character), kept as references.
 */
function placeholders(executor: u32, at: usize, end: usize): bool {
  if (executor == NONE) return false;
  let i = at;
  while (i + 4 <= end) {
    // `{{$.`, read as one little-endian word
    if (load<u32>(i) != 0x2e247b7b) {
      i++;
      continue;
    }
    let j = i + 4;
    let direction: u32 = 0;
    if (spells(j, end, "inputs.")) j += 7;
    else if (spells(j, end, "outputs.")) {
      j += 8;
      direction = 1;
    } else {
      i++;
      continue;
    }
    let kind: u32 = 0;
    if (spells(j, end, "parameters[")) j += 11;
    else if (spells(j, end, "artifacts[")) {
      j += 10;
      kind = 1;
    } else {
      i++;
      continue;
    }
    const quote = j < end ? load<u8>(j) : 0;
    if (quote != 39 && quote != 34) {
      i++;
      continue;
    }
    const nameAt = j + 1;
    let k = nameAt;
    while (k + 1 < end && !(load<u8>(k) == quote && load<u8>(k + 1) == 93)) k++;
    if (k + 1 >= end) {
      i++;
      continue;
    }
    const r = reference(REF_PLACEHOLDER, executor, nameAt, k, kind);
    if (r == NONE) return false;
    store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 6), direction);
    i = k + 2;
  }
  return true;
}

/** The field of message `message` whose key is [at, end) with `hash`, or NONE. */
function fieldOf(message: u32, at: usize, end: usize, hash: u32): u32 {
  const first = messageFirstField(message);
  const count = messageFieldCount(message);
  const length = <u32>(end - at);
  for (let f = first; f < first + count; f++) {
    if (fieldWord(f, 2) == hash && fieldWord(f, 1) == length && sameBytes(namesAt + <usize>fieldWord(f, 0), at, length)) return f;
  }
  return NONE;
}

/**
 * A key [at, end) of key bytes (keyColon) that surely reads as this string in YAML 1.2 and 1.1: a
 * letter or `_` first; no boolean or null word, no bare exponent (`e1`), not `__proto__`.
 */
function keyOk(at: usize, end: usize): bool {
  if (at >= end || end - at > <usize>KEY_LIMIT) return false;
  const first = <u32>load<u8>(at);
  if (!isLetter(first) && first != 95) return false;
  if (isLetter(first) && (isWord(at, end) || isBareExponent(at, end))) return false;
  // __proto__
  if (end - at == 9 && first == 95 && load<u8>(at + 1) == 95 && load<u8>(at + 2) == 112 && load<u8>(at + 7) == 95 && load<u8>(at + 8) == 95 && load<u8>(at + 3) == 114 && load<u8>(at + 4) == 111 && load<u8>(at + 5) == 116 && load<u8>(at + 6) == 111) return false;
  return true;
}

/** A new component record, with no label, DAG, definitions or tasks yet; its index. */
function newComponent(): u32 {
  const c = add(COMPONENTS);
  memory.fill(rec(COMPONENTS, COMPONENT_WORDS, c, 0), 0, COMPONENT_WORDS << 2);
  store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 3), NONE);
  store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 6), count(DEFINITIONS));
  store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 7), count(DEFINITIONS));
  return c;
}

/** A new entry of a map frame `d` named [at, end): the records its role keeps, and the context its value reads in. */
function mapEntry(d: i32, at: usize, end: usize, hash: u32): bool {
  const role = frame(d, F_ROLE);
  const length = <u32>(end - at);
  let value: u32 = 0;
  switch (role) {
    case ROLE_COMPONENTS: {
      value = newComponent();
      setFrame(d, F_COMPONENT, value);
      break;
    }
    case ROLE_TASKS: {
      value = add(TASKS);
      const c = frame(d, F_COMPONENT);
      if (c == NONE) return false;
      memory.fill(rec(TASKS, TASK_WORDS, value, 0), 0, TASK_WORDS << 2);
      store<u32>(rec(TASKS, TASK_WORDS, value, 0), NONE);
      store<u32>(rec(TASKS, TASK_WORDS, value, 4), c);
      store<u32>(rec(TASKS, TASK_WORDS, value, 6), NONE);
      store<u32>(rec(TASKS, TASK_WORDS, value, 8), NONE);
      setFrame(d, F_TASK, value);
      break;
    }
    case ROLE_DEF_PARAMETERS:
    case ROLE_DEF_ARTIFACTS: {
      const c = frame(d, F_COMPONENT);
      if (c == NONE) return false;
      value = add(DEFINITIONS);
      store<u32>(rec(DEFINITIONS, DEFINITION_WORDS, value, 0), frame(d, F_DIRECTION));
      store<u32>(rec(DEFINITIONS, DEFINITION_WORDS, value, 1), frame(d, F_DEF_KIND));
      store<u32>(rec(DEFINITIONS, DEFINITION_WORDS, value, 2), <u32>at);
      store<u32>(rec(DEFINITIONS, DEFINITION_WORDS, value, 3), length);
      store<u32>(rec(DEFINITIONS, DEFINITION_WORDS, value, 4), hash);
      store<u32>(rec(DEFINITIONS, DEFINITION_WORDS, value, 5), 1);
      store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 7), count(DEFINITIONS));
      setFrame(d, F_DEFINITION, value);
      break;
    }
    case ROLE_TASK_PARAMETERS:
    case ROLE_TASK_ARTIFACTS:
      if (frame(d, F_TASK) == NONE || reference(REF_SUPPLIED, frame(d, F_TASK), at, end, frame(d, F_INPUT_KIND)) == NONE) return false;
      break;
    case ROLE_EXECUTORS: {
      value = add(EXECUTORS);
      store<u32>(rec(EXECUTORS, EXECUTOR_WORDS, value, 0), NONE);
      store<u32>(rec(EXECUTORS, EXECUTOR_WORDS, value, 1), 0);
      setFrame(d, F_EXECUTOR, value);
      break;
    }
    case ROLE_PLATFORM_EXECUTORS:
      if (reference(REF_PLATFORM_EXECUTOR, 0, at, end, 0) == NONE) return false;
      break;
  }
  return enter(frame(d, F_SCOPE), hash, at, length, value);
}

/**
 * The scope of the map a field of `role` opens in frame `d`'s context (names the rules look up),
 * and that context set on the new frame `n`.
 */
function openMap(d: i32, n: i32, role: u32): void {
  switch (role) {
    case ROLE_COMPONENTS:
      setFrame(n, F_SCOPE, SCOPE_COMPONENTS);
      break;
    case ROLE_EXECUTORS:
      setFrame(n, F_SCOPE, SCOPE_EXECUTORS);
      break;
    case ROLE_TASKS:
      setFrame(n, F_SCOPE, tasksScope(frame(d, F_COMPONENT)));
      break;
    case ROLE_DEF_PARAMETERS:
    case ROLE_DEF_ARTIFACTS: {
      const kind: u32 = role == ROLE_DEF_ARTIFACTS ? 1 : 0;
      setFrame(n, F_DEF_KIND, kind);
      setFrame(n, F_SCOPE, definitionScope(frame(d, F_COMPONENT), frame(d, F_DIRECTION), kind));
      break;
    }
    case ROLE_TASK_PARAMETERS:
    case ROLE_TASK_ARTIFACTS: {
      const kind: u32 = role == ROLE_TASK_ARTIFACTS ? 1 : 0;
      setFrame(n, F_INPUT_KIND, kind);
      setFrame(n, F_SCOPE, suppliedScope(frame(d, F_TASK), kind));
      break;
    }
  }
}

/** The context a block value of a field of `role` reads in (set on the new frame `n`). */
function openBlock(n: i32, role: u32): bool {
  switch (role) {
    case ROLE_ROOT:
      setFrame(n, F_COMPONENT, 0);
      break;
    case ROLE_INPUT_DEFS:
      setFrame(n, F_DIRECTION, 0);
      break;
    case ROLE_OUTPUT_DEFS:
      setFrame(n, F_DIRECTION, 1);
      break;
    case ROLE_ITERATOR: {
      const t = frame(n, F_TASK);
      if (t == NONE) return false;
      setTaskFlag(t, ITERATES);
      break;
    }
    case ROLE_PRODUCER:
    case ROLE_FINAL_STATUS: {
      const t = frame(n, F_TASK);
      if (t == NONE) return false;
      const r = reference(role == ROLE_FINAL_STATUS ? REF_FINAL_STATUS : REF_PRODUCER, t, 0, 0, frame(n, F_INPUT_KIND));
      if (r == NONE) return false;
      store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 2), NONE); // no producer task until one is read
      setFrame(n, F_REFERENCE, r);
      break;
    }
  }
  return true;
}

/** A key of a message frame `d`: the field, its oneof, and what its role says before the value is read. */
function messageKey(d: i32, at: usize, end: usize, hash: u32): u32 {
  const f = fieldOf(frame(d, F_TYPE), at, end, hash);
  if (f == NONE) return NONE;
  const bit: u32 = 1 << (f - messageFirstField(frame(d, F_TYPE)));
  const seen = frame(d, F_SEEN);
  if (seen & bit) return NONE;
  setFrame(d, F_SEEN, seen | bit);
  const oneof = fieldWord(f, 6);
  if (oneof != NONE) {
    const oneofBit: u32 = 1 << oneof;
    const set = frame(d, F_ONEOFS);
    if (set & oneofBit) return NONE;
    setFrame(d, F_ONEOFS, set | oneofBit);
  }
  const role = fieldWord(f, 7);
  if (role == ROLE_NOT_JUDGED) return NONE;
  if (role == ROLE_DEFAULT_VALUE) {
    const definition = frame(d, F_DEFINITION);
    if (definition == NONE) return NONE;
    store<u32>(rec(DEFINITIONS, DEFINITION_WORDS, definition, 5), 0);
  }
  if (role == ROLE_IMPORTER) {
    const e = frame(d, F_EXECUTOR);
    if (e == NONE) return NONE;
    store<u32>(rec(EXECUTORS, EXECUTOR_WORDS, e, 1), 1);
  }
  if (role == ROLE_DAG) {
    const c = frame(d, F_COMPONENT);
    if (c == NONE) return NONE;
    store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 1), 1);
  }
  return f;
}

/**
 * Opens the block value of the pending slot at the line indented `indent`: a list when the line is
 * a dash, else a message, map or Struct. The line is then read as the new frame's first entry.
 */
function openPending(indent: u32, isDash: bool): bool {
  pending = false;
  const d = depth - 1;
  const container = pendingContainer;
  const element = pendingElement;
  const ref = pendingRef;
  const role = pendingRole;
  if (isDash) {
    if (container == LIST) {
      if (!push(FRAME_LIST, indent, element, ref, role)) return false;
    } else if (container == SINGLE && element == MESSAGE && (messageWellKnown(ref) == WK_LIST_VALUE || messageWellKnown(ref) == WK_VALUE)) {
      if (!push(FRAME_LIST_VALUE, indent, 0, 0, 0)) return false;
    } else return false;
    return openBlock(depth - 1, role);
  }
  if (container == MAP) {
    if (!push(FRAME_MAP, indent, element, ref, role)) return false;
    openMap(d, depth - 1, role);
    return openBlock(depth - 1, role);
  }
  if (container != SINGLE || element != MESSAGE) return false;
  const wk = messageWellKnown(ref);
  if (wk == 0) {
    if (!push(FRAME_MESSAGE, indent, ref, 0, role)) return false;
  } else if (wk == WK_STRUCT || wk == WK_VALUE) {
    if (!push(FRAME_STRUCT, indent, 0, 0, 0)) return false;
  } else return false;
  return openBlock(depth - 1, role);
}

/**
 * One entry `key: …` of the mapping frame `d`, its key at [at, colon): its value on the line (from
 * `colon + 2` to `end`), or a block on the next lines (pending).
 */
function mappingEntry(d: i32, at: usize, colon: usize, end: usize): bool {
  if (!keyOk(at, colon)) return false;
  const hash = keyHash;
  const kind = frame(d, F_KIND);
  let container: u32 = SINGLE;
  let element: u32 = 0;
  let ref: u32 = 0;
  let role: u32 = 0;
  if (kind == FRAME_MESSAGE) {
    const f = messageKey(d, at, colon, hash);
    if (f == NONE) return false;
    container = fieldWord(f, 3);
    element = fieldWord(f, 4);
    ref = fieldWord(f, 5);
    role = fieldWord(f, 7);
  } else if (kind == FRAME_MAP) {
    if (!mapEntry(d, at, colon, hash)) return false;
    element = frame(d, F_TYPE);
    ref = frame(d, F_REF);
  } else {
    // A Struct's member: any Value.
    if (!enter(frame(d, F_SCOPE), hash, at, <u32>(colon - at), 0)) return false;
    element = MESSAGE;
    ref = valueMessage;
  }
  if (colon + 1 == end) {
    pending = true;
    pendingContainer = container;
    pendingElement = element;
    pendingRef = ref;
    pendingRole = role;
    return true;
  }
  if (load<u8>(colon + 1) != SPACE) return false;
  return value(d, container, element, ref, role, colon + 2, end);
}

/** A value on its line, at [at, end), in a slot of frame `d`. */
function value(d: i32, container: u32, element: u32, ref: u32, role: u32, at: usize, end: usize): bool {
  const kind = valueKind(at, end);
  if (!inlineOk(container, element, ref, kind)) return false;
  if (kind == IS_LITERAL) {
    // Its lines are read with the next ones (readDocument); only command and args look inside (placeholders).
    if (role != 0 && role != ROLE_CONTAINER_LIST) return false;
    literalIndent = frame(d, F_INDENT) + 2;
    literalContent = false;
    literalExecutor = role == ROLE_CONTAINER_LIST ? frame(d, F_EXECUTOR) : NONE;
    return literalExecutor != NONE || role == 0;
  }
  if (role == 0) return true;
  if (role == ROLE_IS_OPTIONAL) {
    const definition = frame(d, F_DEFINITION);
    if (definition == NONE) return false;
    if (kind == IS_BOOL && load<u8>(at) == 116) store<u32>(rec(DEFINITIONS, DEFINITION_WORDS, definition, 5), 0);
    return true;
  }
  if (role == ROLE_ROOT || role == ROLE_DAG) return true; // `{}`: a root with no DAG is caught by the header rules
  if (role == ROLE_PRODUCER || role == ROLE_FINAL_STATUS) return true; // `{}`: no producer, nothing to check
  if (role == ROLE_ITERATOR) return false; // `{}`: a loop with no item input, which the full check reports
  if (container == LIST) return true; // `[]`
  if (quotedEscaped) {
    // A name or condition with escapes is the full check's; command and args are read for placeholders as their value.
    if (role != ROLE_CONTAINER_LIST) return false;
    decodeQuoted();
  }
  return stringRole(role, d, kind);
}

/**
 * A literal block being read: the indentation of its lines (0: none), whether a line of it was
 * read, and the executor whose placeholders its lines may hold (NONE: not command or args).
 */
let literalIndent: u32 = 0;
let literalContent: bool = false;
let literalExecutor: u32 = NONE;

/** The line being read (for refusedAt). */
let readingLine: usize = 0;

/** The message index of google.protobuf.Value (a Struct member's type). */
let valueMessage: u32 = 0;

/**
 * The newline ending the line from `at`, or 0 when a byte before it is a control character; 16
 * bytes at a time (the memory after the text is the reading's own, so a load past it is in bounds).
 */
function lineEnd(at: usize): usize {
  const newline = i8x16.splat(10);
  const space = i8x16.splat(32);
  const del = i8x16.splat(127);
  lineHasUtf8 = false;
  for (let i = at; ; i += 16) {
    const chunk = v128.load(i);
    const isNewline = i8x16.eq(chunk, newline);
    const bad = <u32>i8x16.bitmask(v128.or(v128.andnot(i8x16.lt_u(chunk, space), isNewline), i8x16.eq(chunk, del)));
    // A lane's high bit: a byte of a UTF-8 sequence.
    const high = <u32>i8x16.bitmask(chunk);
    const newlines = <u32>i8x16.bitmask(isNewline);
    if (newlines != 0) {
      const before = (<u32>1 << ctz(newlines)) - 1;
      if (high & before) lineHasUtf8 = true;
      return bad & before ? 0 : i + ctz(newlines);
    }
    if (high != 0) lineHasUtf8 = true;
    if (bad != 0) return 0;
  }
  return 0;
}

/** Whether the line lineEnd found last holds bytes past ASCII (then only quoted scalars and literal blocks may hold them). */
let lineHasUtf8: bool = false;

/** Whether [at, end) holds a byte past ASCII. */
function hasUtf8(at: usize, end: usize): bool {
  for (let i = at; i < end; i++) if (load<u8>(i) >= 128) return true;
  return false;
}

/**
 * Whether [at, end) is UTF-8 of characters YAML 1.2 and 1.1 both read as themselves in a quoted
 * scalar or a literal block: none of the C1 controls (U+0080–U+009F, NEL among them), U+2028 and
 * U+2029 (line breaks in YAML 1.1), U+FEFF, U+FFFE, U+FFFF (kfp-v2's block reader leaves all these
 * to the yaml package too). TextEncoder writes well-formed UTF-8 of a well-formed string (the
 * caller checks), so this reads lead bytes and the ranges they allow.
 */
function utf8Ok(at: usize, end: usize): bool {
  let i = at;
  while (i < end) {
    const b = <u32>load<u8>(i);
    if (b < 128) {
      i++;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) {
      if (i + 1 >= end || b == 0xc2 && load<u8>(i + 1) < 0xa0) return false;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      if (i + 2 >= end) return false;
      const b1 = <u32>load<u8>(i + 1);
      const b2 = <u32>load<u8>(i + 2);
      if (b == 0xe2 && b1 == 0x80 && (b2 == 0xa8 || b2 == 0xa9)) return false;
      if (b == 0xef && ((b1 == 0xbb && b2 == 0xbf) || (b1 == 0xbf && (b2 == 0xbe || b2 == 0xbf)))) return false;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      if (i + 3 >= end) return false;
      i += 4;
    } else return false;
  }
  return true;
}

/** The first byte from `at` that is not a space, 16 bytes at a time. */
function indentEnd(at: usize): usize {
  const space = i8x16.splat(32);
  for (let i = at; ; i += 16) {
    const others = <u32>i8x16.bitmask(i8x16.ne(v128.load(i), space));
    if (others != 0) return i + ctz(others);
  }
  return 0;
}

/** Reads the document lines from `at`; the position after the document (at a `---` line or the end). */
function readDocument(at: usize, message: u32): usize {
  depth = 0;
  pending = false;
  literalIndent = 0;
  firstLine = true;
  memory.fill(framesAt, 0, FRAME_WORDS << 2);
  push(FRAME_MESSAGE, 0, message, 0, 0);
  setFrame(0, F_COMPONENT, NONE);
  setFrame(0, F_TASK, NONE);
  setFrame(0, F_EXECUTOR, NONE);
  setFrame(0, F_DEFINITION, NONE);
  setFrame(0, F_REFERENCE, NONE);
  // A loop that does nothing but call: V8 runs a call in the code it started in, and compiles a
  // function that gets hot again with its optimising compiler, so readLine is optimised after a few
  // hundred lines, where a loop over the lines written here would run in baseline code to the end.
  let line = at;
  while (line < textEnd) {
    const next = readLine(line);
    if (next == 0) return 0;
    if (next == line) return line; // `---`: the next document
    line = next;
  }
  // A document that ends with a key and no value, or an empty literal block, or has no line (`---` last), is the full check's.
  if (pending || firstLine || (literalIndent > 0 && !literalContent)) return 0;
  literalIndent = 0;
  return textEnd;
}

/** Whether no line of the document was read yet. */
let firstLine: bool = true;

/** Reads the line at `line`: the next line's start, `line` itself at a `---` line, or 0 to refuse. */
function readLine(line: usize): usize {
  readingLine = line;
  const i = indentEnd(line);
  const indent = <u32>(i - line);
  const end = lineEnd(i); // ASCII only, no control character but the newline
  if (end == 0) return 0;
  if (literalIndent > 0) {
    // A literal block's lines: empty, or indented at least as its first, which is indented as it must be.
    if (end == line) return end + 1;
    if (indent >= literalIndent && end > i) {
      if (!literalContent && indent != literalIndent) return 0;
      if (lineHasUtf8 && !utf8Ok(line + literalIndent, end)) return 0;
      literalContent = true;
      if (literalExecutor != NONE && !placeholders(literalExecutor, line + literalIndent, end)) return 0;
      return end + 1;
    }
    if (!literalContent) return 0;
    literalIndent = 0;
  }
  if (end == i) return 0; // a blank line
  if (indent == 0 && end - i == 3 && load<u8>(i) == 45 && load<u8>(i + 1) == 45 && load<u8>(i + 2) == 45) return firstLine || pending ? 0 : line;
  firstLine = false;
  const isDash = load<u8>(i) == 45 && (i + 1 == end || load<u8>(i + 1) == SPACE);
  if (pending) {
    if (indent != frame(depth - 1, F_INDENT) + 2) return 0;
    if (!openPending(indent, isDash)) return 0;
  } else {
    while (depth > 0 && indent < frame(depth - 1, F_INDENT)) depth--;
    if (depth == 0 || indent != frame(depth - 1, F_INDENT)) return 0;
  }
  return entry(depth - 1, i, end, isDash) ? end + 1 : 0;
}

/** The entry on one line of frame `d`, from `i` (its first character) to `end`. */
function entry(d: i32, i: usize, end: usize, isDash: bool): bool {
  const kind = frame(d, F_KIND);
  if (kind == FRAME_LIST || kind == FRAME_LIST_VALUE) {
    if (!isDash || i + 1 == end) return false;
    const item = i + 2;
    const colon = keyColon(item, end);
    const isValue = kind == FRAME_LIST_VALUE;
    const element = isValue ? MESSAGE : frame(d, F_TYPE);
    const ref = isValue ? valueMessage : frame(d, F_REF);
    const role = isValue ? 0 : frame(d, F_ROLE);
    if (colon == 0) return value(d, SINGLE, element, ref, role, item, end);
    // `- key: …`: a mapping item, its keys at the dash's indentation + 2.
    if (element != MESSAGE) return false;
    const wk = messageWellKnown(ref);
    const indent = frame(d, F_INDENT) + 2;
    if (wk == 0) {
      if (!push(FRAME_MESSAGE, indent, ref, 0, role)) return false;
    } else if (wk == WK_STRUCT || wk == WK_VALUE) {
      if (!push(FRAME_STRUCT, indent, 0, 0, 0)) return false;
    } else return false;
    return mappingEntry(depth - 1, item, colon, end);
  }
  if (isDash) return false;
  const colon = keyColon(i, end);
  if (colon == 0) return false;
  return mappingEntry(d, i, colon, end);
}

/** Bytes that may stand in a key (letters, digits, `_`, `-`, `.`, `/`): a table filled at the first reading. */
const keyBytes = memory.data(256);

function fillKeyBytes(): void {
  for (let c: u32 = 0; c < 256; c++) store<u8>(keyBytes + c, isLetter(c) || isDigit(c) || c == 95 || c == 45 || c == 46 || c == 47 ? 1 : 0);
}

/** The hash of the key keyColon found last. */
let keyHash: u32 = 0;

/** The colon after a key at `at` (key bytes, then `:` and a space or the line's end), or 0; its hash in keyHash. */
function keyColon(at: usize, end: usize): usize {
  let hash: u32 = 0x811c9dc5;
  let i = at;
  while (i < end) {
    const c = <u32>load<u8>(i);
    if (load<u8>(keyBytes + c) == 0) break;
    hash = (hash ^ c) * 0x01000193;
    i++;
  }
  if (i == at || i >= end || load<u8>(i) != 58) return 0;
  if (i + 1 < end && load<u8>(i + 1) != SPACE) return 0;
  keyHash = hash;
  return i;
}

// ---- the rules, once everything is read ----

function rulesHold(): bool {
  // Root (component 0) is a DAG.
  if (!schemaVersionOk || !pipelineNameOk || load<u32>(rec(COMPONENTS, COMPONENT_WORDS, 0, 1)) == 0) return false;
  // The other components: each runs an executor that exists, or is a DAG.
  for (let c: u32 = 1; c < count(COMPONENTS); c++) {
    const labelAt = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 3));
    if (labelAt == NONE) {
      if (load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 1)) == 0) return false;
      continue;
    }
    const e = find(SCOPE_EXECUTORS, load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 5)), <usize>labelAt, load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 4)));
    if (e == NONE) return false;
    // The components that run executor e, a list through word 0.
    store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 0), load<u32>(rec(EXECUTORS, EXECUTOR_WORDS, e, 0)));
    store<u32>(rec(EXECUTORS, EXECUTOR_WORDS, e, 0), c);
  }
  // Tasks: each names a component; each DAG's tasks and exit tasks counted.
  for (let t: u32 = 0; t < count(TASKS); t++) {
    const refAt = taskWord(t, 0);
    if (refAt == NONE) return false;
    const c = find(SCOPE_COMPONENTS, taskWord(t, 2), <usize>refAt, taskWord(t, 1));
    if (c == NONE || c == 0) return false;
    store<u32>(rec(TASKS, TASK_WORDS, t, 3), c);
    const dag = taskWord(t, 4);
    const tasks = rec(COMPONENTS, COMPONENT_WORDS, dag, 8);
    store<u32>(tasks, load<u32>(tasks) + 1);
    if (taskWord(t, 5) & EXIT) {
      // An ALL_UPSTREAM_TASKS_COMPLETED task is an exit hook of the one task it waits for (kfp-v2-triggers.ts).
      if (taskWord(t, 9) != 1) return false;
      const exits = rec(COMPONENTS, COMPONENT_WORDS, dag, 9);
      store<u32>(exits, load<u32>(exits) + 1);
    }
  }
  for (let c: u32 = 0; c < count(COMPONENTS); c++) {
    const tasks = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 8));
    if (tasks > 0 && load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 9)) == tasks) return false;
  }
  for (let r: u32 = 0; r < count(REFERENCES); r++) if (!referenceHolds(r)) return false;
  // Every required input of a task's component is supplied (but a loop's item).
  for (let t: u32 = 0; t < count(TASKS); t++) {
    const flags = taskWord(t, 5);
    const c = taskWord(t, 3);
    const itemAt = taskWord(t, 6);
    const itemLength = taskWord(t, 7);
    if (flags & ITERATES) {
      if (itemAt == NONE || !(flags & HAS_ITEMS) || find(definitionScope(c, 0, 0), fnv(<usize>itemAt, <usize>(itemAt + itemLength)), <usize>itemAt, itemLength) == NONE) return false;
    }
    const from = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 6));
    const to = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 7));
    if (!spend(to - from)) return false;
    for (let i = from; i < to; i++) {
      if (load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 0)) != 0 || load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 5)) == 0) continue;
      const kind = load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 1));
      const at = load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 2));
      const length = load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 3));
      if (kind == 0 && itemAt != NONE && length == itemLength && sameBytes(<usize>at, <usize>itemAt, length)) continue;
      if (find(suppliedScope(t, kind), load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 4)), <usize>at, length) == NONE) return false;
    }
  }
  return true;
}

/**
 * What the rules may still do, in lookups: a few per byte of the text. Each task's component's
 * inputs, and each placeholder's components, are products a hostile text could make quadratic
 * (10,000 tasks of one component of 10,000 optional inputs); past the budget the full check decides.
 */
let budget: i64 = 0;

function spend(lookups: u32): bool {
  budget -= <i64>lookups;
  return budget >= 0;
}

/**
 * The task of `owner`'s DAG named by reference `r`, when it is written before `owner` and is no exit
 * hook: then no wait can close a cycle, and nothing waits for a hook. NONE otherwise.
 */
function earlierTask(owner: u32, r: u32): u32 {
  const at = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 2));
  const t = find(tasksScope(taskWord(owner, 4)), load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 4)), <usize>at, load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 3)));
  return t == NONE || t >= owner || taskWord(t, 5) & EXIT ? NONE : t;
}

/** Whether the rule reference `r` is about holds (kfp-v2-rules.ts, kfp-v2-triggers.ts). */
function referenceHolds(r: u32): bool {
  const what = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 0));
  const owner = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 1));
  const at = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 2));
  const length = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 3));
  const hash = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 4));
  const kind = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 5));
  switch (what) {
    case REF_DEPENDENCY: {
      const t = earlierTask(owner, r);
      if (t == NONE) return false;
      if (taskWord(owner, 5) & EXIT) {
        // One hook per task, and none on a loop.
        if (taskWord(t, 8) != NONE || taskWord(t, 5) & ITERATES) return false;
        store<u32>(rec(TASKS, TASK_WORDS, t, 8), owner);
      }
      return true;
    }
    case REF_PRODUCER:
    case REF_FINAL_STATUS: {
      if (at == NONE) return true; // no producerTask: nothing to check, no edge
      const t = earlierTask(owner, r);
      if (t == NONE) return false;
      const keyAt = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 6));
      if (what == REF_FINAL_STATUS || keyAt == NONE) return true;
      const keyHash = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 8));
      return find(definitionScope(taskWord(t, 3), 1, kind), keyHash, <usize>keyAt, load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 7))) != NONE;
    }
    case REF_COMPONENT_INPUT:
      return find(definitionScope(taskWord(owner, 4), 0, kind), hash, <usize>at, length) != NONE;
    case REF_SUPPLIED:
      return find(definitionScope(taskWord(owner, 3), 0, kind), hash, <usize>at, length) != NONE;
    case REF_ITEMS_INPUT:
      if (find(suppliedScope(owner, 0), hash, <usize>at, length) == NONE) return false;
      setTaskFlag(owner, HAS_ITEMS);
      return true;
    case REF_CONDITION: {
      // The input it reads is the task's; the KFP backend refuses a condition on an importer.
      if (find(suppliedScope(owner, 0), hash, <usize>at, length) == NONE) return false;
      const labelAt = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, taskWord(owner, 3), 3));
      if (labelAt == NONE) return true;
      const c = taskWord(owner, 3);
      const e = find(SCOPE_EXECUTORS, load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 5)), <usize>labelAt, load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 4)));
      return e != NONE && load<u32>(rec(EXECUTORS, EXECUTOR_WORDS, e, 1)) == 0;
    }
    case REF_PLATFORM_EXECUTOR:
      return find(SCOPE_EXECUTORS, hash, <usize>at, length) != NONE;
    case REF_PLACEHOLDER: {
      const direction = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 6));
      for (let c = load<u32>(rec(EXECUTORS, EXECUTOR_WORDS, owner, 0)); c != NONE; c = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 0)))
        if (!spend(1) || find(definitionScope(c, direction, kind), hash, <usize>at, length) == NONE) return false;
      return true;
    }
  }
  return false;
}

// ---- entry points ----

/** Where JavaScript may write the table (past this module's own data). */
export function heapBase(): usize {
  return (__heap_base + 7) & ~(<usize>7);
}

/**
 * 1 when the text [text, text + length) is surely a valid KFP v2 pipeline; 0 when the full check
 * must tell. The table is at `table` (kfp-v2-vouch-table.ts); both were written by JavaScript.
 */
export function vouch(table: usize, text: usize, length: u32): i32 {
  tableAt = table;
  fieldsAt = table + (<usize>word(table, 2) << 2);
  enumsAt = table + (<usize>word(table, 3) << 2);
  valuesAt = table + (<usize>word(table, 4) << 2);
  namesAt = table + <usize>word(table, 5);
  pipelineSpec = word(table, 6);
  platformSpec = word(table, 7);
  valueMessage = word(table, 8);
  textAt = text;
  textEnd = text + <usize>length;
  if (length == 0 || load<u8>(textEnd - 1) != NL) return 0;
  if (load<u8>(keyBytes + 97) == 0) fillKeyBytes();
  bump = textEnd + 16; // lineEnd and indentEnd may load 16 bytes from the last line
  recordTablesAt = take(5 << 4);
  resetRecords(COMPONENTS, COMPONENT_WORDS);
  resetRecords(DEFINITIONS, DEFINITION_WORDS);
  resetRecords(TASKS, TASK_WORDS);
  resetRecords(EXECUTORS, EXECUTOR_WORDS);
  resetRecords(REFERENCES, REFERENCE_WORDS);
  framesAt = take(<usize>(DEPTH_LIMIT + 2) * (FRAME_WORDS << 2));
  hashAt = 0;
  hashMask = 0;
  hashCount = 0;
  probes = <i64>length * 8 + 4096;
  rehash(4096);
  newComponent(); // root
  scopeCount = 0;
  schemaVersionOk = false;
  pipelineNameOk = false;
  readingLine = textEnd;
  let at = readDocument(text, pipelineSpec);
  if (at == 0) return 0;
  if (at < textEnd) {
    at = readDocument(at + 4, platformSpec);
    if (at != textEnd) return 0;
  }
  readingLine = textEnd;
  budget = <i64>length * 4;
  return rulesHold() ? 1 : 0;
}

/** For tests: where the last vouch stopped — the byte offset of the line it refused, or the text's length when a rule did not hold. */
export function refusedAt(): u32 {
  return <u32>(readingLine - textAt);
}

/** How the vouch reads the plain scalar at [at, at + length) (for tests): REFUSED, IS_STRING, IS_INT, IS_FLOAT or IS_BOOL. */
export function plainClass(at: usize, length: u32): i32 {
  for (let i = at; i < at + <usize>length; i++) {
    const c = load<u8>(i);
    if (c < SPACE || c > 126) return REFUSED;
  }
  const first = length > 0 ? load<u8>(at) : 0;
  if (first == 34 || first == 39 || first == 123 || first == 91) return REFUSED;
  return classify(at, at + <usize>length);
}
