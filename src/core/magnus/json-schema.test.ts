import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFixture } from '../../../test/support/fixtures';
import { corpusDagFiles, readCorpus } from '../../../test/support/fixtures';
import { exportMagnus } from './export';
import { importMagnus } from './import';
import { MAGNUS_CONFIG_SCHEMA, MAGNUS_DAG_SCHEMA } from './json-schema';

const ajv = new Ajv({ strict: false, allErrors: true });
const validDag = ajv.compile(MAGNUS_DAG_SCHEMA);
const validConfig = ajv.compile(MAGNUS_CONFIG_SCHEMA);

describe('the editor schemas of the magnus files', () => {
  it('accept what the exporter writes, for every corpus DAG and the example', () => {
    const inputs = [
      ...corpusDagFiles().map((file) => ({ dag: { text: readCorpus(file) } })),
      { dag: { text: readFixture('golden-input', 'train.dag.yaml') }, config: { text: readFixture('golden-input', 'train.config.yaml') } },
    ];
    for (const input of inputs) {
      const files = exportMagnus(importMagnus(input).pipeline!);
      expect(validDag(parse(files.dag)), JSON.stringify(validDag.errors)).toBe(true);
      expect(validConfig(parse(files.config)), JSON.stringify(validConfig.errors)).toBe(true);
    }
  });

  it('reject what an editor should flag: unknown type, missing command, bad quantity, secret without colon', () => {
    const dag = (step: string) => parse(`dag:\n  start_at: a\n  steps:\n    a: ${step}\n`);
    expect(validDag(dag('{type: nope, next: b}'))).toBe(false);
    expect(validDag(dag('{type: task, next: b}'))).toBe(false);
    expect(validDag(dag('{type: task, command: x, next: b, executor_config: {kfp: {cpu_limit: 1.5 cores}}}'))).toBe(false);
    expect(validDag(dag('{type: task, command: x, next: b, executor_config: {kfp: {secrets_from_k8s: {A: nocolon}}}}'))).toBe(false);
    expect(validDag(dag('{type: task, command: x, next: b}'))).toBe(true);
  });
});
