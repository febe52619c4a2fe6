import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core/diagnostics';
import { setStepFields } from '../../core/model/settings-actions';
import { examplePipeline } from '../store/initial';
import { commit, redo, startHistory, undo } from '../store/history';
import { importOnly, liveFindings, type ImportFindings } from './import-findings';

const warning = (code: string, step?: string): Diagnostic => ({ code, severity: 'warning', message: code.toLowerCase(), ...(step ? { step } : {}) });

describe('import findings in the Problems list', () => {
  it("are the report's diagnostics the validator does not find again", () => {
    const both = warning('W_STEP_UNREACHABLE', 'x');
    expect(importOnly([warning('W_EXECUTOR_NOT_KFP'), { ...both, file: 'dag.yaml', line: 3 }], [both])).toEqual([warning('W_EXECUTOR_NOT_KFP')]);
  });

  it('last while the import is in the history, and those about a step while the step is as imported', () => {
    const before = examplePipeline();
    const imported = { ...examplePipeline() };
    let history = commit(startHistory(before), imported);
    const findings: ImportFindings = { pipeline: imported, at: history.past.length, diagnostics: [warning('W_EXECUTOR_NOT_KFP'), warning('W_UNKNOWN_KEY', 'train model')] };
    expect(liveFindings(findings, history)).toEqual(findings.diagnostics);

    history = commit(history, setStepFields(history.present, 'evaluate', { command: 'x.y' }));
    expect(liveFindings(findings, history)).toEqual(findings.diagnostics);
    history = commit(history, setStepFields(history.present, 'train model', { command: 'x.y' }));
    expect(liveFindings(findings, history)).toEqual([warning('W_EXECUTOR_NOT_KFP')]);

    const undone = undo(undo(undo(history)));
    expect(undone.present).toBe(before);
    expect(liveFindings(findings, undone)).toEqual([]);
    expect(liveFindings(findings, redo(undone))).toEqual(findings.diagnostics);
    // Undone, then something else done: the import is gone from the history.
    expect(liveFindings(findings, commit(undone, setStepFields(before, 'evaluate', { command: 'z' })))).toEqual([]);
  });
});
