import { describe, expect, it } from 'vitest';
import { COPIED_STEPS_HEADER } from '../../core/model/clipboard-header';
import { pasteIntent } from './paste-rule';

const pipelineText = 'dag:\n  start_at: a\n  steps:\n    a: {type: stub, next: success}\n';
const nowhere = { canvasFocused: false, stepsSelected: false };

describe('what a paste on the page does', () => {
  it('pastes steps copied by the designer wherever the focus is', () => {
    expect(pasteIntent(COPIED_STEPS_HEADER + pipelineText, nowhere)).toBe('steps');
  });

  it('offers a whole pipeline for import when nothing is selected and the canvas is not focused', () => {
    expect(pasteIntent(pipelineText, nowhere)).toBe('import');
  });

  it('pastes the steps of any text on the focused canvas or with steps selected (text without steps is refused there)', () => {
    expect(pasteIntent(pipelineText, { canvasFocused: true, stepsSelected: false })).toBe('steps');
    expect(pasteIntent(pipelineText, { canvasFocused: false, stepsSelected: true })).toBe('steps');
    expect(pasteIntent('hello', nowhere)).toBe('steps');
  });
});
