import type { DescMessage } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generatePipeline } from '../../../bench/generate';
import { emitPipeline } from '../emit/index';
import { KFP_WALK_TABLE } from './generated/kfp-descriptors.ts';
import { kfpRegistry, kfpWalkMessage } from './kfp-proto-registry.ts';
import { acceptsProtoJson } from './proto-json-accepts.ts';
import { walkTable, type WalkMessage } from './proto-walk-table.ts';

/**
 * The walk reads the build-time table instead of bufbuild's descriptors; proto-json-accepts.test.ts
 * holds the walk over bufbuild's descriptors to bufbuild's parse. So the table must read, member by
 * member, exactly as bufbuild's descriptors do.
 */
const messages = [...kfpRegistry()].filter((type): type is DescMessage => type.kind === 'message');

/** Everything of a message the walk reads, with message and enum types by name. */
function view(message: WalkMessage) {
  return {
    typeName: message.typeName,
    oneofs: message.oneofs.length,
    fields: message.fields.map((field) => ({
      name: field.name,
      jsonName: field.jsonName,
      oneof: field.oneof === undefined ? -1 : message.oneofs.indexOf(field.oneof),
      fieldKind: field.fieldKind,
      scalar: field.scalar,
      enum: field.enum && { typeName: field.enum.typeName, values: field.enum.values.map((v) => [v.name, v.number]) },
      message: field.message?.typeName,
      listKind: field.fieldKind === 'list' ? field.listKind : undefined,
      mapKind: field.fieldKind === 'map' ? field.mapKind : undefined,
      mapKey: field.fieldKind === 'map' ? field.mapKey : undefined,
    })),
  };
}

describe('the proto walk table', () => {
  it('is the table of the descriptors the checker sets bufbuild up with (made at build time from the same protos)', () => {
    expect(KFP_WALK_TABLE).toEqual(walkTable(kfpRegistry()));
  });

  it('reads as bufbuild reads every KFP message: fields, JSON names, oneofs, kinds, scalar, enum and message types', () => {
    expect(messages.length).toBeGreaterThan(50);
    for (const message of messages) expect(view(kfpWalkMessage(message.typeName)), message.typeName).toEqual(view(message));
    expect(() => kfpWalkMessage('ml_pipelines.NoSuchMessage')).toThrow(/no message/);
  });

  it('links the messages as one graph, whose fields are made once (on first use)', () => {
    const spec = kfpWalkMessage('ml_pipelines.PipelineSpec');
    const root = spec.fields.find((field) => field.name === 'root');
    expect(root?.message).toBe(kfpWalkMessage('ml_pipelines.ComponentSpec'));
    expect(spec.fields).toBe(spec.fields);
    const component = kfpWalkMessage('ml_pipelines.ComponentSpec');
    const oneofMembers = component.fields.filter((field) => field.oneof !== undefined);
    expect(oneofMembers.length).toBeGreaterThan(1);
    expect(component.oneofs).toContain(oneofMembers[0].oneof);
  });

  it('gives the walk the verdicts bufbuild’s descriptors give, on a spec and on spoilt ones', () => {
    const [spec, platform] = parseAllDocuments(emitPipeline(generatePipeline(3), { target: 'kfp-v2' }).text).map((doc) => doc.toJS());
    const cases: Array<[string, unknown]> = [
      ['ml_pipelines.PipelineSpec', { ...spec, deploymentSpec: {} }],
      ['ml_pipelines.PipelineDeploymentConfig', spec.deploymentSpec],
      ['ml_pipelines.PlatformSpec', platform],
      ['ml_pipelines.PipelineSpec', { ...spec, deploymentSpec: {}, schema_version: '2.1.0' }],
      ['ml_pipelines.PipelineSpec', { ...spec, deploymentSpec: {}, root: { dag: { tasks: { a: { retryPolicy: { maxRetryCount: '3' } } } } } }],
      ['ml_pipelines.PipelineSpec', { ...spec, deploymentSpec: {}, root: { dag: { tasks: { a: { triggerPolicy: { strategy: 'NOPE' } } } } } }],
    ];
    const verdicts = cases.map(([typeName, json]) => [acceptsProtoJson(kfpWalkMessage(typeName), json), acceptsProtoJson(kfpRegistry().getMessage(typeName)!, json)]);
    expect(verdicts).toEqual([
      [true, true],
      [true, true],
      [true, true],
      [false, false],
      [false, false],
      [false, false],
    ]);
  });
});
