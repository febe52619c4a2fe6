import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core/diagnostics';
import { countSummary, diagnosticLabel, stepLabel } from './summary';

const d = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'E_X', severity: 'error', message: 'bad', ...over });

describe('diagnostic summaries', () => {
  it('counts errors and warnings in words', () => {
    expect(countSummary([d({}), d({}), d({ severity: 'warning' }), d({ severity: 'info' })])).toBe('2 errors, 1 warning');
    expect(countSummary([], { notes: true })).toBe('0 errors, 0 warnings, 0 notes');
  });

  it('names a diagnostic by severity, step and message', () => {
    expect(diagnosticLabel(d({ step: 'train model', message: 'memory too low', field: 'kfp.memory_limit' }))).toBe(
      'error in step train model: memory too low (kfp.memory_limit)',
    );
    expect(diagnosticLabel(d({ severity: 'warning', field: 'executor.docker_image', message: 'no image' }))).toBe('warning in executor.docker_image: no image');
    expect(diagnosticLabel(d({ severity: 'info', message: 'era' }))).toBe('note: era');
  });

  it('shows step paths as the canvas nests them', () => {
    expect(stepLabel('fan.map_variable_placeholder.train')).toBe('fan › train');
    expect(stepLabel('par.branch_1.train')).toBe('par › branch_1 › train');
  });
});
