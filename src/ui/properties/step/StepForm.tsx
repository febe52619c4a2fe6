import { useMemo } from 'react';
import { findStep } from '../../../core/model/paths';
import { diagnosticsFor } from '../../forms/field-messages';
import { usePipeline } from '../../store/context';
import { useValidation } from '../../diagnostics/useDiagnostics';
import { CompositeFields } from './CompositeFields';
import { EdgePicker } from './EdgePicker';
import { OverridesSection } from './OverridesSection';
import { StepBasics } from './StepBasics';
import { TaskFields } from './TaskFields';
import type { StepFormProps } from './step-form-props';

const RUNS_A_CONTAINER = new Set(['task', 'stub', 'success', 'fail']);

/** One selected step: the fields its type has, then its Kubeflow overrides. */
export function StepForm({ path }: { path: string }) {
  const pipeline = usePipeline();
  const all = useValidation();
  // The step's own findings, picked once: each field looks for its own among them on every keystroke.
  const diagnostics = useMemo(() => all.filter((d) => d.step === path), [all, path]);
  const visit = findStep(pipeline, path);
  if (!visit) return null;
  const props: StepFormProps = { pipeline, visit, diagnostics, messages: (field) => diagnosticsFor(diagnostics, path, field) };
  const { step } = visit;
  return (
    <div className="properties-form">
      <h2>
        Step <span className="step-title">{step.name}</span>
      </h2>
      <StepBasics {...props} />
      {step.type !== 'success' && step.type !== 'fail' && (
        <fieldset className="section">
          <legend>Flow</legend>
          <EdgePicker {...props} kind="next" label="Next step" hint="runs after this step succeeds" />
          <EdgePicker {...props} kind="on_failure" label="On failure" hint="runs when this step fails; without it the graph fails" />
        </fieldset>
      )}
      {(step.type === 'task' || step.type === 'stub') && <TaskFields {...props} />}
      <CompositeFields {...props} />
      {RUNS_A_CONTAINER.has(step.type) ? (
        <OverridesSection {...props} />
      ) : (
        <p className="field-hint">A {step.type} step runs no container of its own; Kubeflow settings go on the steps inside it.</p>
      )}
    </div>
  );
}
