import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../core/model/types';
import { downloadFileName, safeFileName } from './file-names';
import { pipelineOf } from '../../core/model/defaults';

const pipeline = (over: Partial<Pipeline> = {}): Pipeline => ({
  ...pipelineOf({ steps: [] }),
  layout: {},
  ...over,
});

describe('download file names', () => {
  it('names the workflow after the effective output_file (default pipeline.yaml)', () => {
    expect(downloadFileName(pipeline(), 'pipeline')).toBe('pipeline.yaml');
    expect(downloadFileName(pipeline({ executor: { profiles: [], output_file: 'out/kfp-pipeline.yaml' } }), 'pipeline')).toBe('kfp-pipeline.yaml');
  });

  it('resolves variables in output_file, and falls back when one has no value', () => {
    const executor = { profiles: [], output_file: '${name}.yaml' };
    expect(downloadFileName(pipeline({ executor, variables: [{ name: 'name', value: 'churn' }] }), 'pipeline')).toBe('churn.yaml');
    expect(downloadFileName(pipeline({ executor }), 'pipeline')).toBe('pipeline.yaml');
  });

  it('names the magnus files after the paths the containers read them from', () => {
    const p = pipeline({ files: { dag: 'pipelines/train.yaml', config: 'pipelines/kfp-config.yaml' } });
    expect(downloadFileName(p, 'dag')).toBe('train.yaml');
    expect(downloadFileName(p, 'config')).toBe('kfp-config.yaml');
    expect(downloadFileName(p, 'parameters')).toBe('parameters.yaml');
  });

  it('never offers a name a file system refuses', () => {
    expect(safeFileName('a:b?.yaml', 'x.yaml')).toBe('a_b_.yaml');
    expect(safeFileName('dir/', 'x.yaml')).toBe('x.yaml');
    expect(safeFileName('..', 'x.yaml')).toBe('x.yaml');
    expect(safeFileName(undefined, 'x.yaml')).toBe('x.yaml');
  });
});

describe('nested dag files', () => {
  it('are those of dag steps whose graph the pipeline holds, each once, saved under their own name', async () => {
    const { terminalGraph } = await import('../../core/model/new-steps');
    const { nestedFileName, nestedFilePaths } = await import('./file-names');
    const dag = {
      steps: [
        { name: 'a', type: 'dag' as const, dag_definition: 'sub/inner.yaml', graph: terminalGraph() },
        { name: 'b', type: 'dag' as const, dag_definition: 'sub/inner.yaml', graph: terminalGraph() },
        { name: 'c', type: 'dag' as const, dag_definition: 'not-loaded.yaml' },
        { name: 'p', type: 'parallel' as const, branches: [{ name: 'x', graph: { steps: [{ name: 'd', type: 'dag' as const, dag_definition: 'deep.yaml', graph: terminalGraph() }] } }] },
      ],
    };
    expect(nestedFilePaths(dag)).toEqual(['sub/inner.yaml', 'deep.yaml']);
    expect(nestedFileName('sub/inner.yaml')).toBe('inner.yaml');
  });
});
