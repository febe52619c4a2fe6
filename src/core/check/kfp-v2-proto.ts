import { fromJson, type DescField, type DescMessage, type JsonValue } from '@bufbuild/protobuf';
import { kfpRegistry, kfpWalkMessage } from './kfp-proto-registry.ts';
import { acceptsProtoJson, type RepeatMemo } from './proto-json-accepts.ts';
import type { CheckProblem } from './types.ts';
import { at, isObject } from './values.ts';

/**
 * Strict proto3-JSON parse of `json` as message `typeName`, reporting problems where they are.
 * bufbuild stops at the first error and names no location, so on failure we re-parse smaller pieces
 * (one key at a time, then inside the offending field) until the error is pinned to a path. Every
 * bad key is reported, not just the first.
 */
export function protoJsonProblems(typeName: string, json: unknown, path: string, repeats?: RepeatMemo): CheckProblem[] {
  // Nearly every spec checked is fine: a walk that proves it costs far less than bufbuild's parse
  // (and needs no bufbuild registry, which is set up only for a spec the walk cannot vouch for).
  return surelyParses(typeName, json, repeats) ? [] : locate(messageNamed(typeName), json, path);
}

/** Whether `json` surely parses as `typeName` (acceptsProtoJson): `false` means "not known", not "invalid". */
export function surelyParses(typeName: string, json: unknown, repeats?: RepeatMemo): boolean {
  return acceptsProtoJson(kfpWalkMessage(typeName), json, repeats);
}

function messageNamed(typeName: string): DescMessage {
  const message = kfpRegistry().getMessage(typeName);
  if (!message) throw new Error(`KFP protos define no message ${typeName}`);
  return message;
}

function parseError(message: DescMessage, json: unknown): string | undefined {
  try {
    fromJson(message, json as JsonValue, { registry: kfpRegistry() });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function locate(message: DescMessage, json: unknown, path: string): CheckProblem[] {
  const error = parseError(message, json);
  if (error === undefined) return [];
  // Well-known types (Struct, Value, Duration…) have their own JSON forms; their error is already precise.
  if (!isObject(json) || message.typeName.startsWith('google.protobuf.')) return [{ path, message: error }];
  const problems = Object.entries(json).flatMap(([key, value]) => locateField(message, key, value, at(path, key)));
  // Each key alone may be fine while the combination is not (two members of one oneof).
  return problems.length > 0 ? problems : [{ path, message: error }];
}

function locateField(message: DescMessage, key: string, value: unknown, path: string): CheckProblem[] {
  const error = parseError(message, { [key]: value });
  if (error === undefined) return [];
  const field = message.fields.find((f) => f.jsonName === key || f.name === key);
  const inner = field && value !== null ? locateInside(field, value, path) : [];
  return inner.length > 0 ? inner : [{ path, message: error }];
}

function locateInside(field: DescField, value: unknown, path: string): CheckProblem[] {
  if (field.fieldKind === 'message') return locate(field.message, value, path);
  if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value))
    return value.flatMap((item, i) => locate(field.message, item, at(path, i)));
  if (field.fieldKind === 'map' && field.mapKind === 'message' && isObject(value))
    return Object.entries(value).flatMap(([key, item]) => locate(field.message, item, at(path, key)));
  return [];
}

/** Far below bufbuild's recursion limit of 100, which counts the enclosing messages too. */
const STRUCT_DEPTH = 64;

/**
 * Whether parsing `value` as a google.protobuf.Struct cannot fail. bufbuild's Struct reader takes any
 * object and refuses only a member that is not JSON (undefined, a function, a bigint…) and nesting
 * past its recursion limit. The checker parses deploymentSpec and the platform's executor configs
 * both as the Structs the protos declare and as the typed messages the backend reads them as; the
 * Struct parse was half the check's time and, when it cannot fail, adds no verdict, so it is skipped.
 */
export function parsesAsStruct(value: unknown, repeats?: RepeatMemo): boolean {
  return isObject(value) && structMembersOk(value, 0, repeats);
}

/** The kind under which `repeats` remembers a value whose members all parse as a Struct's. */
const STRUCT_MEMBERS = {};

function structMembersOk(value: object, depth: number, repeats: RepeatMemo | undefined): boolean {
  if (depth > STRUCT_DEPTH) return false;
  const remembered = repeats !== undefined && repeats.isRepeated(value);
  if (remembered && repeats.knows(value, STRUCT_MEMBERS, depth)) return true;
  const members: unknown[] = Array.isArray(value) ? value : Object.values(value);
  for (let i = 0; i < members.length; i++) {
    const member = members[i];
    const type = typeof member;
    if (type === 'object') {
      if (member !== null && !structMembersOk(member as object, depth + 1, repeats)) return false;
    } else if (type !== 'string' && type !== 'number' && type !== 'boolean') return false;
  }
  if (remembered) repeats.remember(value, STRUCT_MEMBERS, depth);
  return true;
}
