import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../core/transpile';
import { classifyFiles, looksLikeDag, pastedInput } from './classify';
import { failureDiagnostics, isFailedImport, locationText, successDiagnostics, withFileNames } from './outcome';

const corpus = (name: string) => ({ name, text: readFileSync(new URL(`../../../test/fixtures/corpus/${name}`, import.meta.url), 'utf8') });
const DAG = '0.5.0__examples__executors__step_overrides_container.yaml';
const CONFIG = '0.5.0__examples__executors__local-container-override.yaml';

describe('classifyFiles', () => {
  it('tells the dag from the config whatever their order, and keeps the file names as container paths', () => {
    const c = classifyFiles([corpus(CONFIG), corpus(DAG)]);
    expect(c.problems).toEqual([]);
    expect(c.files.map((f) => [f.name, f.role])).toEqual([
      [CONFIG, 'config'],
      [DAG, 'dag'],
    ]);
    expect(c.input?.dag.path).toBe(DAG);
    expect(c.input?.config?.path).toBe(CONFIG);
    expect(c.fileNames).toEqual({ dag: DAG, config: CONFIG });
  });

  it('takes any other mapping as the parameters file, and ignores what is not a mapping', () => {
    const c = classifyFiles([
      { name: 'p.yaml', text: 'learning_rate: 0.1\n' },
      { name: 'd.yaml', text: 'dag:\n  start_at: a\n  steps: {}\n' },
      { name: 'list.yaml', text: '- 1\n- 2\n' },
      { name: 'empty.yaml', text: '' },
    ]);
    expect(c.files.map((f) => f.role)).toEqual(['parameters', 'dag', 'ignored', 'ignored']);
    expect(c.input?.parameters?.text).toBe('learning_rate: 0.1\n');
    expect(c.files[3].reason).toBe('is empty');
  });

  it('recognises config files of every era by their keys', () => {
    for (const key of ['mode', 'pipeline-executor', 'run_log_store', 'run-log-store', 'catalog']) {
      expect(classifyFiles([{ name: 'c.yaml', text: `${key}:\n  type: x\n` }]).files[0].role).toBe('config');
    }
  });

  it('takes a second dag file named like a step`s dag_definition as that nested file', () => {
    const c = classifyFiles([
      { name: 'inner.yaml', text: 'dag:\n  start_at: x\n  steps:\n    x: {type: success}\n' },
      { name: 'outer.yaml', text: 'dag:\n  start_at: d\n  steps:\n    d: {type: dag, dag_definition: sub/inner.yaml, next: success}\n    success: {type: success}\n' },
    ]);
    expect(c.problems).toEqual([]);
    expect(c.files.map((f) => f.role)).toEqual(['nested', 'dag']);
    expect(c.input?.nested).toEqual({ 'sub/inner.yaml': expect.stringContaining('start_at: x') });
    expect(c.fileNames['sub/inner.yaml']).toBe('inner.yaml');
  });

  it('finds a dag_definition spelt with an escape, or brought in by an alias, as the importer reads it', () => {
    const inner = { name: 'inner.yaml', text: 'dag:\n  start_at: x\n  steps:\n    x: {type: success}\n' };
    const escaped = 'dag:\n  start_at: d\n  steps:\n    d: {type: dag, "dag\\x5fdefinition": sub/inner.yaml, next: success}\n    success: {type: success}\n';
    const aliased = 'keys:\n  - &k dag_definition\ndag:\n  start_at: d\n  steps:\n    d: {type: dag, *k : sub/inner.yaml, next: success}\n    success: {type: success}\n';
    for (const text of [escaped, aliased]) {
      const c = classifyFiles([inner, { name: 'outer.yaml', text }]);
      expect(c.files.map((f) => f.role)).toEqual(['nested', 'dag']);
      expect(c.input?.nested).toEqual({ 'sub/inner.yaml': inner.text });
    }
  });

  it('refuses two pipelines, two configs, or no dag at all, saying which files', () => {
    const two = classifyFiles([
      { name: 'a.yaml', text: 'dag: {}\n' },
      { name: 'b.yaml', text: 'dag: {}\n' },
    ]);
    expect(two.input).toBeUndefined();
    expect(two.problems[0]).toContain('a.yaml and b.yaml');
    const none = classifyFiles([{ name: 'c.yaml', text: 'executor: {type: kfp}\n' }]);
    expect(none.problems).toEqual(['none of the files has a top-level `dag:` key, so there is no pipeline to import']);
  });

  it('still takes a dag that does not parse as the dag, so its syntax error is reported with its line', () => {
    const c = classifyFiles([{ name: 'broken.yaml', text: 'dag:\n  start_at: a\n  steps:\n    a: [\n' }]);
    expect(c.files[0].role).toBe('dag');
    const result = loadPipeline(c.input!);
    expect(isFailedImport(result)).toBe(true);
    const [first] = failureDiagnostics(c, result);
    expect(first).toMatchObject({ severity: 'error', code: 'YAML_SYNTAX', file: 'broken.yaml', line: 5 });
    expect(locationText(first)).toBe('broken.yaml:5:1');
  });

  it('ignores files that could not be read', () => {
    const c = classifyFiles([{ name: 'big.yaml', text: '', unreadable: 'is larger than 8 MiB (9 MiB), the limit' }]);
    expect(c.files[0]).toMatchObject({ role: 'ignored', reason: 'is larger than 8 MiB (9 MiB), the limit' });
  });
});

describe('import outcome', () => {
  it('a corpus pipeline with validation errors is still imported; the report names the files and the era', () => {
    const c = classifyFiles([corpus(DAG), corpus(CONFIG)]);
    const result = loadPipeline(c.input!);
    expect(isFailedImport(result)).toBe(false);
    const report = successDiagnostics(c, result);
    expect(report[0]).toMatchObject({ code: 'I_IMPORT_FILE', file: DAG, message: expect.stringContaining('pipeline (dag) file') });
    expect(report.find((d) => d.code === 'I_ERA')).toMatchObject({ file: DAG, message: expect.stringContaining('magnus 0.5.0') });
    expect(report.find((d) => d.code === 'W_CONFIG_KEY_DROPPED')).toMatchObject({ file: CONFIG, line: 5 });
  });

  it('a dag without `dag:` fails', () => {
    const c = pastedInput({ dag: 'steps: {}\n', config: '', parameters: '' });
    const result = loadPipeline(c.input!);
    expect(isFailedImport(result)).toBe(true);
    expect(failureDiagnostics(c, result)[0]).toMatchObject({ code: 'E_IMPORT_NO_DAG', file: 'Dag YAML' });
  });

  it('leaves diagnostics of unknown files alone', () => {
    expect(withFileNames([{ code: 'X', severity: 'info', message: 'm', file: 'other' }], { dag: 'a.yaml' })[0].file).toBe('other');
  });
});

describe('pasted text', () => {
  it('spots a pipeline by its top-level dag key', () => {
    expect(looksLikeDag('# pipeline\ndag:\n  steps: {}')).toBe(true);
    expect(looksLikeDag('  dag: nested')).toBe(false);
    expect(looksLikeDag('hello')).toBe(false);
  });

  it('leaves out empty optional texts and needs the dag', () => {
    expect(pastedInput({ dag: 'dag: {}', config: ' ', parameters: 'a: 1' }).input).toEqual({ dag: { text: 'dag: {}' }, parameters: { text: 'a: 1' } });
    expect(pastedInput({ dag: '', config: '', parameters: '' }).problems).toHaveLength(1);
  });
});
