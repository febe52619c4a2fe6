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

import { indentEnd, lineEnd, lineHasUtf8, NL, SPACE, utf8Ok } from './lines';
import {
  COMPONENT_WORDS, COMPONENTS, DEFINITION_WORDS, DEFINITIONS, definitionScope, EXECUTOR_WORDS, EXECUTORS, EXIT, ITERATES, newComponent, RECORD_WORDS, REF_COMPONENT_INPUT, REF_CONDITION, REF_DEPENDENCY, REF_FINAL_STATUS, REF_ITEMS_INPUT, REF_PLACEHOLDER, REF_PLATFORM_EXECUTOR, REF_PRODUCER, REF_SUPPLIED, reference, REFERENCE_WORDS, REFERENCES, SCOPE_COMPONENTS, SCOPE_EXECUTORS, SCOPE_MAPPINGS, setTaskFlag, storeName, suppliedScope, TASK_WORDS, TASKS, tasksScope,
} from './facts';
import { add, count, enter, find, fnv, NONE, rec, sameBytes, startMemory, take } from './memory';
import { rulesHold } from './rules';
import {
  classify, decodeQuoted, IS_BOOL, IS_EMPTY_LIST, IS_EMPTY_MAP, IS_LITERAL, IS_QUOTED, IS_STRING, isBareExponent, isDigit, isDuration, isLetter, isWord, quotedAt, quotedEnd, quotedEscaped, REFUSED, scalarOk, STRING, valueKind,
} from './scalars';

// The table's codes (kfp-v2-vouch-table.ts): a field's element besides a scalar type, its
// container, and a message's well-known kind.
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

const DEPTH_LIMIT: i32 = 60;
const KEY_LIMIT: u32 = 1000; // YAML ends an implicit key within 1,024 characters

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

// ---- the text ----
let textAt: usize = 0;
let textEnd: usize = 0;

// ---- values where the protos put them ----

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
/** Frames opened so far: each mapping's keys are entered in a scope of its own (a key twice is YAML's error). */
let scopeCount: u32 = 0;

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

// The slot a `key:` with no value opens on the next line: container, element, ref, role, and the
// entry's context (set on the frame the block opens).
let pendingContainer: u32 = 0;
let pendingElement: u32 = 0;
let pendingRef: u32 = 0;
let pendingRole: u32 = 0;
let pending: bool = false;

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
      storeName(COMPONENTS, COMPONENT_WORDS, c, 3, at, end);
      return true;
    }
    case ROLE_COMPONENT_REF: {
      const t = frame(d, F_TASK);
      if (t == NONE) return false;
      storeName(TASKS, TASK_WORDS, t, 0, at, end);
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
      storeName(REFERENCES, REFERENCE_WORDS, r, 2, at, end);
      return true;
    }
    case ROLE_OUTPUT_KEY: {
      const r = frame(d, F_REFERENCE);
      if (r == NONE) return false;
      storeName(REFERENCES, REFERENCE_WORDS, r, 6, at, end);
      return true;
    }
    case ROLE_CONTAINER_LIST:
      return placeholders(frame(d, F_EXECUTOR), at, end);
    default:
      return true;
  }
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
  startMemory(textEnd + 16, RECORD_WORDS, <i64>length * 8 + 4096); // the line loops may load 16 bytes past the last line
  framesAt = take(<usize>(DEPTH_LIMIT + 2) * (FRAME_WORDS << 2));
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
  return rulesHold(schemaVersionOk && pipelineNameOk, length) ? 1 : 0;
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
