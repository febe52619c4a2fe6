/**
 * What the mutations of kfp-v2-mutations-test-support.ts put into KFP v2 texts: scalars YAML readers
 * disagree on, values for keys of known proto types, second members of oneofs, names that YAML 1.1 or
 * an object lookup read otherwise, and keys the protos know or nearly know.
 */
import fc from 'fast-check';
import { kfpRegistry } from './kfp-proto-registry.ts';

/** Plain scalars YAML readers disagree on or take for no string, and texts that are no plain scalar at all. */
export const TRICKY_SCALARS = [
  'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False',
  '0x1F', '0o7', '0b101', '012', '0755', '08', '1_000', '1e3', '1E3', '1.0e+3', 'e1', '-E5', 'e+6', '.inf', '-.Inf', '.NaN', 'NaN', 'Infinity',
  '-.5', '.5', '1:20', '190:20:30', '2001-12-14', '2001-12-14T21:59:43.10-05:00', '+1', '-1', '-0', '0', '00', '1.0', '1.5', '0.01',
  '2147483647', '2147483648', '-2147483648', '-2147483649', '4294967296', '9007199254740993', '123456789012345678901234567890',
  '0s', '1.5s', '-1s', '3600', '3600s', '315576000001s', '1.0000000001s', '1Gi', '250m',
  '"1"', "'1'", "'x'", '"x"', '""', "''", '"a\\"b"', "'it''s'", '"\\u00e9"', '"a\\nb"',
  '', 'a: b', 'a #b', 'a#b', '#x', '-', '- x', '{}', '[]', '[a]', '{a: b}', 'a,b', 'x y', ' x', 'x ', 'x\ty', '\tx', 'é', 'ü: x',
  '=', '<<', '?', '? x', '!x', '!!str x', '&a x', '*a', '|', '|-', '>', '%x', '@x', '`x`', "'a: b'", '"{{$.inputs.parameters[\'x\']}}"',
  'STRING', 'NUMBER_INTEGER', 'NUMBER_DOUBLE', 'BOOLEAN', 'LIST', 'STRUCT', 'PARAMETER_TYPE_UNSPECIFIED', 'TASK_FINAL_STATUS', '3',
  'Always', 'IfNotPresent', 'sometimes', 'ALL_UPSTREAM_TASKS_SUCCEEDED', 'ALL_UPSTREAM_TASKS_COMPLETED',
];

/** Characters plain scalars are made of where YAML's resolution is subtle (numbers, dates, times, booleans, nulls). */
const SCALAR_CHARACTERS = [...'0123456789.-+_:eExXoObB ynYNtfTFul~#', 'yes', 'no', 'on', 'off', 'null', 'true', 'inf', 'nan', '.inf', '0x', '0o', '0b'];

export const scalarFromCharacters = fc.array(fc.constantFrom(...SCALAR_CHARACTERS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

/** Lines inserted as a sibling or a child of a line: a second member of a oneof, optional inputs, defaults; `$NAME` is a name of the base. */
export const INSERTED_LINES = [
  'isOptional: true', 'isOptional: false', 'defaultValue: x', 'defaultValue: "1"', 'defaultValue: {}', 'defaultValue: ~',
  'componentInputParameter: $NAME', 'componentInputArtifact: $NAME', 'runtimeValue: {}', 'taskOutputParameter: {}', 'taskFinalStatus: {}',
  'producerTask: $NAME', 'outputParameterKey: $NAME', 'outputArtifactKey: $NAME', 'executorLabel: $NAME', 'dag: {}', 'importer: {}',
  'resolver: {}', 'container: {}', 'constant: x', 'parameterType: STRING', 'parameterType: NUMBER_INTEGER', 'artifactType: {}',
  'name: $NAME', 'dependentTasks: []', '- $NAME', '$NAME: {}', '$NAME:', 'cachingOptions: {}', 'triggerPolicy: {}',
  'iteratorPolicy: {}', 'parameterIterator: {}', 'outputs: {}', 'inputDefinitions: {}', 'outputDefinitions: {}', 'taskInfo: {}',
];

const DURATIONS = ['0s', '1s', '1.5s', '-1s', '-0s', '00s', '1.s', '.5s', '1e3s', '+1s', '1S', '1 s', '1', '3600', '315576000000s', '315576000001s', '1.000000001s', '1.0000000001s', '0x1s', '1_0s', '"1.5s"', '~'];
const INT32S = ['0', '-1', '+3', '-0', '2147483647', '2147483648', '-2147483648', '-2147483649', '1.0', '1.5', '1e3', '0x10', '010', '0o10', '1_0', '"3"', '.inf', '~'];
const DOUBLES = ['0', '-1', '1.5', '.5', '1.', '+1.5', '1e3', '1.0e+3', '1e400', '.inf', '-.inf', '.nan', '0x10', '1_000.5', '"1.5"', '"NaN"', '"Infinity"', '~'];
const BOOLS = ['true', 'false', 'True', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n', '1', '0', '"true"', '~'];
const VALUES = ['x', '1', '1.5', 'true', '~', '{}', '[]', '"x"', '.inf', '.nan', '-0', '1e400', 'e1', '12345678901234567890', 'yes', '2001-12-14'];

const STATUS = "inputs.parameter_values['pipelinechannel--upstream-status']";
/** Trigger conditions: the emitter's, others CEL reads, and some it cannot or that read no input of the task. */
const CONDITIONS = [
  `${STATUS} == 'failed'`, `${STATUS} != 'succeeded'`, `${STATUS} == 'failed' && true`, `(${STATUS} == 'failed')`, `${STATUS} == 'failed' &&`,
  `(${STATUS} == 'failed'`, `${STATUS}) == 'failed'`, `size(${STATUS}) > 0`, `x == 1`, "inputs.parameter_values['nope'] == 'x'",
  `${STATUS.replace(/'/g, '"')} == "failed"`, 'true', `${STATUS} == 'a: b'`, `${STATUS} == 'failed' # why`, '""', '~',
];
const STRATEGIES = ['ALL_UPSTREAM_TASKS_SUCCEEDED', 'ALL_UPSTREAM_TASKS_COMPLETED', 'TRIGGER_STRATEGY_UNSPECIFIED', 'ALWAYS', '0', '2', '~'];

/** Values for keys of a known proto type: a Duration, an int32, a double, a bool, an enum, a google.protobuf.Value. */
export const TYPED_VALUES: Record<string, string[]> = {
  backoffDuration: DURATIONS,
  backoffMaxDuration: DURATIONS,
  maxRetryCount: INT32S,
  backoffFactor: DOUBLES,
  cpuLimit: DOUBLES,
  memoryLimit: DOUBLES,
  enableCache: BOOLS,
  isOptional: BOOLS,
  optional: BOOLS,
  parameterType: ['STRING', 'NUMBER_INTEGER', 'NUMBER_DOUBLE', 'BOOLEAN', 'LIST', 'STRUCT', 'TASK_FINAL_STATUS', 'PARAMETER_TYPE_UNSPECIFIED', 'string', '1', '3', '8', '-1', '"STRING"', '~'],
  imagePullPolicy: ['Always', 'Never', 'IfNotPresent', 'always', '"Always"', '0', '1', '3', '~'],
  schemaVersion: ['2.1.0', '"2.1.0"', '2.1', '2.0.0', "'2.1.0'", '~'],
  count: ['"1"', '1', '1.5', '"x"', '~'],
  defaultValue: VALUES,
  constant: VALUES,
  strategy: STRATEGIES,
  condition: CONDITIONS,
  raw: ['\'["a", "b"]\'', '"[1, 2]"', '[]', 'a', "'{}'", '~'],
};

/** Entries inserted beside a line holding the key: second members of its oneof, a trigger policy beside a task's componentRef. */
export const FOCUSED_SIBLINGS: Record<string, string[]> = {
  componentInputParameter: ['runtimeValue: {}', 'taskOutputParameter: {}', 'taskFinalStatus: {}', 'constant: x'],
  runtimeValue: ['componentInputParameter: $NAME', 'taskOutputParameter: {}'],
  taskOutputParameter: ['componentInputParameter: $NAME', 'runtimeValue: {}'],
  taskOutputArtifact: ['componentInputArtifact: $NAME'],
  componentInputArtifact: ['taskOutputArtifact: {}'],
  executorLabel: ['dag: {}'],
  dag: ['executorLabel: $NAME'],
  container: ['importer: {}', 'resolver: {}'],
  constant: ['runtimeParameter: $NAME', 'componentInputParameter: $NAME', 'taskOutputParameter: {}'],
  schemaTitle: ['schemaUri: x', 'instanceSchema: x'],
  inputParameter: ["raw: '[1]'"],
  componentRef: ['triggerPolicy:\n  strategy: ALL_UPSTREAM_TASKS_COMPLETED', "triggerPolicy:\n  condition: inputs.parameter_values['$NAME'] == 'x'"],
};

/** Entries inserted under a line holding the key (a line break, then two more spaces): an input no component declares, a key YAML 1.1 reads as no string. */
export const FOCUSED_CHILDREN: Record<string, string[]> = {
  parameters: ['$NAME:\n  runtimeValue:\n    constant: x', '$NAME:\n  componentInputParameter: $NAME', '$NAME:\n  parameterType: STRING'],
  artifacts: ['$NAME:\n  componentInputArtifact: $NAME'],
  dependentTasks: ['- $NAME'],
  tasks: ['$NAME:\n  componentRef:\n    name: $NAME\n  taskInfo:\n    name: x'],
  labels: ['on: x', 'Yes: x', 'n: x', 'x: yes', '"on": x'],
  executors: ['$NAME:\n  container:\n    image: x', '$NAME:\n  imagePullPolicy: Always'],
  triggerPolicy: ['strategy: ALL_UPSTREAM_TASKS_COMPLETED', "condition: inputs.parameter_values['$NAME'] == 'x'"],
};

/** Global edits of the text; `line` ones act at a line. */
export const TEXT_EDITS = [
  'dropFinalNewline', 'thirdDocument', 'thirdEmptyDocument', 'blankAtEnd', 'leadingDocumentMarker', 'bom', 'emptyText', 'platformAsScalar',
  'platformAsList', 'specAsList',
  'line:trailingSpace', 'line:crlf', 'line:comment', 'line:blankBefore', 'line:tabIndent', 'line:doubleSpace', 'line:documentMarker',
  'line:documentEnd', 'line:nonAscii',
] as const;

/** Keys whose values the rules read (a mutation may aim at their lines, rare among the lines of a spec). */
export const RULE_KEYS = new Set([
  'schemaVersion', 'name', 'executorLabel', 'producerTask', 'componentInputParameter', 'componentInputArtifact', 'outputParameterKey',
  'outputArtifactKey', 'parameterType', 'isOptional', 'defaultValue', 'dependentTasks', 'strategy', 'condition', 'itemInput',
  'inputParameter', 'raw', 'constant', 'backoffDuration', 'backoffMaxDuration', 'maxRetryCount', 'cpuLimit', 'memoryLimit', 'enableCache',
  'optional', 'imagePullPolicy', 'pipelineInfo', 'root', 'dag', 'tasks', 'inputs', 'parameters', 'artifacts', 'componentRef',
  'inputDefinitions', 'outputDefinitions', 'executors', 'platforms', 'taskOutputParameter', 'taskOutputArtifact', 'runtimeValue',
  'triggerPolicy', 'parameterIterator', 'items',
]);

/** Names a spec may use throughout and still be valid, or that YAML 1.1 reads as no string, or that an object lookup would find on a prototype. */
export const RENAMED_TO = ['renamed', 'on', 'Yes', 'n', 'null', '~', '1', '0x1F', '1_000', '2001-12-14', '1:20', 'true', 'constructor', '__proto__', 'toString', 'a b', 'é', 'x.y'];

export const TRICKY_KEYS = ['on', 'y', 'Yes', 'off', 'true', '1', '0x1', '~', 'null', '<<', '2001-12-14', '1:20', '"name"', "'name'", 'é', '__proto__', 'constructor', '-', '? x'];

export const MISSING_NAMES = ['comp-missing', 'exec-missing', 'missing', 'Step-0', 'step-0x', 'run-id', 'constructor', '__proto__', 'toString'];

let protoKeys: string[] | undefined;

/** Every field name the KFP protos know, both spellings. */
export function protoFieldNames(): string[] {
  if (protoKeys === undefined) {
    const names = new Set<string>();
    for (const type of kfpRegistry()) if (type.kind === 'message') for (const field of type.fields) names.add(field.jsonName).add(field.name);
    protoKeys = [...names].sort();
  }
  return protoKeys;
}

/** A key a hand could have meant: the proto spelling, another case, a letter more or less, quoted. */
export function nearMiss(key: string, n: number): string {
  const variants = [
    key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
    key.charAt(0).toUpperCase() + key.slice(1),
    `${key}s`,
    key.slice(0, -1),
    `"${key}"`,
    `'${key}'`,
    `${key} `,
    `? ${key}`,
  ];
  return variants[n % variants.length];
}

