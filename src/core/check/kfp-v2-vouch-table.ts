/**
 * The KFP protos as the WebAssembly vouch (assembly/) reads them: the walk table
 * (proto-walk-table.ts) as 32-bit words in the module's memory, with each field's one accepted key
 * chosen exactly as proto-json-accepts.ts chooses it, and a role on the fields the cross-reference
 * rules of kfp-v2-rules.ts read (the vouch keeps their facts as it reads). The layout here and the
 * constants there must agree; the vouch's tests hold it to the full check.
 */
import { ScalarType } from '@bufbuild/protobuf';
import { ENUM, LIST, MAP, MESSAGE, NOT_WALKED, OTHER_MAP, SINGLE } from './proto-json-accepts.ts';
import type { WalkTable } from './proto-walk-table.ts';

/** Messages with a JSON form of their own; any other google.protobuf message is refused. */
const WELL_KNOWN: Record<string, number> = {
  'google.protobuf.Struct': 1,
  'google.protobuf.Value': 2,
  'google.protobuf.ListValue': 3,
  'google.protobuf.Duration': 4,
};
const OTHER_WELL_KNOWN = 5;

/** Fields whose values the cross-reference rules read: `type name` `key` → role (the vouch's ROLE_* constants). */
const ROLES: Record<string, number> = {
  'ml_pipelines.PipelineSpec components': 1,
  'ml_pipelines.PipelineSpec root': 2,
  'ml_pipelines.PipelineSpec schemaVersion': 3,
  'ml_pipelines.PipelineInfo name': 4,
  'ml_pipelines.ComponentSpec executorLabel': 5,
  'ml_pipelines.ComponentSpec dag': 6,
  'ml_pipelines.ComponentSpec inputDefinitions': 7,
  'ml_pipelines.ComponentSpec outputDefinitions': 8,
  'ml_pipelines.ComponentInputsSpec parameters': 9,
  'ml_pipelines.ComponentOutputsSpec parameters': 9,
  'ml_pipelines.ComponentInputsSpec artifacts': 10,
  'ml_pipelines.ComponentOutputsSpec artifacts': 10,
  'ml_pipelines.ComponentInputsSpec.ParameterSpec isOptional': 11,
  'ml_pipelines.ComponentInputsSpec.ArtifactSpec isOptional': 11,
  'ml_pipelines.ComponentInputsSpec.ParameterSpec defaultValue': 12,
  'ml_pipelines.DagSpec tasks': 13,
  'ml_pipelines.ComponentRef name': 14,
  'ml_pipelines.PipelineTaskSpec dependentTasks': 15,
  'ml_pipelines.TaskInputsSpec parameters': 16,
  'ml_pipelines.TaskInputsSpec artifacts': 17,
  'ml_pipelines.TaskInputsSpec.InputParameterSpec componentInputParameter': 18,
  'ml_pipelines.TaskInputsSpec.InputArtifactSpec componentInputArtifact': 18,
  'ml_pipelines.TaskInputsSpec.InputParameterSpec.TaskOutputParameterSpec producerTask': 19,
  'ml_pipelines.TaskInputsSpec.InputArtifactSpec.TaskOutputArtifactSpec producerTask': 19,
  'ml_pipelines.TaskInputsSpec.InputParameterSpec.TaskFinalStatus producerTask': 19,
  'ml_pipelines.TaskInputsSpec.InputParameterSpec.TaskOutputParameterSpec outputParameterKey': 20,
  'ml_pipelines.TaskInputsSpec.InputArtifactSpec.TaskOutputArtifactSpec outputArtifactKey': 20,
  // Rules the vouch does not apply (artifact loops, literal loop items, DAG outputs): a spec with them gets the full check.
  'ml_pipelines.PipelineTaskSpec artifactIterator': 21,
  'ml_pipelines.ParameterIteratorSpec.ItemsSpec raw': 21,
  'ml_pipelines.DagSpec outputs': 21,
  'ml_pipelines.PipelineDeploymentConfig executors': 22,
  'ml_pipelines.PipelineDeploymentConfig.PipelineContainerSpec command': 24,
  'ml_pipelines.PipelineDeploymentConfig.PipelineContainerSpec args': 24,
  'ml_pipelines.PlatformDeploymentConfig executors': 25,
  'ml_pipelines.TaskInputsSpec.InputParameterSpec taskOutputParameter': 26,
  'ml_pipelines.TaskInputsSpec.InputArtifactSpec taskOutputArtifact': 26,
  'ml_pipelines.TaskInputsSpec.InputParameterSpec taskFinalStatus': 27,
  'ml_pipelines.PipelineTaskSpec parameterIterator': 28,
  'ml_pipelines.ParameterIteratorSpec itemInput': 29,
  'ml_pipelines.ParameterIteratorSpec.ItemsSpec inputParameter': 30,
  'ml_pipelines.PipelineTaskSpec.TriggerPolicy strategy': 31,
  'ml_pipelines.PipelineTaskSpec.TriggerPolicy condition': 32,
  'ml_pipelines.PipelineDeploymentConfig.ExecutorSpec importer': 33,
};

/**
 * Free Structs the full check reads as typed messages (kfp-v2.ts): the pipeline's deploymentSpec,
 * and each platform executor's config. Typed is stricter than a Struct, so what the vouch accepts
 * as the message the full check accepts either way.
 */
const TYPED_STRUCTS: Record<string, string> = {
  'ml_pipelines.PipelineSpec deploymentSpec': 'ml_pipelines.PipelineDeploymentConfig',
  'ml_pipelines.PlatformDeploymentConfig executors': 'kfp_kubernetes.KubernetesExecutorConfig',
};

export const PIPELINE_SPEC = 'ml_pipelines.PipelineSpec';
export const PLATFORM_SPEC = 'ml_pipelines.PlatformSpec';
const VALUE = 'google.protobuf.Value';
const HEADER_WORDS = 9;
const FIELD_WORDS = 8;
const VALUE_WORDS = 3;
/** A row's field kind and element kind, as proto-walk-table.ts numbers them (FIELD_KINDS, KINDS). */
const LIST_FIELD = 3;
const MAP_FIELD = 4;
const ENUM_ELEMENT = 1;
const MESSAGE_ELEMENT = 2;

/** FNV-1a over the key's bytes, as the vouch hashes what it reads (keys are ASCII). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash >>> 0;
}

/**
 * The table as bytes: a header (message and enum counts, the word offsets of the fields, enums and
 * enum values, the byte offset of the names, the two document messages and google.protobuf.Value),
 * then per message its first field, field count, well-known kind and oneof count; per field its
 * key's byte offset, length and hash, container, element, message or enum index, oneof (-1: none)
 * and role; per enum its first value and count; per value its name's offset, length and hash; then
 * the names.
 */
export function vouchTable(table: WalkTable): Uint8Array {
  const messageIndex = new Map(table.messages.map(([typeName], i) => [typeName, i]));
  const indexOf = (typeName: string) => {
    const index = messageIndex.get(typeName);
    if (index === undefined) throw new Error(`the KFP protos have no message ${typeName}`);
    return index;
  };
  const names: number[] = [];
  const name = (text: string) => {
    const at = names.length;
    for (let i = 0; i < text.length; i++) names.push(text.charCodeAt(i));
    return [at, text.length, fnv1a(text)];
  };
  const messages: number[] = [];
  const fields: number[] = [];
  const seenRoles = new Set<string>();
  for (const [typeName, oneofCount, rows] of table.messages) {
    const accepted = acceptedFields(rows);
    messages.push(fields.length / FIELD_WORDS, accepted.length, typeName.startsWith('google.protobuf.') ? (WELL_KNOWN[typeName] ?? OTHER_WELL_KNOWN) : 0, oneofCount);
    for (const [key, [, , oneof, fieldKind, elementKind, scalar, ref, mapKey]] of accepted) {
      const at = `${typeName} ${key}`;
      const typed = TYPED_STRUCTS[at];
      const container = fieldKind === LIST_FIELD ? LIST : fieldKind !== MAP_FIELD ? SINGLE : mapKey === ScalarType.STRING ? MAP : OTHER_MAP;
      const element =
        typed !== undefined || elementKind === MESSAGE_ELEMENT ? MESSAGE : elementKind === ENUM_ELEMENT ? (table.enums[ref][0] === 'google.protobuf.NullValue' ? NOT_WALKED : ENUM) : scalar;
      const role = ROLES[at] ?? 0;
      if (role !== 0) seenRoles.add(at);
      fields.push(...name(key), container, element, typed !== undefined ? indexOf(typed) : ref, oneof, role);
    }
  }
  const missing = Object.keys(ROLES).filter((at) => !seenRoles.has(at));
  if (missing.length > 0) throw new Error(`the KFP protos have no field ${missing.join(', ')}: the vouch's roles are out of date`);
  const enums: number[] = [];
  const values: number[] = [];
  for (const [, enumValues] of table.enums) {
    enums.push(values.length / VALUE_WORDS, enumValues.length);
    for (const [valueName] of enumValues) values.push(...name(valueName));
  }
  const fieldsAt = HEADER_WORDS + messages.length;
  const enumsAt = fieldsAt + fields.length;
  const valuesAt = enumsAt + enums.length;
  const namesAt = (valuesAt + values.length) * 4;
  const header = [table.messages.length, table.enums.length, fieldsAt, enumsAt, valuesAt, namesAt, indexOf(PIPELINE_SPEC), indexOf(PLATFORM_SPEC), indexOf(VALUE)];
  const bytes = new Uint8Array(namesAt + names.length);
  new Uint32Array(bytes.buffer, 0, namesAt / 4).set([...header, ...messages, ...fields, ...enums, ...values]);
  bytes.set(names, namesAt);
  return bytes;
}

type FieldRow = WalkTable['messages'][number][2][number];

/**
 * Each field under the one key the proto3-JSON walk accepts for it (proto-json-accepts.ts,
 * shapeOf): a lookup of names and JSON names built as bufbuild builds its own, kept only where the
 * key is the field's JSON name (its name when the JSON name is empty).
 */
function acceptedFields(rows: readonly FieldRow[]): Array<[string, FieldRow]> {
  const lookup = new Map<string, FieldRow>();
  for (const row of rows) lookup.set(row[0], row).set(row[1], row);
  const accepted: Array<[string, FieldRow]> = [];
  for (const [key, row] of lookup) if (key === (row[1] === '' ? row[0] : row[1])) accepted.push([key, row]);
  return accepted;
}
