/**
 * A @bufbuild/protobuf registry of the KFP IR protos, read from the FileDescriptorSet that
 * scripts/precompile-checkers.ts builds from the .proto texts under schemas/kfp-v2/ (parsing the
 * texts here, with protobufjs, cost ~60 ms at every start; reading the descriptors costs ~10).
 */
import { createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import { base64Decode } from '@bufbuild/protobuf/wire';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { KFP_DESCRIPTOR_SET_BASE64 } from './generated/kfp-descriptors.ts';

let cachedRegistry: FileRegistry | undefined;

export function kfpRegistry(): FileRegistry {
  cachedRegistry ??= createFileRegistry(fromBinary(FileDescriptorSetSchema, base64Decode(KFP_DESCRIPTOR_SET_BASE64)));
  return cachedRegistry;
}
