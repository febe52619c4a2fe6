import { findStep } from '../../core/model/paths';
import { useDesigner, usePipeline } from '../store/context';
import { PipelineSettings } from './global/PipelineSettings';
import { BatchForm } from './batch/BatchForm';
import { StepForm } from './step/StepForm';
import { useFocusRequest } from './useFocusRequest';
import './properties.css';

/** The pipeline's settings, or the selected step's, or a summary of a multiple selection. */
export function PropertiesPanel() {
  const pipeline = usePipeline();
  const selection = useDesigner((s) => s.selection);
  useFocusRequest();
  // A selection can outlive its steps (undo of an add, a rename elsewhere): show what still exists.
  const steps = selection.filter((path) => findStep(pipeline, path) !== undefined);
  return (
    <aside className="properties" aria-label="Properties">
      {steps.length === 0 ? <PipelineSettings /> : steps.length === 1 ? <StepForm path={steps[0]} /> : <BatchForm paths={steps} />}
    </aside>
  );
}
