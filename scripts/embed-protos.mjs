#!/usr/bin/env node
// Embeds the KFP .proto sources as string constants so the v2 checker runs without a file system
// (browser bundle, tsx CLI, Vitest alike). Re-run after changing any file under
// src/core/check/schemas/kfp-v2/: `node scripts/embed-protos.mjs`. kfp-v2.test.ts fails while the
// generated file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const protoDir = 'src/core/check/schemas/kfp-v2';
const output = 'src/core/check/schemas/kfp-protos.generated.ts';

/** Import paths as the .proto files spell them, dependencies first (protobufjs resolves in this order). */
const PROTO_PATHS = ['google/rpc/status.proto', 'pipeline_spec.proto', 'kubernetes_executor_config.proto'];

const entries = PROTO_PATHS.map(
  (path) => `  {\n    path: ${JSON.stringify(path)},\n    text: ${JSON.stringify(readFileSync(join(repoRoot, protoDir, path), 'utf8'))},\n  },`,
);

const source = `// GENERATED FILE - do not edit. Written by scripts/embed-protos.mjs from
// ${protoDir}/{${PROTO_PATHS.join(',')}}
// Upstream: kubeflow/pipelines tag 2.17.0 (Apache-2.0) api/v2alpha1/pipeline_spec.proto,
// kubernetes_platform/proto/kubernetes_executor_config.proto, backend/api/v2beta1/google/rpc/status.proto.
// Regenerate with \`node scripts/embed-protos.mjs\`.

export interface ProtoSource {
  readonly path: string;
  readonly text: string;
}

export const KFP_PROTO_SOURCES: readonly ProtoSource[] = [
${entries.join('\n')}
];
`;

writeFileSync(join(repoRoot, output), source);
console.log(`wrote ${output} (${PROTO_PATHS.length} protos)`);
