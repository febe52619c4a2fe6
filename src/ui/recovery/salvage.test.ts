import { describe, expect, it } from 'vitest';
import { importMagnus } from '../../core/magnus/import';
import { readSave } from '../store/read-save';
import { examplePipeline } from '../store/initial';
import { salvageFiles } from './salvage';

/** The example as the designer saves it, changed by `breakIt` into a save it cannot restore. */
function brokenSave(breakIt: (saved: Record<string, any>) => void): string {
  const saved = JSON.parse(JSON.stringify(examplePipeline()));
  breakIt(saved);
  const text = JSON.stringify(saved);
  expect(readSave(text)).toHaveProperty('problem');
  return text;
}

describe('the magnus files of a save that cannot be restored', () => {
  it('leaves out a null step and writes the rest, which imports again', () => {
    const steps = examplePipeline().dag.steps.map((s) => s.name);
    const salvaged = salvageFiles(brokenSave((saved) => (saved.dag.steps[1] = null)))!;
    expect(salvaged.left).toEqual(['dag.steps.1']);
    // Named as the designer names them: after the paths the containers read them from.
    expect(salvaged.files.map((f) => f.name)).toEqual(['train.yaml', 'kfp-config.yaml', 'parameters.yaml']);
    const [dag, config] = salvaged.files.map((f) => f.text);
    const again = importMagnus({ dag: { text: dag }, config: { text: config } }).pipeline!;
    expect(again.dag.steps.map((s) => s.name)).toEqual(steps.filter((_, i) => i !== 1));
  });

  it('leaves out settings of the wrong type and a step that lacks its name, one by one', () => {
    const salvaged = salvageFiles(
      brokenSave((saved) => {
        saved.executor.secrets_from_k8s = 'AWS_KEY=aws:key';
        delete saved.dag.steps[0].name;
      }),
    )!;
    expect(salvaged.left).toEqual(['dag.steps.0', 'executor.secrets_from_k8s']);
    expect(salvaged.files[1].text).toContain('docker_image');
    expect(salvaged.files[1].text).not.toContain('AWS_KEY');
  });

  it('gives nothing for what is not a pipeline at all: its JSON is all there is', () => {
    expect(salvageFiles('{"dag": ')).toBeUndefined();
    expect(salvageFiles('{}')).toBeUndefined();
    expect(salvageFiles(brokenSave((saved) => (saved.executor = 'kfp')))).toBeUndefined();
  });
});
