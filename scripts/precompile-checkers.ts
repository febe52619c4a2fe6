/**
 * Build-time forms of what the strict checkers (src/core/check/) would otherwise set up at every
 * start: compiling the 11,844-line Argo schema with ajv took 0.5–1.3 s and parsing the KFP .proto
 * texts with protobufjs ~60 ms, paid by every CLI run and every test file. This writes, into the
 * git-ignored `src/core/check/generated/`:
 *
 * - `argo-workflow-validator.js`: ajv's standalone validation code for the Workflow definition of
 *   the Argo schema, closed against unknown keys (the code ajv would compile at run time, its
 *   functions given only the data and its path, and an object that repeats validated once:
 *   pathOnly, validOnce);
 * - `kfp-descriptors.ts`: the KFP protos' FileDescriptorSet as the message objects
 *   @bufbuild/protobuf's `fromBinary` makes of it, in JSON (kfp-proto-registry.ts rebuilds them):
 *   decoding the binary set at run time was ~40 % of the strict check of a small pipeline (the
 *   decoder runs cold in a fresh process); and what the checker's proto3-JSON walk reads of the
 *   same descriptors, as a table (proto-walk-table.ts), so that a spec the walk vouches for needs
 *   no bufbuild registry at all;
 * - `kfp-v2-vouch-wasm.ts`: the check's vouch (assembly/, AssemblyScript) compiled to WebAssembly,
 *   in base64 (compile-vouch.ts), `undefined` without the dev dependencies; and the KFP protos as
 *   the vouch reads them (kfp-v2-vouch-table.ts), in base64: laying them out cost ~3 ms of a cold check.
 *
 * It runs when its inputs changed (their hash is kept beside the output): from the Vite config (so
 * `vitest`, `vite build` and the CLI build, hence `npm ci`'s `prepare`, always see fresh files), from
 * the Playwright config and the benches, or by hand: `npx tsx scripts/precompile-checkers.ts`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vouchTable } from '../src/core/check/kfp-v2-vouch-table.ts';
import { walkTable, type WalkTable } from '../src/core/check/proto-walk-table.ts';
import { compileVouch, VOUCH_FLAGS, vouchInputs } from './compile-vouch.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHECK_DIR = join(ROOT, 'src/core/check');
export const GENERATED_DIR = join(CHECK_DIR, 'generated');
const SCHEMA_FILE = join(CHECK_DIR, 'schemas/argo-workflow.schema.json');
const PROTO_DIR = join(CHECK_DIR, 'schemas/kfp-v2');
/** Import paths as the .proto files spell them, dependencies first (protobufjs resolves in this order). */
const PROTO_PATHS = ['google/rpc/status.proto', 'pipeline_spec.proto', 'kubernetes_executor_config.proto'];
/** The libraries whose output or reading of it is baked in: a new version regenerates. */
const LIBRARIES = ['ajv', 'ajv-formats', 'protobufjs', '@bufbuild/protobuf'];
const STAMP = join(GENERATED_DIR, 'inputs.sha256');
const OUTPUTS = ['argo-workflow-validator.js', 'argo-workflow-validator.d.ts', 'kfp-descriptors.ts', 'kfp-v2-vouch-wasm.ts'];

const WORKFLOW_DEFINITION = 'io.argoproj.workflow.v1alpha1.Workflow';

/** Every file the generated code depends on, for freshness checks (here and by the CLI bundle). */
export function precompileInputs(): string[] {
  return [
    fileURLToPath(import.meta.url),
    SCHEMA_FILE,
    join(CHECK_DIR, 'proto-walk-table.ts'),
    join(CHECK_DIR, 'kfp-v2-vouch-table.ts'),
    ...PROTO_PATHS.map((path) => join(PROTO_DIR, path)),
    ...LIBRARIES.map((name) => join(ROOT, 'node_modules', name, 'package.json')),
    // Only those that exist: installing AssemblyScript (a dev dependency) changes the list, hence the hash.
    ...vouchInputs(),
  ];
}

function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of precompileInputs()) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Regenerates when an input changed or an output is missing; cheap (a hash of ~0.7 MB) otherwise. */
export async function ensurePrecompiledCheckers(): Promise<boolean> {
  const hash = inputsHash();
  const fresh = existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash && OUTPUTS.every((name) => existsSync(join(GENERATED_DIR, name)));
  if (fresh) return false;
  mkdirSync(GENERATED_DIR, { recursive: true });
  const outputs: Record<string, string> = {
    'argo-workflow-validator.js': await argoValidatorSource(),
    'argo-workflow-validator.d.ts': ARGO_VALIDATOR_TYPES,
    'kfp-descriptors.ts': await kfpDescriptorSource(),
    'kfp-v2-vouch-wasm.ts': vouchWasmSource(await compileVouch(), vouchTable(await kfpWalkTable())),
  };
  // Written beside and renamed, so a reader never sees half a file; the stamp goes last.
  for (const [name, text] of Object.entries(outputs)) writeAtomically(join(GENERATED_DIR, name), text);
  writeAtomically(STAMP, hash);
  return true;
}

/** For Vite configs: the checkers' build-time forms are fresh before any test or build reads them. */
export function precompiledCheckers() {
  return {
    name: 'kfp-designer:precompiled-checkers',
    async config() {
      await ensurePrecompiledCheckers();
    },
  };
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

const HEADER = '// GENERATED by scripts/precompile-checkers.ts from src/core/check/schemas/ — do not edit, not committed.\n';

/** Keywords whose value is a schema, a list of schemas, or a map of names to schemas. */
const SCHEMA_VALUED = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

/**
 * The schema as the checker applies it. Every object definition is closed: the published schema is
 * open, so misspelt keys (`imagePullPolicyy`, `retries`) would pass it and Argo's lenient Go decoder
 * would then drop them silently. Annotations (`description`, the Kubernetes `x-kubernetes-*`
 * vendor keywords) are left out: they never change a verdict and would triple the generated code.
 */
export function checkerSchema(schema: unknown): unknown {
  const definitions = (schema as { definitions: Record<string, Record<string, unknown>> }).definitions;
  const closed = Object.fromEntries(
    Object.entries(definitions).map(([name, definition]) => [
      name,
      definition.properties && !Object.hasOwn(definition, 'additionalProperties') ? { ...definition, additionalProperties: false } : definition,
    ]),
  );
  return withoutAnnotations({ ...(schema as object), definitions: closed });
}

function withoutAnnotations(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue;
    if (SCHEMA_VALUED.has(key)) out[key] = withoutAnnotations(value);
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(withoutAnnotations);
    else if (SCHEMA_MAPS.has(key) && typeof value === 'object' && value !== null)
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutAnnotations(sub)]));
    else out[key] = value;
  }
  return out;
}

/** ajv holding the checker's Argo schema, and its validator of a Workflow (the tests compare the generated code with it). */
export async function argoWorkflowAjv() {
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const { default: addFormats } = await import('ajv-formats');
  // allErrors: every problem, not the first; inlineRefs off: each definition becomes one function
  // (the code is a third the size, the verdicts the same).
  const ajv = new Ajv2020({ allErrors: true, inlineRefs: false, code: { source: true, esm: true } });
  addFormats(ajv);
  ajv.addSchema(checkerSchema(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))) as object, 'argo');
  // The schema's root is a oneOf over five kinds (a WorkflowTemplate would pass it), so validate the Workflow only.
  const validate = ajv.getSchema(`argo#/definitions/${WORKFLOW_DEFINITION}`);
  if (!validate) throw new Error(`Argo schema has no definition ${WORKFLOW_DEFINITION}`);
  return { ajv, validate };
}

async function argoValidatorSource(): Promise<string> {
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  const { ajv, validate } = await argoWorkflowAjv();
  // ajv refers to the formats it used with require() even in ES module output.
  const FORMATS = 'require("ajv-formats/dist/formats")';
  const code = standaloneCode(ajv, validate).replace(/^"use strict";/, '').split(FORMATS).join('ajvFormats');
  if (code.includes('require(')) throw new Error('ajv standalone code requires a module other than ajv-formats; import it here');
  return `${HEADER}// ajv standalone code of the closed Argo Workflow schema (${WORKFLOW_DEFINITION}).\nimport ajvFormats from 'ajv-formats/dist/formats.js';\n${validOnce(pathOnly(withoutEvaluated(code)))}\n`;
}

/**
 * ajv keeps, per function, which properties and items it evaluated, for `unevaluatedProperties` and
 * `unevaluatedItems`; this schema has neither, so nothing reads it and each call's bookkeeping goes
 * (the build fails if anything is left of it).
 */
function withoutEvaluated(code: string): string {
  const lean = code
    .replace(/const evaluated0 = validate\d+\.evaluated;if\(evaluated0\.dynamicProps\)\{evaluated0\.props = undefined;\}if\(evaluated0\.dynamicItems\)\{evaluated0\.items = undefined;\}/g, '')
    .replace(/validate\d+\.evaluated = \{[^}]*\};/g, '');
  if (lean.includes('evaluated')) throw new Error('ajv standalone code reads what it evaluated: update withoutEvaluated');
  return lean;
}

const VALIDATOR_HEAD = /function (validate\d+)\(data, \{instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors=\{\}\}=\{\}\)\{/g;
/** A call's second argument; its path expression holds no braces (`instancePath+"/env/" + i0`, `key1.replace(…)`). */
const CALL_CONTEXT = /\{instancePath:([^{}]*?),parentData:data\d*,parentDataProperty:(?:"[^"]*"|i\d+|key\d+),rootData,dynamicAnchors\}/g;
const EXPORTS = /export const validate = (validate\d+);export default validate\d+;/;

/**
 * ajv's functions take, besides the data, an object of `instancePath`, `parentData`,
 * `parentDataProperty`, `rootData` and `dynamicAnchors`, made at every call, and this schema's code
 * only passes the last four on. Each function takes the path alone; the build fails if the code
 * uses the others in any other way, on which validOnce relies too.
 */
function pathOnly(code: string): string {
  const functions = code.match(/function validate\d+\(/g)?.length ?? 0;
  let heads = 0;
  const lean = code
    .replace(VALIDATOR_HEAD, (_, name: string) => {
      heads++;
      return `function ${name}(data, instancePath){`;
    })
    .replace(CALL_CONTEXT, (_, path: string) => path);
  if (heads !== functions || /parentData|rootData|dynamicAnchors/.test(lean))
    throw new Error('ajv standalone code changed shape: check what it does with its arguments, then update pathOnly and validOnce');
  return lean;
}

/**
 * ajv's code validates a subtree again at each place it occurs, and the block reader gives a block
 * that repeats (a step's env, resources, mounts and volumes, from one template to the next) as one
 * object. So during one validation each definition's function remembers the objects it found valid
 * and answers true for them at once. Its verdict on an object does not depend on where the object is:
 * it is given only the object and its path (pathOnly), and the path only goes into errors, which a
 * valid object has none of. An object found invalid is validated again at each place, so each place
 * gets its own errors. The memory is made afresh by each validation, as a caller may change a
 * document between two.
 */
function validOnce(code: string): string {
  const functions = code.match(/function validate\d+\(/g)?.length ?? 0;
  const alwaysValid = code.match(/\{validate\d+\.errors = null;return true;\}/g)?.length ?? 0;
  let heads = 0;
  let ends = 0;
  const memoized = code
    .replace(/function (validate\d+)\(data, instancePath\)\{/g, (head, name: string) => {
      heads++;
      return `${head}if(valid!==null&&typeof data=="object"&&data!==null&&valid.get(data)===${name})return true;`;
    })
    .replace(/(validate\d+)\.errors = vErrors;return errors === 0;\}/g, (_, name: string) => {
      ends++;
      return `${name}.errors = vErrors;if(errors===0&&valid!==null&&typeof data=="object"&&data!==null)valid.set(data,${name});return errors === 0;}`;
    })
    .replace(
      EXPORTS,
      (_, root: string) =>
        `let valid=null;function validate(data){valid=new Map();try{const ok=${root}(data,"");validate.errors=${root}.errors;return ok;}finally{valid=null;}}export default validate;`,
    );
  if (heads !== functions || ends + alwaysValid !== functions || !memoized.includes('function validate(data)'))
    throw new Error('ajv standalone code changed shape: update validOnce');
  return memoized;
}

const ARGO_VALIDATOR_TYPES = `${HEADER}import type { ErrorObject } from 'ajv';

/** Validates an Argo Workflow against the closed schema; \`errors\` as ajv reports them (allErrors). */
declare const validate: { (data: unknown): boolean; errors?: ErrorObject[] | null };
export default validate;
`;

function vouchWasmSource(binary: Uint8Array | undefined, table: Uint8Array): string {
  const head = '// GENERATED by scripts/precompile-checkers.ts from assembly/ — do not edit, not committed.\n';
  const tableSource = `// The KFP protos laid out for the vouch (src/core/check/kfp-v2-vouch-table.ts): ${table.length} bytes, in base64.\nexport const KFP_V2_VOUCH_TABLE = ${JSON.stringify(Buffer.from(table).toString('base64'))};\n`;
  if (binary === undefined) return `${head}// AssemblyScript is not installed (dev dependencies omitted): no vouch, every text takes the full check.\nexport const KFP_V2_VOUCH_WASM: string | undefined = undefined;\n${tableSource}`;
  const base64 = Buffer.from(binary).toString('base64');
  return `${head}// assembly/kfp-v2-vouch.ts compiled by AssemblyScript (${VOUCH_FLAGS.join(' ')}): ${binary.length} bytes of WebAssembly, in base64.\nexport const KFP_V2_VOUCH_WASM: string | undefined = ${JSON.stringify(base64)};\n${tableSource}`;
}

type FileDescriptor = import('protobufjs/ext/descriptor.js').IFileDescriptorProto;
type MessageDescriptor = import('protobufjs/ext/descriptor.js').IDescriptorProto;

/**
 * Why two libraries: only protobufjs parses .proto text, but its JSON reader is lenient;
 * @bufbuild/protobuf's `fromJson` is strict proto3-JSON like the Go `protojson` of the KFP API
 * server, but needs compiled descriptors. So protobufjs parses here, at build time, and exports a
 * FileDescriptorSet that bufbuild reads at run time.
 */
async function kfpDescriptorSource(): Promise<string> {
  const bytes = await kfpDescriptorSet();
  const plain = await plainMessages(bytes);
  const table = await kfpWalkTable(bytes);
  return `${HEADER}import type { WalkTable } from '../proto-walk-table.ts';

// The KFP protos (${PROTO_PATHS.join(', ')}) and the well-known types they import: a
// google.protobuf.FileDescriptorSet as bufbuild's fromBinary makes it, in JSON (plainMessages).
// Returned by a function: V8 makes a function's string literals when the function first runs, so
// a process that never sets up the registry (the CLI checking output the walk vouches for) neither
// builds nor code-caches these ~120 KB.
export function kfpDescriptorSetJson(): string {
  return ${JSON.stringify(JSON.stringify(plain))};
}

// What the proto3-JSON walk reads of the same descriptors (proto-walk-table.ts).
export const KFP_WALK_TABLE: WalkTable = JSON.parse(${JSON.stringify(JSON.stringify(table))});
`;
}

/** What the checker's walks read of the KFP protos (proto-walk-table.ts). */
async function kfpWalkTable(bytes?: Uint8Array): Promise<WalkTable> {
  const { createFileRegistry, fromBinary } = await import('@bufbuild/protobuf');
  const { FileDescriptorSetSchema } = await import('@bufbuild/protobuf/wkt');
  return walkTable(createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes ?? (await kfpDescriptorSet()))));
}

/** The KFP protos as a serialized google.protobuf.FileDescriptorSet. */
export async function kfpDescriptorSet(): Promise<Uint8Array> {
  const { default: protobuf } = await import('protobufjs');
  const { default: descriptor } = await import('protobufjs/ext/descriptor.js');
  const root = new protobuf.Root();
  // Imported by the KFP protos and bundled with protobufjs, so they need not be kept here.
  for (const name of ['any', 'duration', 'struct']) {
    const wellKnown = protobuf.common.get(`google/protobuf/${name}.proto`);
    if (!wellKnown?.nested) throw new Error(`protobufjs does not bundle google/protobuf/${name}.proto`);
    root.addJSON(wellKnown.nested);
  }
  for (const path of PROTO_PATHS) protobuf.parse(readFileSync(join(PROTO_DIR, path), 'utf8'), root);
  root.resolveAll();
  const files = root.toDescriptor('proto3').file as FileDescriptor[];
  fixUpDescriptors(root, files);
  const set = descriptor.FileDescriptorSet.create({ file: dependenciesFirst(files) });
  return descriptor.FileDescriptorSet.encode(set).finish();
}

/**
 * The set decoded by bufbuild, as plain data from which kfp-proto-registry.ts rebuilds the very
 * objects: each message's own fields, and per message type the defaults bufbuild keeps on the
 * message's prototype (descriptor.proto is proto2: a field is set when it is an own property).
 * Anything JSON cannot carry (bytes, 64-bit integers, unknown fields) fails the build.
 */
async function plainMessages(bytes: Uint8Array): Promise<{ prototypes: Record<string, Record<string, unknown>>; set: unknown }> {
  const { fromBinary } = await import('@bufbuild/protobuf');
  const { FileDescriptorSetSchema } = await import('@bufbuild/protobuf/wkt');
  const prototypes: Record<string, Record<string, unknown>> = {};
  const plain = (value: unknown, path: string): unknown => {
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
    if (Array.isArray(value)) return value.map((item, i) => plain(item, `${path}[${i}]`));
    if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) === Uint8Array.prototype) {
      throw new Error(`the KFP descriptors hold ${String(value)} at ${path}, which JSON cannot carry`);
    }
    const typeName = (value as { $typeName?: unknown }).$typeName;
    if (typeof typeName !== 'string') throw new Error(`the KFP descriptors hold an object that is not a message at ${path}`);
    const prototype = Object.getPrototypeOf(value) as object;
    if (prototype !== Object.prototype) {
      if (Object.getPrototypeOf(prototype) !== Object.prototype) throw new Error(`the prototype of ${typeName} at ${path} has a prototype of its own`);
      const defaults = JSON.stringify(plain({ ...prototype, $typeName: typeName }, `${path} (defaults)`));
      const known = prototypes[typeName];
      if (known !== undefined && JSON.stringify(known) !== defaults) throw new Error(`two prototypes for ${typeName}`);
      prototypes[typeName] = JSON.parse(defaults);
    }
    const fields: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (key === '$unknown') throw new Error(`the KFP descriptors hold unknown fields at ${path}`);
      if (field !== undefined) fields[key] = plain(field, `${path}.${key}`);
    }
    return fields;
  };
  const set = plain(fromBinary(FileDescriptorSetSchema, bytes), 'set');
  for (const prototype of Object.values(prototypes)) delete prototype.$typeName;
  return { prototypes, set };
}

/**
 * protobufjs writes type names as spelled in the .proto (relative), names map-entry messages after
 * the field, and leaves files without dependencies; bufbuild needs fully-qualified names and
 * declared dependencies to link the files.
 */
function fixUpDescriptors(root: import('protobufjs').Root, files: FileDescriptor[]): void {
  for (const file of files) {
    const referenced = new Set<string>();
    for (const message of file.messageType ?? []) fixUpMessage(message, root.lookupType(`${file.package}.${message.name}`), referenced);
    const dependencies = [...referenced].map((typeName) => fileDeclaring(typeName, files).name as string);
    file.dependency = [...new Set(dependencies)].filter((name) => name !== file.name);
  }
}

function fixUpMessage(message: MessageDescriptor, type: import('protobufjs').Type, referenced: Set<string>): void {
  for (const field of message.field ?? []) {
    const reflected = type.fieldsArray.find((f) => f.id === field.number);
    if (!reflected) continue;
    if (reflected.map) {
      const entry = message.nestedType?.find((nested) => nested.name === field.typeName);
      field.typeName = `${type.fullName}.${field.typeName}`;
      const valueField = entry?.field?.find((f) => f.number === 2);
      if (valueField && reflected.resolvedType) valueField.typeName = reflected.resolvedType.fullName;
    } else if (reflected.resolvedType) {
      field.typeName = reflected.resolvedType.fullName;
    }
    if (reflected.resolvedType) referenced.add(reflected.resolvedType.fullName);
  }
  for (const nested of message.nestedType ?? []) {
    if (nested.options?.mapEntry) continue;
    fixUpMessage(nested, type.get(nested.name as string) as import('protobufjs').Type, referenced);
  }
}

/** The file whose package is the longest prefix of `.package.Type`. */
function fileDeclaring(typeName: string, files: FileDescriptor[]): FileDescriptor {
  const candidates = files.filter((file) => typeName.startsWith(`.${file.package}.`));
  const best = candidates.sort((a, b) => (b.package ?? '').length - (a.package ?? '').length)[0];
  if (!best) throw new Error(`no proto file declares ${typeName}`);
  return best;
}

function dependenciesFirst(files: FileDescriptor[]): FileDescriptor[] {
  const ordered: FileDescriptor[] = [];
  const placed = new Set<string>();
  while (ordered.length < files.length) {
    const ready = files.filter((f) => !placed.has(f.name as string) && dependenciesOf(f).every((d) => placed.has(d)));
    if (ready.length === 0) throw new Error('circular dependency between proto files');
    for (const file of ready) {
      ordered.push(file);
      placed.add(file.name as string);
    }
  }
  return ordered;
}

function dependenciesOf(file: FileDescriptor): string[] {
  return Array.isArray(file.dependency) ? (file.dependency as string[]) : [];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const regenerated = await ensurePrecompiledCheckers();
  console.log(regenerated ? `wrote ${relative(ROOT, GENERATED_DIR)}/` : `${relative(ROOT, GENERATED_DIR)}/ is up to date`);
}
