import { parseAllDocuments } from 'yaml';
import { importMagnus, type MagnusInput } from '../../src/core/magnus/import';
import type { Pipeline } from '../../src/core/model/types';
import { readFixture } from '../support/fixtures';

/** Emitted or hand-written YAML as the interpreters read it: every document, as plain data. */
export function parseDocuments(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`unreadable YAML: ${doc.errors[0].message}`);
    return doc.toJS({ maxAliasCount: -1 });
  });
}

export function importPipeline(input: MagnusInput): Pipeline {
  const result = importMagnus(input);
  if (!result.pipeline) throw new Error(`import failed: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.pipeline;
}

/**
 * A magnus pipeline of test/fixtures/oracle, read as the dag file `dag.yaml` (the path its
 * containers name); `nested` maps a `dag_definition` to the fixture holding that file.
 */
export const oraclePipeline = (name: string, nested: Record<string, string> = {}) =>
  importPipeline({
    dag: { text: readFixture('oracle', `${name}.magnus.yaml`), path: 'dag.yaml' },
    nested: Object.fromEntries(Object.entries(nested).map(([path, fixture]) => [path, readFixture('oracle', `${fixture}.magnus.yaml`)])),
  });

export const oracleDocuments = (file: string) => parseDocuments(readFixture('oracle', file));
