import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArgoWorkflowYaml } from '../../src/core/check/argo';
import { checkKfpV2Yaml } from '../../src/core/check/kfp-v2';
import { hasErrors } from '../../src/core/diagnostics';
import { EMIT_TARGETS, emitPipeline } from '../../src/core/emit/index';
import { exportMagnus } from '../../src/core/magnus/export';
import { importMagnus } from '../../src/core/magnus/import';
import { transpile } from '../../src/core/transpile';
import { CORPUS, readCorpus } from '../support/fixtures';
import { corpusInput, kindOf, runCorpusFile, summarize } from './corpus-run';

interface Row {
  file: string;
  kind: string;
  era: string;
  diagnostics: string;
}

/** The reviewed table in CORPUS.md is the expectation; this reads it back. */
function readTable(): Row[] {
  const text = readFileSync(join(import.meta.dirname, 'CORPUS.md'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
      return { file: cells[0].replaceAll('`', ''), kind: cells[1], era: cells[2], diagnostics: cells[4] };
    });
}

const table = readTable();
const corpusFiles = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')).sort();

describe('the corpus table', () => {
  it('has one row per corpus file, no more, no less', () => {
    expect(table.map((r) => r.file).sort()).toEqual(corpusFiles);
  });

  it.each(table)('$file: kind, magnus version and diagnostics are as reviewed', (row) => {
    expect(kindOf(readCorpus(row.file))).toBe(row.kind);
    const result = runCorpusFile(row.file);
    expect(result.era).toBe(row.era);
    expect(summarize(result.diagnostics)).toBe(row.diagnostics);
  });
});

const dagFiles = corpusFiles.filter((f) => kindOf(readCorpus(f)) === 'dag');

describe('every corpus DAG', () => {
  it.each(dagFiles)('%s imports and round-trips: import → export → import gives an equal model', (file) => {
    const first = importMagnus(corpusInput(file));
    expect(first.pipeline).toBeDefined();
    const files = exportMagnus(first.pipeline!);
    const again = importMagnus({
      dag: { text: files.dag },
      config: { text: files.config },
      ...(files.parameters ? { parameters: { text: files.parameters } } : {}),
      nested: files.nested,
    });
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.pipeline).toEqual(first.pipeline);
    expect(exportMagnus(again.pipeline!)).toEqual(files);
  });

  it.each(dagFiles)('%s: what the emitters accept passes the strict checkers in every target', (file) => {
    const { pipeline } = importMagnus(corpusInput(file));
    for (const target of EMIT_TARGETS) {
      const result = emitPipeline(pipeline!, { target });
      if (hasErrors(result.diagnostics)) continue; // refused with a coded diagnostic; the table lists it
      const check = target === 'kfp-v2' ? checkKfpV2Yaml(result.text) : checkArgoWorkflowYaml(result.text);
      expect(check.problems, `${target}`).toEqual([]);
    }
  });
});

const configFiles = corpusFiles.filter((f) => kindOf(readCorpus(f)) === 'config');
/** The configs' own variables (`image: $docker_image`…), as a user sets them with RUNNABLE_VAR_* / MAGNUS_VAR_*. */
const CONFIG_VARIABLES = ['docker_image', 'argo_docker_image', 'default_docker_image', 'custom_docker_image'].map((name) => ({ name, value: `registry.example.com/${name.replaceAll('_', '-')}:1` }));

describe('every corpus config', () => {
  it.each(configFiles)('%s round-trips: import → export → import gives an equal model', (file) => {
    const first = importMagnus({ ...corpusInput(file), variables: CONFIG_VARIABLES });
    expect(first.pipeline).toBeDefined();
    const files = exportMagnus(first.pipeline!);
    const again = importMagnus({ dag: { text: files.dag }, config: { text: files.config }, nested: files.nested });
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.pipeline).toEqual(first.pipeline);
  });

  it.each(configFiles)('%s: what transpiles passes the strict checkers in every target', (file) => {
    for (const target of EMIT_TARGETS) {
      const result = transpile({ ...corpusInput(file), variables: CONFIG_VARIABLES }, { target });
      if (result.text === undefined) {
        expect(hasErrors(result.diagnostics), `${target}: refused with a coded error`).toBe(true);
        continue;
      }
      const check = target === 'kfp-v2' ? checkKfpV2Yaml(result.text) : checkArgoWorkflowYaml(result.text);
      expect(check.problems, `${target}`).toEqual([]);
    }
  });
});
