/**
 * A @bufbuild/protobuf registry of the KFP IR protos, built from the FileDescriptorSet that
 * scripts/precompile-checkers.ts makes of the .proto texts under schemas/kfp-v2/. It comes as the
 * message objects bufbuild's `fromBinary` makes of the set, in JSON: a fresh process decoded the
 * binary set with bufbuild's decoder running cold, ~40 % of the strict check of a small pipeline
 * (parsing the .proto texts here, with protobufjs, had cost ~60 ms at every start). The same
 * descriptors as the proto3-JSON walk reads them come from a table built beside them: the registry
 * is set up only when bufbuild must parse a spec the walk cannot vouch for.
 */
import { createFileRegistry, type FileRegistry } from '@bufbuild/protobuf';
import type { FileDescriptorSet } from '@bufbuild/protobuf/wkt';
import { KFP_WALK_TABLE, kfpDescriptorSetJson } from './generated/kfp-descriptors.ts';
import { walkMessages, type WalkMessage } from './proto-walk-table.ts';

interface PlainDescriptors {
  /** By message type: the defaults bufbuild keeps on a message's prototype (proto2: set = own property). */
  prototypes: Record<string, Record<string, unknown>>;
  set: unknown;
}

let cachedRegistry: FileRegistry | undefined;

export function kfpRegistry(): FileRegistry {
  cachedRegistry ??= createFileRegistry(kfpDescriptorSet());
  return cachedRegistry;
}

/** The set as bufbuild's fromBinary makes it: the same fields, own or on the same defaults. */
export function kfpDescriptorSet(): FileDescriptorSet {
  const { prototypes, set } = JSON.parse(kfpDescriptorSetJson()) as PlainDescriptors;
  const byType = new Map(Object.entries(prototypes));
  const message = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      // own-keys: an array's index
      for (let i = 0; i < value.length; i++) value[i] = message(value[i]);
      return value;
    }
    if (typeof value !== 'object' || value === null) return value;
    const fields = value as Record<string, unknown>;
    const prototype = byType.get(fields.$typeName as string);
    const made: Record<string, unknown> = prototype === undefined ? fields : Object.create(prototype);
    // Indexed, not for…of: this runs once per process, cold, where each step of an iterator is an object.
    const keys = Object.keys(fields);
    // own-keys: the field names of the build-time descriptors (generated/kfp-descriptors.ts), no user's data
    for (let i = 0; i < keys.length; i++) made[keys[i]] = message(fields[keys[i]]);
    return made;
  };
  return message(set) as FileDescriptorSet;
}

let cachedWalkMessages: Map<string, WalkMessage> | undefined;

/** A KFP message as the walk reads it (proto-json-accepts.ts), without setting up bufbuild's registry. */
export function kfpWalkMessage(typeName: string): WalkMessage {
  cachedWalkMessages ??= walkMessages(KFP_WALK_TABLE);
  const message = cachedWalkMessages.get(typeName);
  if (!message) throw new Error(`KFP protos define no message ${typeName}`);
  return message;
}
