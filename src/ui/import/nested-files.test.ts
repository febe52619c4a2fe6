import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../core/transpile';
import { findStep } from '../../core/model/paths';
import { classifyFiles } from './classify';
import { matchNestedFiles, missingNestedFiles, withNestedFiles } from './nested-files';
import { successDiagnostics } from './outcome';

const corpus = (name: string) => ({ name, text: readFileSync(new URL(`../../../test/fixtures/corpus/${name}`, import.meta.url), 'utf8') });
const OUTER = corpus('0.4.19__tests__scenarios__archive__test_dag_nested_parallel.yaml');
const INNER = corpus('0.4.19__tests__scenarios__archive__test_dag_parallel_as_is.yaml');
const NESTED_DAG = corpus('0.4.19__tests__scenarios__archive__test_dag_nested_dag.yaml');

describe('nested dag files', () => {
  it('lists the dag_definition files that were not supplied, each once', () => {
    expect(missingNestedFiles(loadPipeline(classifyFiles([OUTER]).input!))).toEqual(['tests/scenarios/test_dag_parallel_as_is.yaml']);
    // Two steps name the same file: asked for once.
    expect(missingNestedFiles(loadPipeline(classifyFiles([NESTED_DAG]).input!))).toEqual(['tests/scenarios/test_dag_as_is.yaml', 'tests/scenarios/test_dag_within_dag_as_is.yaml']);
  });

  it('imports again with a file chosen for a path, whatever its name, and says so in the report', () => {
    const base = classifyFiles([OUTER]);
    const withInner = withNestedFiles(base, { 'tests/scenarios/test_dag_parallel_as_is.yaml': INNER });
    const result = loadPipeline(withInner.input!);
    expect(missingNestedFiles(result)).toEqual([]);
    const dag = findStep(result.pipeline!, 'step_parallel_within_dag')!.step;
    expect(dag.type === 'dag' && dag.graph?.steps.length).toBeGreaterThan(0);
    const notes = successDiagnostics(withInner, result).filter((d) => d.file === INNER.name);
    expect(notes[0].message).toContain('was chosen for `dag_definition: tests/scenarios/test_dag_parallel_as_is.yaml`');
    // The base is untouched.
    expect(base.input!.nested).toBeUndefined();
  });

  it('matches several files at once by name, and a single file to a single path by any name', () => {
    const missing = ['a/one.yaml', 'b/two.yaml'];
    const files = [
      { name: 'two.yaml', text: 'dag: {}' },
      { name: 'other.yaml', text: 'dag: {}' },
    ];
    expect(matchNestedFiles(missing, files)).toEqual({ matched: { 'b/two.yaml': files[0] }, unmatched: [files[1]] });
    expect(matchNestedFiles(['x/y.yaml'], [files[1]]).matched).toEqual({ 'x/y.yaml': files[1] });
  });
});
