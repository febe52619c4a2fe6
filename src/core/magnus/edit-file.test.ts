import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/support/fixtures';
import { exportMagnus } from './export';
import { applyEditedFile } from './edit-file';
import { importMagnus } from './import';

const pipeline = importMagnus({
  dag: { text: readFixture('golden-input', 'train.dag.yaml') },
  config: { text: readFixture('golden-input', 'train.config.yaml') },
  parameters: { text: readFixture('golden-input', 'train.parameters.yaml') },
}).pipeline!;

describe('editing a magnus file as text', () => {
  it('an unchanged text gives back the same model', () => {
    expect(applyEditedFile(pipeline, 'dag', exportMagnus(pipeline).dag).pipeline).toEqual(pipeline);
  });

  it('a valid edit of a step override changes the model and keeps every position', () => {
    const text = exportMagnus(pipeline).dag.replace('memory_limit: 8Gi', 'memory_limit: 16Gi');
    const edited = applyEditedFile(pipeline, 'dag', text).pipeline!;
    expect(edited.dag.steps[1].kfp).toContainEqual({ key: 'memory_limit', value: '16Gi' });
    expect(edited.layout).toEqual(pipeline.layout);
  });

  it('a renamed step loses only its own position (to be placed again)', () => {
    const text = exportMagnus(pipeline).dag.replace('\n    evaluate:', '\n    assess:').replace('next: evaluate', 'next: assess');
    const edited = applyEditedFile(pipeline, 'dag', text).pipeline!;
    expect(edited.dag.steps.map((s) => s.name)).toContain('assess');
    expect(edited.layout.assess).toBeUndefined();
    expect(edited.layout['train model']).toEqual(pipeline.layout['train model']);
  });

  it('a typo gives positioned diagnostics for that file and no pipeline', () => {
    const text = exportMagnus(pipeline).dag.replace('  steps:', '  steps: [');
    const edited = applyEditedFile(pipeline, 'dag', text);
    expect(edited.pipeline).toBeUndefined();
    expect(edited.diagnostics[0]).toMatchObject({ file: 'dag', severity: 'error' });
    expect(edited.diagnostics[0].line).toBeGreaterThan(0);
  });

  it('the config and parameters can be edited the same way', () => {
    const config = exportMagnus(pipeline).config.replace('cpu_limit: "1"', 'cpu_limit: "2"');
    expect(applyEditedFile(pipeline, 'config', config).pipeline!.executor.cpu_limit).toBe('2');
    const parameters = applyEditedFile(pipeline, 'parameters', 'epochs: 20\n').pipeline!;
    expect(parameters.parameters).toEqual([{ name: 'epochs', value: 20 }]);
  });
});
