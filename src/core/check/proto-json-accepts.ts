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
import type { WalkEnum as DescEnum, WalkField as DescField, WalkMessage as DescMessage } from './proto-walk-table.ts';
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

interface Entry {
  field: DescField;
  /** The shape of the field's message type, found once (a map of 4,000 tasks asks 4,000 times). */
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
    for (const [key, field] of lookup) if (key === keyOf(field)) byKey.set(key, { field, child: undefined });
    const wellKnown = desc.typeName.startsWith('google.protobuf.') ? desc.typeName : undefined;
    shape = { desc, wellKnown, byKey, hasOneofs: desc.oneofs.length > 0 };
    shapes.set(desc, shape);
  }
  return shape;
}

function childOf(entry: Entry, desc: DescMessage): MessageShape {
  entry.child ??= shapeOf(desc);
  return entry.child;
}

const enumNames = new WeakMap<DescEnum, Set<string>>();

function namesOf(desc: DescEnum): Set<string> {
  let names = enumNames.get(desc);
  if (names === undefined) {
    names = new Set<string>();
    for (const value of desc.values) names.add(value.name);
    enumNames.set(desc, names);
  }
  return names;
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

function messageOk(shape: MessageShape, json: unknown, depth: number): boolean {
  if (depth > DEPTH_LIMIT) return false;
  if (shape.wellKnown !== undefined) return wellKnownOk(shape.wellKnown, json, depth);
  if (!isRecord(json)) return false;
  if (memo === undefined || !memo.isRepeated(json)) return fieldsOk(shape, json, depth);
  if (memo.knows(json, shape, depth)) return true;
  const ok = fieldsOk(shape, json, depth);
  if (ok) memo.remember(json, shape, depth);
  return ok;
}

function fieldsOk(shape: MessageShape, json: Record<string, unknown>, depth: number): boolean {
  const { byKey, hasOneofs } = shape;
  let oneofsSet: Set<unknown> | undefined;
  const keys = Object.keys(json);
  for (let i = 0; i < keys.length; i++) {
    const entry = byKey.get(keys[i]);
    if (entry === undefined) return false;
    const { field } = entry;
    if (hasOneofs && field.oneof !== undefined) {
      oneofsSet ??= new Set();
      if (oneofsSet.has(field.oneof)) return false;
      oneofsSet.add(field.oneof);
    }
    if (!fieldOk(entry, json[keys[i]], depth)) return false;
  }
  return true;
}

function fieldOk(entry: Entry, value: unknown, depth: number): boolean {
  if (value === null || value === undefined) return false;
  const { field } = entry;
  switch (field.fieldKind) {
    case 'scalar':
      return scalarOk(field.scalar!, value);
    case 'enum':
      return enumOk(field.enum!, value);
    case 'message':
      return messageOk(childOf(entry, field.message!), value, depth + 1);
    case 'list': {
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === null || item === undefined) return false;
        if (field.listKind === 'scalar' ? !scalarOk(field.scalar!, item) : field.listKind === 'enum' ? !enumOk(field.enum!, item) : !messageOk(childOf(entry, field.message!), item, depth + 1))
          return false;
      }
      return true;
    }
    case 'map': {
      if (!isRecord(value) || field.mapKey !== ScalarType.STRING) return false;
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) {
        const item = value[keys[i]];
        if (item === null || item === undefined) return false;
        if (field.mapKind === 'scalar' ? !scalarOk(field.scalar!, item) : field.mapKind === 'enum' ? !enumOk(field.enum!, item) : !messageOk(childOf(entry, field.message!), item, depth + 1))
          return false;
      }
      return true;
    }
  }
}

function scalarOk(type: ScalarType, value: unknown): boolean {
  switch (type) {
    case ScalarType.STRING:
      return typeof value === 'string' && isWellFormed(value); // bufbuild refuses a lone surrogate (not UTF-8)
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
      return false; // bytes: base64 rules are bufbuild's
  }
}

function enumOk(desc: DescEnum, value: unknown): boolean {
  if (desc.typeName === 'google.protobuf.NullValue') return false;
  if (typeof value === 'string') return namesOf(desc).has(value);
  return typeof value === 'number' && desc.values.some((v) => v.number === value);
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
