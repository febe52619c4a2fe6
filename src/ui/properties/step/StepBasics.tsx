import { setStartStep } from '../../../core/model/actions';
import { changeStepType } from '../../../core/model/structure-actions';
import type { StepType } from '../../../core/model/types';
import { SelectField } from '../../forms/ChoiceFields';
import { fieldId } from '../../forms/field-id';
import { useDesigner } from '../../store/context';
import { StepNameField } from './StepNameField';
import type { StepFormProps } from './step-form-props';

const TYPES: { value: StepType; label: string }[] = [
  { value: 'task', label: 'task — runs a command' },
  { value: 'stub', label: 'stub — does nothing (placeholder)' },
  { value: 'parallel', label: 'parallel — runs branches' },
  { value: 'map', label: 'map — runs a branch per item' },
  { value: 'dag', label: 'dag — runs a nested dag file' },
  { value: 'success', label: 'success — ends the graph' },
  { value: 'fail', label: 'fail — ends the graph as failed' },
];

/** Name, type and whether the graph starts here. */
export function StepBasics(props: StepFormProps) {
  const { visit, messages } = props;
  const apply = useDesigner((s) => s.apply);
  const { step, path } = visit;
  const isStart = visit.graph.start_at === step.name;
  const terminal = step.type === 'success' || step.type === 'fail';
  return (
    <fieldset className="section">
      <legend>Step</legend>
      <StepNameField {...props} />
      <SelectField
        id={fieldId(path, 'type')}
        label="Step type"
        value={step.type}
        options={TYPES}
        hint="changing the type keeps the name, the edges and the overrides"
        messages={messages('type')}
        onChange={(type) => apply((p) => changeStepType(p, path, type as StepType))}
      />
      <div className="start-step" id={fieldId(path, 'start_at')} tabIndex={-1}>
        {isStart ? (
          <p>
            <span className="badge badge-start">Start step</span> the graph starts here
          </p>
        ) : (
          !terminal && (
            <button type="button" onClick={() => apply((p) => setStartStep(p, path))}>
              Make start step
            </button>
          )
        )}
      </div>
    </fieldset>
  );
}
