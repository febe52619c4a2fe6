import { basename } from 'node:path';
import { readdirSync } from 'node:fs';
import type { Diagnostic } from '../../src/core/diagnostics';
import { emitPipeline } from '../../src/core/emit/index';
import { importMagnus, type MagnusInput } from '../../src/core/magnus/import';
import { loadPipeline } from '../../src/core/transpile';
import { CORPUS, readCorpus, TEST_CONFIG } from '../support/fixtures';

export type CorpusKind = 'dag' | 'config' | 'parameters' | 'output';

const MINIMAL_DAG = 'dag:\n  start_at: hello\n  steps:\n    hello: {type: task, command: examples.hello, next: success}\n    success: {type: success}\n    fail: {type: fail}\n';

/** What a corpus file is, judged from its top-level keys. */
export function kindOf(text: string): CorpusKind {
  if (/^dag:/m.test(text)) return 'dag';
  if (/^apiVersion:/m.test(text)) return 'output';
  if (/^(executor|mode|pipeline-executor|run_log_store|run-log-store):/m.test(text)) return 'config';
  return 'parameters';
}

/**
 * `dag_definition` paths in the corpus name files of the magnus repository (`tests/scenarios/x.yaml`);
 * the corpus holds them as `<tag>__tests__scenarios__archive__x.yaml`.
 */
function nestedFromCorpus(path: string): string | undefined {
  const wanted = `__${basename(path)}`;
  const file = readdirSync(CORPUS).find((f) => f.startsWith('0.4.19') && f.endsWith(wanted));
  return file ? readCorpus(file) : undefined;
}

export function corpusInput(file: string): MagnusInput {
  const text = readCorpus(file);
  switch (kindOf(text)) {
    case 'dag':
    case 'output':
      return { dag: { text, path: file }, config: { text: TEST_CONFIG }, nested: nestedFromCorpus };
    case 'config':
      return { dag: { text: MINIMAL_DAG, path: 'dag.yaml' }, config: { text } };
    case 'parameters':
      return { dag: { text: MINIMAL_DAG, path: 'dag.yaml' }, config: { text: TEST_CONFIG }, parameters: { text } };
  }
}

export interface CorpusResult {
  era: string;
  diagnostics: Diagnostic[];
}

/** Import + validate + KFP v2 emission: every diagnostic a user of the designer or CLI would see. */
export function runCorpusFile(file: string): CorpusResult {
  const loaded = loadPipeline(corpusInput(file));
  const emitted = loaded.pipeline ? emitPipeline(loaded.pipeline, { target: 'kfp-v2' }).diagnostics : [];
  return { era: eraOfFileAlone(file), diagnostics: [...loaded.diagnostics, ...emitted].filter((d) => d.code !== 'I_ERA') };
}

/** The version clues of the file itself, not of the test config read with it. */
function eraOfFileAlone(file: string): string {
  const text = readCorpus(file);
  switch (kindOf(text)) {
    case 'config':
      return importMagnus({ dag: { text: MINIMAL_DAG }, config: { text } }).era.summary;
    case 'parameters':
      return '—';
    default:
      return importMagnus({ dag: { text } }).era.summary;
  }
}

/** `CODE×n` in first-seen order, the way the table writes them. */
export function summarize(diagnostics: Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => (n > 1 ? `${code}×${n}` : code)).join(', ') || '—';
}
