import { readdirSync, readFileSync } from 'node:fs';
import { fromJson, type DescMessage, type JsonValue } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generateNestedPipeline, generateOnFailurePipeline, generatePipeline } from '../../../bench/generate';
import { emitPipeline } from '../emit/index';
import { kfpRegistry } from './kfp-proto-registry.ts';
import { protoJsonProblems } from './kfp-v2-proto.ts';
import { acceptsProtoJson, RepeatMemo } from './proto-json-accepts.ts';

/**
 * acceptsProtoJson stands in for bufbuild's strict parse when it answers `true`, so it must never
 * answer `true` where bufbuild refuses: checked here over valid specs (ours, the KFP SDK's goldens)
 * mutated the ways a spec goes wrong — wrong types, unknown and proto-named keys, bad enums, 64-bit
 * integers as strings, two members of one oneof, null, nesting, non-JSON values.
 */

type Doc = any; // documents are mutated into shapes no type allows

const GOLDENS = new URL('../../../test/fixtures/goldens/v2/', import.meta.url);
const messageNamed = (name: string): DescMessage => kfpRegistry().getMessage(name)!;

/**
 * (message, JSON) pairs that bufbuild accepts: every part of a spec the checker parses, and every
 * message inside them on its own (so that a mutation of a small message lands on its scalars often).
 */
function validParts(docs: Doc[]): Array<[DescMessage, Doc]> {
  const [spec, platform] = docs;
  const parts: Array<[DescMessage, Doc]> = [];
  addParts(messageNamed('ml_pipelines.PipelineSpec'), spec, parts);
  addParts(messageNamed('ml_pipelines.PipelineDeploymentConfig'), spec.deploymentSpec, parts);
  if (platform) {
    addParts(messageNamed('ml_pipelines.PlatformSpec'), platform, parts);
    const executors = platform.platforms?.kubernetes?.deploymentSpec?.executors ?? {};
    for (const config of Object.values(executors)) addParts(messageNamed('kfp_kubernetes.KubernetesExecutorConfig'), config, parts);
  }
  return parts;
}

function addParts(desc: DescMessage, json: Doc, parts: Array<[DescMessage, Doc]>): void {
  parts.push([desc, json]);
  if (desc.typeName.startsWith('google.protobuf.') || !json || typeof json !== 'object') return;
  for (const field of desc.fields) {
    const value = json[field.jsonName || field.name];
    if (value === undefined || value === null) continue;
    if (field.fieldKind === 'message') addParts(field.message, value, parts);
    else if (field.fieldKind === 'list' && field.listKind === 'message') for (const item of value) addParts(field.message, item, parts);
    else if (field.fieldKind === 'map' && field.mapKind === 'message') for (const item of Object.values(value)) addParts(field.message, item, parts);
  }
}

const emitted = [generatePipeline(4), generateNestedPipeline(1), generateOnFailurePipeline(3)].map(
  (pipeline) => parseAllDocuments(emitPipeline(pipeline, { target: 'kfp-v2' }).text).map((doc) => doc.toJS() as Doc),
);
const goldens = readdirSync(GOLDENS)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => parseAllDocuments(readFileSync(new URL(name, GOLDENS), 'utf8')).map((doc) => doc.toJS() as Doc));
const PARTS = [...emitted, ...goldens].flatMap(validParts);
/** The parts by message type, so that the few of a rare type (a retry policy) are drawn as often as Values. */
const BY_TYPE = [
  ...PARTS.reduce((groups, part) => groups.set(part[0].typeName, [...(groups.get(part[0].typeName) ?? []), part]), new Map<string, typeof PARTS>()).values(),
];

function bufbuildAccepts(desc: DescMessage, json: unknown): boolean {
  try {
    fromJson(desc, json as JsonValue, { registry: kfpRegistry() });
    return true;
  } catch {
    return false;
  }
}

/** Members of every oneof in the KFP protos, by the key a spec spells them with. */
const ONEOF_MEMBERS: string[][] = [];
for (const desc of kfpRegistry()) {
  if (desc.kind !== 'message') continue;
  for (const oneof of desc.oneofs) ONEOF_MEMBERS.push(oneof.fields.map((f) => f.jsonName || f.name));
}
const PROTO_NAMES = [...kfpRegistry()].flatMap((desc) => (desc.kind === 'message' ? desc.fields.map((f) => f.name) : []));

const deep = (depth: number): unknown => (depth === 0 ? 'leaf' : { next: deep(depth - 1) });
const REPLACEMENTS: unknown[] = [
  null, undefined, '', 'x', 'STRING', 'NUMBER_INTEGER', 'PARAMETER_TYPE_ENUM_UNSPECIFIED', 'Always', 'IfNotPresent',
  0, 1, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53, 2 ** 64, NaN, Infinity, -0, 3.5e38,
  '123', '-5', '007', ' 1', '1.5', '99999999999999999999', '9223372036854775808', 'NaN', 'Infinity',
  true, false, [], {}, [null], [1, 'a'], [[]], { k: null }, { k: 1 }, { constant: 'x' }, '\ud800', 'a\udc00b',
  '10s', '1.5s', '-3s', 's', '1.0000000001s', '1sx', 10n, new Date(0), deep(40), deep(90), [1, , 3], () => 1,
];

interface Node {
  holder: Doc;
  key: string | number;
}

/** Every value inside `doc` with the object or list holding it. */
function nodesOf(doc: Doc): Node[] {
  const nodes: Node[] = [];
  const walk = (value: Doc) => {
    if (Array.isArray(value))
      value.forEach((item, i) => {
        nodes.push({ holder: value, key: i });
        walk(item);
      });
    else if (value && typeof value === 'object')
      for (const key of Object.keys(value)) {
        nodes.push({ holder: value, key });
        walk(value[key]);
      }
  };
  walk(doc);
  return nodes;
}

type Edit = [kind: number, at: number, pick: number];

function applyEdit(doc: Doc, [kind, at, pick]: Edit): void {
  const nodes = nodesOf(doc);
  if (nodes.length === 0) return;
  const { holder, key } = nodes[at % nodes.length];
  const objects = [holder, ...nodes.map((n) => n.holder[n.key])].filter((v) => v && typeof v === 'object' && !Array.isArray(v));
  switch (kind) {
    case 0: // a wrong value
      holder[key] = structuredCloneOrSame(REPLACEMENTS[pick % REPLACEMENTS.length]);
      break;
    case 1: // a key removed
      if (Array.isArray(holder)) holder.splice(Number(key), 1);
      else delete holder[key];
      break;
    case 2: // another value of the same document in its place
      holder[key] = structuredCloneOrSame(nodes[pick % nodes.length].holder[nodes[pick % nodes.length].key]);
      break;
    case 3: {
      // an unknown key, or a field spelt its proto way
      const target = objects[pick % objects.length];
      if (!target) break;
      const name = pick % 3 === 0 ? 'bogus' : PROTO_NAMES[pick % PROTO_NAMES.length];
      Object.defineProperty(target, name, { value: structuredCloneOrSame(holder[key]), enumerable: true, configurable: true, writable: true });
      break;
    }
    case 4: {
      // a second member of a oneof the object already sets
      for (const target of objects) {
        const members = ONEOF_MEMBERS.find((group) => group.some((m) => Object.hasOwn(target, m)));
        if (!members) continue;
        const present = members.find((m) => Object.hasOwn(target, m))!;
        const other = members[pick % members.length];
        if (other !== present) target[other] = structuredCloneOrSame(target[present]);
        break;
      }
      break;
    }
  }
}

function structuredCloneOrSame(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value; // functions and the like: the point is that they are not JSON
  }
}

const edits = fc.array(fc.tuple(fc.nat(4), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 });

describe('acceptsProtoJson', () => {
  it('accepts every part of valid specs (ours and the KFP SDK goldens), so the check skips bufbuild for them', () => {
    expect(PARTS.length).toBeGreaterThan(100);
    for (const [desc, json] of PARTS) {
      expect(bufbuildAccepts(desc, json), desc.typeName).toBe(true);
      expect(acceptsProtoJson(desc, json), desc.typeName).toBe(true);
    }
  });

  it('accepts nothing that bufbuild refuses, over mutated specs; the check reports what bufbuild reports', () => {
    let accepted = 0;
    let refusedByBoth = 0;
    fc.assert(
      fc.property(fc.nat(BY_TYPE.length - 1), fc.nat(), edits, (type, index, changes) => {
        const [desc, original] = BY_TYPE[type][index % BY_TYPE[type].length];
        const json = structuredClone(original);
        for (const change of changes) applyEdit(json, change);
        const fast = acceptsProtoJson(desc, json);
        const strict = bufbuildAccepts(desc, json);
        if (fast) expect(strict).toBe(true);
        if (fast) accepted++;
        if (!strict) {
          refusedByBoth++;
          expect(protoJsonProblems(desc.typeName, json, '').length).toBeGreaterThan(0);
        } else expect(protoJsonProblems(desc.typeName, json, '')).toEqual([]);
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: many mutations stay valid (and are accepted quickly), many are refused.
    expect(accepted).toBeGreaterThan(200);
    expect(refusedByBoth).toBeGreaterThan(400);
  });

  it('leaves to bufbuild what it is unsure of, and refuses none of it itself', () => {
    const spec = messageNamed('ml_pipelines.PipelineSpec');
    const task = messageNamed('ml_pipelines.PipelineTaskSpec');
    const retry = messageNamed('ml_pipelines.PipelineTaskSpec.RetryPolicy');
    for (const [desc, json] of [
      [spec, { sdk_version: 'x' }], // proto name: bufbuild takes it, we leave it to bufbuild
      [spec, { sdkVersion: null }], // null clears a field
      [retry, { maxRetryCount: '3' }], // an int32 as a string
      [task, { taskInfo: { name: 'a' }, dependentTasks: [] }],
    ] as Array<[DescMessage, unknown]>)
      expect([acceptsProtoJson(desc, json) ? 'fast' : 'unsure', bufbuildAccepts(desc, json)]).toEqual([expect.any(String), true]);
    expect(acceptsProtoJson(spec, { sdkVersion: null })).toBe(false);
    expect(acceptsProtoJson(retry, { maxRetryCount: '3' })).toBe(false);
  });
});

describe('acceptsProtoJson with a memo of repeated values (RepeatMemo)', () => {
  const struct = messageNamed('google.protobuf.Struct');
  const spec = messageNamed('ml_pipelines.PipelineSpec');
  const nest = (value: unknown, levels: number): unknown => (levels === 0 ? value : { a: nest(value, levels - 1) });

  it('takes a verdict it remembers only for the same message, and at no greater depth', () => {
    const shared = nest(1, 55) as object;
    const memo = new RepeatMemo((value) => value === shared);
    expect(acceptsProtoJson(struct, { x: shared }, memo)).toBe(true);
    // Deeper, the same value is past the walk's depth limit (it leaves such a value to bufbuild): no answer from the memo.
    const deeper = nest(shared, 12);
    expect(acceptsProtoJson(struct, deeper as object)).toBe(false);
    expect(acceptsProtoJson(struct, deeper as object, memo)).toBe(false);
    // As another message, the Struct's verdict does not hold.
    expect(acceptsProtoJson(spec, shared, memo)).toBe(false);
  });

  it('answers as without the memo over mutated specs whose parts repeat', () => {
    fc.assert(
      fc.property(fc.nat(BY_TYPE.length - 1), fc.nat(), edits, (type, index, changes) => {
        const [desc, original] = BY_TYPE[type][index % BY_TYPE[type].length];
        const json = structuredClone(original);
        const changed = structuredClone(original);
        for (const change of changes) applyEdit(changed, change);
        // The same objects twice in a list, then the changed copy: repeats are remembered, a change is not.
        const memo = new RepeatMemo(() => true);
        for (const value of [json, json, changed]) expect(acceptsProtoJson(desc, value, memo)).toBe(acceptsProtoJson(desc, value));
      }),
      { numRuns: 500 },
    );
  });
});
