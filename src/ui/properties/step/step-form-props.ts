import type { Diagnostic } from '../../../core/diagnostics';
import type { StepVisit } from '../../../core/model/paths';
import type { Pipeline } from '../../../core/model/types';
import type { FieldMessage } from '../../forms/field-messages';

/** What every part of the step form gets: the pipeline, the step where it sits, its findings (the step's own). */
export interface StepFormProps {
  pipeline: Pipeline;
  visit: StepVisit;
  diagnostics: readonly Diagnostic[];
  messages: (field: string) => FieldMessage[];
}
