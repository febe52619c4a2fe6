import { createFileRegistry, fromBinary, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { beforeAll, describe, expect, it } from 'vitest';
import { kfpDescriptorSet as kfpDescriptorBytes } from '../../../scripts/precompile-checkers.ts';
import { kfpDescriptorSet, kfpRegistry } from './kfp-proto-registry.ts';

/** A message's defaults as bufbuild keeps them: on its prototype (a proto2 field is set when it is an own property). */
function defaultsOf(value: object): string {
  const prototype = Object.getPrototypeOf(value) as object;
  if (prototype === Object.prototype || prototype === Array.prototype) return '{}';
  return JSON.stringify(Object.entries(prototype).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Where `actual` differs from `expected` as bufbuild sees a message: the same own fields and the same defaults behind them. */
function differences(actual: unknown, expected: unknown, path = 'set'): string[] {
  if (typeof expected !== 'object' || expected === null) return Object.is(actual, expected) ? [] : [`${path}: ${String(actual)} ≠ ${String(expected)}`];
  if (typeof actual !== 'object' || actual === null) return [`${path}: ${String(actual)} is not an object`];
  if (Array.isArray(expected) !== Array.isArray(actual)) return [`${path}: an array on one side only`];
  const own = (value: object) => Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined).sort();
  if (own(actual).join() !== own(expected).join()) return [`${path}: fields ${own(actual).join()} ≠ ${own(expected).join()}`];
  const problems = defaultsOf(actual) === defaultsOf(expected) ? [] : [`${path}: defaults ${defaultsOf(actual)} ≠ ${defaultsOf(expected)}`];
  return problems.concat(own(expected).flatMap((key) => differences((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`)));
}

describe('the KFP descriptors as precompiled message objects (scripts/precompile-checkers.ts)', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await kfpDescriptorBytes();
  });

  it("are the objects bufbuild's fromBinary makes of the binary set: same fields, same defaults behind them", () => {
    const decoded = fromBinary(FileDescriptorSetSchema, bytes);
    expect(decoded.file.map((file) => file.package)).toEqual(['google.protobuf', 'google.rpc', 'ml_pipelines', 'kfp_kubernetes']);
    expect(differences(kfpDescriptorSet(), decoded)).toEqual([]);
  });

  it('encode to the very bytes of the binary set', () => {
    expect(Buffer.from(toBinary(FileDescriptorSetSchema, kfpDescriptorSet())).toString('base64')).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('make the registry the binary set makes: every message with the same fields, JSON names, kinds and oneofs', () => {
    const types = [...createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes))].filter((type) => type.kind === 'message');
    expect(types.length).toBeGreaterThan(90);
    const shape = (message: (typeof types)[number] | undefined) => message?.fields.map((f) => [f.name, f.jsonName, f.fieldKind, f.oneof?.name ?? '', f.number].join(' '));
    for (const type of types) expect(shape(kfpRegistry().getMessage(type.typeName)), type.typeName).toEqual(shape(type));
  });

  it('are made afresh at each call, so no caller shares them with the registry', () => {
    expect(kfpDescriptorSet().file[0]).not.toBe(kfpDescriptorSet().file[0]);
  });
});
