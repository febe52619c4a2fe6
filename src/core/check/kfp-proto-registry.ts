/**
 * A @bufbuild/protobuf registry of the KFP IR protos, built from the embedded .proto texts.
 *
 * Why two libraries: only protobufjs can parse .proto text at run time, but its JSON reader is
 * lenient; @bufbuild/protobuf's `fromJson` is strict proto3-JSON like the Go `protojson` the KFP API
 * server uses (unknown keys, bad enum names and wrongly typed scalars are errors), but it needs
 * compiled descriptors. So protobufjs parses, exports a FileDescriptorSet, and bufbuild reads that.
 */
import { createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor.js';
import { KFP_PROTO_SOURCES } from './schemas/kfp-protos.generated.ts';

/** Imported by the KFP protos and bundled with protobufjs, so they need not be embedded. */
const WELL_KNOWN_PROTOS = ['any', 'duration', 'struct'];

type FileDescriptor = descriptor.IFileDescriptorProto;
type MessageDescriptor = descriptor.IDescriptorProto;

let cachedRegistry: FileRegistry | undefined;

export function kfpRegistry(): FileRegistry {
  cachedRegistry ??= buildRegistry();
  return cachedRegistry;
}

function buildRegistry(): FileRegistry {
  const root = loadProtos();
  const files = root.toDescriptor('proto3').file as FileDescriptor[];
  fixUpDescriptors(root, files);
  const set = descriptor.FileDescriptorSet.create({ file: dependenciesFirst(files) });
  const bytes = descriptor.FileDescriptorSet.encode(set).finish();
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes));
}

function loadProtos(): protobuf.Root {
  const root = new protobuf.Root();
  for (const name of WELL_KNOWN_PROTOS) {
    const wellKnown = protobuf.common.get(`google/protobuf/${name}.proto`);
    if (!wellKnown?.nested) throw new Error(`protobufjs does not bundle google/protobuf/${name}.proto`);
    root.addJSON(wellKnown.nested);
  }
  for (const { text } of KFP_PROTO_SOURCES) protobuf.parse(text, root);
  root.resolveAll();
  return root;
}

/**
 * protobufjs writes type names as spelled in the .proto (relative), names map-entry messages after
 * the field, and leaves files without dependencies; bufbuild needs fully-qualified names and
 * declared dependencies to link the files.
 */
function fixUpDescriptors(root: protobuf.Root, files: FileDescriptor[]): void {
  for (const file of files) {
    const referenced = new Set<string>();
    for (const message of file.messageType ?? [])
      fixUpMessage(message, root.lookupType(`${file.package}.${message.name}`), referenced);
    const dependencies = [...referenced].map((typeName) => fileDeclaring(typeName, files).name as string);
    file.dependency = [...new Set(dependencies)].filter((name) => name !== file.name);
  }
}

function fixUpMessage(message: MessageDescriptor, type: protobuf.Type, referenced: Set<string>): void {
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
    fixUpMessage(nested, type.get(nested.name as string) as protobuf.Type, referenced);
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
