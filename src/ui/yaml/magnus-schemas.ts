/**
 * The magnus files' JSON schemas, for completion, hover documentation and schema errors in the
 * dag and config tabs (monaco-yaml; inline, so nothing is fetched). The designer's own reading
 * (read-edit.ts) stays the authority on what applies.
 */
import { MAGNUS_CONFIG_SCHEMA, MAGNUS_DAG_SCHEMA } from '../../core/magnus/json-schema';
import type { JSONSchema } from 'monaco-yaml';
import { setYamlSchemas } from './monaco-setup';

// The models are file:///dag.yaml and file:///config.yaml (edit-session.ts uriOf). The schemas are
// deeply readonly literals, which monaco-yaml's mutable JSONSchema type does not admit.
void setYamlSchemas([
  { uri: 'inmemory://kfp-designer/schemas/magnus-dag.json', fileMatch: ['**/dag.yaml'], schema: MAGNUS_DAG_SCHEMA as unknown as JSONSchema },
  { uri: 'inmemory://kfp-designer/schemas/magnus-config.json', fileMatch: ['**/config.yaml'], schema: MAGNUS_CONFIG_SCHEMA as unknown as JSONSchema },
]);
