import { describe, expect, it } from 'vitest';
import { emitPipeline } from '../../core/emit/index';
import { EXAMPLE } from '../../example';
import { startImport } from './read-import';

const files = [
  { name: 'train.yaml', text: EXAMPLE.dag.text },
  { name: 'config.yaml', text: EXAMPLE.config!.text },
];

describe('reading an import (in the reader worker)', () => {
  it('tells the files apart and imports them, saying how far it got, then checks what the page will show', () => {
    const steps: string[] = [];
    const read = startImport({ source: { files }, target: 'argo' }, (p) => steps.push(`${p.step}/${p.of} ${p.label}`));
    expect(read.status).toBe('read');
    if (read.status !== 'read') return;
    expect(read.classification.fileNames).toEqual({ dag: 'train.yaml', config: 'config.yaml' });
    expect(steps).toEqual(['1/5 Reading the files', '2/5 Reading the pipeline']);
    const { seed, diagnostics } = read.check('argo');
    expect(seed.target).toBe('argo');
    expect(seed.emission).toEqual(emitPipeline(read.pipeline, { target: 'argo' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'I_IMPORT_FILE', file: 'train.yaml' }));
  });

  it('asks for nested dag files before reading to the end, and reads them once chosen', () => {
    const dag = 'dag:\n  start_at: inner\n  steps:\n    inner: {type: dag, dag_definition: sub/inner.yaml, next: success}\n    success: {type: success}\n    fail: {type: fail}\n';
    const first = startImport({ source: { files: [{ name: 'dag.yaml', text: dag }] }, askForNested: true, target: 'kfp-v2' });
    expect(first).toMatchObject({ status: 'needs-nested', missing: ['sub/inner.yaml'] });
    const inner = { name: 'whatever.yaml', text: 'dag:\n  start_at: a\n  steps:\n    a: {type: stub, next: success}\n    success: {type: success}\n    fail: {type: fail}\n' };
    const second = startImport({ source: { classification: first.classification }, chosen: { 'sub/inner.yaml': inner }, askForNested: true, target: 'kfp-v2' });
    expect(second.status).toBe('read');
  });

  it('refuses files it cannot read, with their positions, and takes nothing', () => {
    const read = startImport({ source: { files: [{ name: 'dag.yaml', text: 'dag:\n  steps: [\n' }] }, target: 'kfp-v2' });
    expect(read.status).toBe('failed');
    expect(read.status === 'failed' && read.diagnostics[0]).toMatchObject({ severity: 'error', file: 'dag.yaml', line: expect.any(Number) });
  });
});
