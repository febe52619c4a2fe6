import { describe, expect, it } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { exportMagnus } from '../magnus/export';
import { importMagnus } from '../magnus/import';
import { parseYamlSource } from './source';

describe('parseYamlSource on long texts', () => {
  const { dag, config } = exportMagnus(generatePipeline(300));

  it('shares the parse of a text read twice, and importing it twice gives equal pipelines', () => {
    const first = parseYamlSource(dag);
    expect(dag.length).toBeGreaterThan(16_384);
    const fresh = structuredClone(first.value);
    const once = importMagnus({ dag: { text: dag }, config: { text: config } });
    expect(parseYamlSource(dag)).toBe(first);
    // Importing must not have changed the shared value.
    expect(first.value).toEqual(fresh);
    const twice = importMagnus({ dag: { text: dag }, config: { text: config } });
    expect(twice.pipeline).toEqual(once.pipeline);
    expect(twice.diagnostics).toEqual(once.diagnostics);
  });

  it('parses a changed text anew', () => {
    const edited = dag.replace('python -m job.part_1\n', 'python -m job.part_one\n');
    expect(edited).not.toBe(dag);
    const source = parseYamlSource(edited);
    expect(source).not.toBe(parseYamlSource(dag));
    expect(JSON.stringify(source.value)).toContain('job.part_one');
  });
});
