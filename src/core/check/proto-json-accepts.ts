/**
 * A quick "certainly valid" for proto3 JSON: whether bufbuild's `fromJson` (strict, no unknown keys)
 * would accept `json` as message `desc`, answered by walking the JSON beside the descriptors without
 * building any message. It is conservative: `true` only for the plain forms a strict parse surely
 * takes (keys spelt as the JSON names, numbers as numbers, enum names, the Struct/Value family,
 * simple Durations); anything else (null, an int32 given as a string, bytes, Any, a proto-named
 * key…) answers `false`, which means "ask bufbuild", never "invalid". So the checker's verdicts are
 * bufbuild's own; this only spares building a message tree for a spec that is fine (the parse of
 * the whole spec was a third of the self-check). proto-json-accepts.test.ts holds it to bufbuild
 * over mutated specs: whatever this accepts, bufbuild accepts. It walks bufbuild's descriptors or
 * the same read from the build-time table (proto-walk-table.ts), which spares setting up bufbuild.
 */
import { ScalarType } from '@bufbuild/protobuf';
import type { WalkField as DescField, WalkMessage as DescMessage } from './proto-walk-table.ts';
import { isWellFormed } from './values.ts';

/**
 * bufbuild counts every message and every google.protobuf.Value against a recursion limit of 100;
 * past this depth we leave the verdict to it.
 */
const DEPTH_LIMIT = 64;

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const UINT32_MAX = 0xffffffff;
/** Decimal strings that are surely inside the 64-bit ranges (18 and 19 digits at most). */
const INT64_STRING = /^(?:0|-?[1-9][0-9]{0,17})$/;
const UINT64_STRING = /^(?:0|[1-9][0-9]{0,18})$/;
/** A Duration bufbuild reads: seconds far inside its ±315,576,000,000, nanoseconds to 9 digits. */
const DURATION = /^-?[0-9]{1,11}(?:\.[0-9]{1,9})?s$/;

interface MessageShape {
  desc: DescMessage;
  /** The type name of a well-known type with a JSON form of its own (google.protobuf.*). */
  wellKnown: string | undefined;
  /** Fields by the one key accepted for each (keyOf). */
  byKey: Map<string, Entry>;
  hasOneofs: boolean;
}

/**
 * How a field holds its values: one, a list, or a map with string keys (any other map is bufbuild's).
 * The WebAssembly vouch's table (kfp-v2-vouch-table.ts) uses the same codes.
 */
export const SINGLE = 0;
export const LIST = 1;
export const MAP = 2;
export const OTHER_MAP = 3;

/** What one value of a field is, besides a ScalarType (1–18): an enum, a message, or a kind left to bufbuild. */
export const ENUM = 100;
export const MESSAGE = 101;
export const NOT_WALKED = 0;

/**
 * A field as the walk reads it, told apart by numbers found once per message (a spec's 4,000 tasks
 * ask the same fields 4,000 times), where the walk compared strings and read descriptors per member.
 */
interface Entry {
  field: DescField;
  container: number;
  /** A ScalarType, ENUM, MESSAGE, or NOT_WALKED for google.protobuf.NullValue (left to bufbuild, as bytes are). */
  element: number;
  /** An enum's names and numbers. */
  names: ReadonlySet<string> | undefined;
  numbers: ReadonlySet<number> | undefined;
  /** The shape of the field's message type, found once. */
  child: MessageShape | undefined;
}

/**
 * The key accepted for a field: its JSON name, or its name when the descriptors leave the JSON name
 * empty (ours do where the two are the same: `name`, `components`).
 */
function keyOf(field: DescField): string {
  return field.jsonName === '' ? field.name : field.jsonName;
}

const shapes = new WeakMap<DescMessage, MessageShape>();

function shapeOf(desc: DescMessage): MessageShape {
  let shape = shapes.get(desc);
  if (shape === undefined) {
    // Built as bufbuild builds its lookup, then kept only where the key is the field's own key, so
    // that the field a key finds here is the one bufbuild finds, and no field can be set twice.
    const lookup = new Map<string, DescField>();
    for (const field of desc.fields) lookup.set(field.name, field).set(field.jsonName, field);
    const byKey = new Map<string, Entry>();
    for (const [key, field] of lookup) if (key === keyOf(field)) byKey.set(key, entryOf(field));
    const wellKnown = desc.typeName.startsWith('google.protobuf.') ? desc.typeName : undefined;
    shape = { desc, wellKnown, byKey, hasOneofs: desc.oneofs.length > 0 };
    shapes.set(desc, shape);
  }
  return shape;
}

function entryOf(field: DescField): Entry {
  const { fieldKind } = field;
  const kind = fieldKind === 'list' ? field.listKind : fieldKind === 'map' ? field.mapKind : fieldKind;
  const container = fieldKind === 'list' ? LIST : fieldKind !== 'map' ? SINGLE : field.mapKey === ScalarType.STRING ? MAP : OTHER_MAP;
  const enumDesc = kind === 'enum' ? field.enum! : undefined;
  const element =
    kind === 'message' ? MESSAGE : enumDesc === undefined ? field.scalar! : enumDesc.typeName === 'google.protobuf.NullValue' ? NOT_WALKED : ENUM;
  return {
    field,
    container,
    element,
    names: enumDesc && new Set(enumDesc.values.map((value) => value.name)),
    numbers: enumDesc && new Set(enumDesc.values.map((value) => value.number)),
    child: undefined,
  };
}

/**
 * The verdicts of one check's walks on values that stand in more than one place of its documents
 * (the block reader gives a block whose text repeats as one object): such a value vouched for as a
 * message, a Struct or a Value at some depth is so at any depth up to that one, wherever it stands,
 * so it is walked once. By identity, and only for one check: the caller must not change the
 * documents meanwhile (a check does not). A value that is not vouched for is walked again each time.
 */
export class RepeatMemo {
  private readonly vouched = new Map<object, { kind: object; depth: number }>();

  /** `isRepeated` tells the values worth remembering (any other is walked as usual, at no cost here). */
  constructor(readonly isRepeated: (value: object) => boolean) {}

  /** Whether `value` was vouched for as `kind` at `depth` or deeper. */
  knows(value: object, kind: object, depth: number): boolean {
    const known = this.vouched.get(value);
    return known !== undefined && known.kind === kind && depth <= known.depth;
  }

  remember(value: object, kind: object, depth: number): void {
    const known = this.vouched.get(value);
    if (known === undefined || known.kind !== kind || known.depth < depth) this.vouched.set(value, { kind, depth });
  }
}

/** The kind under which a Struct's or ListValue's members are remembered as all valid Values. */
const MEMBERS = {};

/** The memo of the walk under way (acceptsProtoJson does not nest). */
let memo: RepeatMemo | undefined;

export function acceptsProtoJson(desc: DescMessage, json: unknown, repeats?: RepeatMemo): boolean {
  memo = repeats;
  try {
    return messageOk(shapeOf(desc), json, 1);
  } finally {
    memo = undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One function walks a message's fields, their lists and maps, and recurses for a member that is a
 * message; only a scalar or enum member is judged elsewhere (valueOfKindOk). In a cold process V8
 * compiles what runs hot with its callees inlined: four small walkers calling each other were compiled
 * each with the others inside, several times over, where this is compiled once.
 */
function messageOk(shape: MessageShape, json: unknown, depth: number): boolean {
  if (depth > DEPTH_LIMIT) return false;
  if (shape.wellKnown !== undefined) return wellKnownOk(shape.wellKnown, json, depth);
  if (!isRecord(json)) return false;
  const repeated = memo !== undefined && memo.isRepeated(json);
  if (repeated && memo!.knows(json, shape, depth)) return true;
  const { byKey, hasOneofs } = shape;
  let oneofsSet: Set<unknown> | undefined;
  const keys = Object.keys(json);
  for (let i = 0; i < keys.length; i++) {
    const entry = byKey.get(keys[i]);
    if (entry === undefined) return false;
    if (hasOneofs && entry.field.oneof !== undefined) {
      oneofsSet ??= new Set();
      if (oneofsSet.has(entry.field.oneof)) return false;
      oneofsSet.add(entry.field.oneof);
    }
    const value = json[keys[i]];
    if (value === null || value === undefined) return false;
    const { container, element } = entry;
    if (container === SINGLE) {
      if (element === MESSAGE ? !messageOk((entry.child ??= shapeOf(entry.field.message!)), value, depth + 1) : !valueOfKindOk(element, entry, value)) return false;
      continue;
    }
    let items: unknown[];
    if (container === LIST) {
      if (!Array.isArray(value)) return false;
      items = value;
    } else {
      if (container !== MAP || !isRecord(value)) return false;
      items = Object.values(value);
    }
    for (let j = 0; j < items.length; j++) {
      const item = items[j];
      if (item === null || item === undefined) return false;
      if (element === MESSAGE ? !messageOk((entry.child ??= shapeOf(entry.field.message!)), item, depth + 1) : !valueOfKindOk(element, entry, item)) return false;
    }
  }
  if (repeated) memo!.remember(json, shape, depth);
  return true;
}

/** Whether `value` is a valid `element` (a ScalarType or ENUM) of `entry`. */
function valueOfKindOk(element: number, entry: Entry, value: unknown): boolean {
  switch (element) {
    case ScalarType.STRING:
      return typeof value === 'string' && isWellFormed(value); // bufbuild refuses a lone surrogate (not UTF-8)
    case ENUM:
      return typeof value === 'string' ? entry.names!.has(value) : typeof value === 'number' && entry.numbers!.has(value);
    case ScalarType.BOOL:
      return typeof value === 'boolean';
    case ScalarType.DOUBLE:
      return typeof value === 'number' && Number.isFinite(value);
    case ScalarType.FLOAT:
      return typeof value === 'number' && Number.isFinite(value) && Number.isFinite(Math.fround(value));
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= UINT32_MAX;
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return typeof value === 'number' ? Number.isSafeInteger(value) : typeof value === 'string' && INT64_STRING.test(value);
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return typeof value === 'number' ? Number.isSafeInteger(value) && value >= 0 : typeof value === 'string' && UINT64_STRING.test(value);
    default:
      return false; // bytes (base64 rules are bufbuild's), google.protobuf.NullValue
  }
}

function wellKnownOk(typeName: string, json: unknown, depth: number): boolean {
  switch (typeName) {
    case 'google.protobuf.Struct':
      return isRecord(json) && membersOk(json, depth);
    case 'google.protobuf.ListValue':
      return Array.isArray(json) && membersOk(json, depth);
    case 'google.protobuf.Value':
      return valueOk(json, depth + 1);
    case 'google.protobuf.Duration':
      return typeof json === 'string' && DURATION.test(json);
    default:
      return false;
  }
}

/** Each member of a Struct or ListValue is a google.protobuf.Value one level deeper. */
function membersOk(json: object, depth: number): boolean {
  if (memo === undefined || !memo.isRepeated(json)) return eachMemberOk(json, depth);
  if (memo.knows(json, MEMBERS, depth)) return true;
  const ok = eachMemberOk(json, depth);
  if (ok) memo.remember(json, MEMBERS, depth);
  return ok;
}

function eachMemberOk(json: object, depth: number): boolean {
  const members = Array.isArray(json) ? json : Object.values(json);
  for (let i = 0; i < members.length; i++) if (!valueOk(members[i], depth + 1)) return false;
  return true;
}

function valueOk(json: unknown, depth: number): boolean {
  switch (typeof json) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(json);
    case 'object':
      return json === null || (depth <= DEPTH_LIMIT && membersOk(json, depth));
    default:
      return false;
  }
}
