import { useState } from 'react';
import { ActionError } from '../../../core/model/actions';
import { renameStep } from '../../../core/model/structure-actions';
import { joinPath } from '../../../core/model/paths';
import type { Pipeline } from '../../../core/model/types';
import { fieldId } from '../../forms/field-id';
import { TextField } from '../../forms/TextField';
import { useDesigner } from '../../store/context';
import type { StepFormProps } from './step-form-props';

/** What renaming would refuse (empty, taken), asked of the action itself without committing. */
function renameProblem(pipeline: Pipeline, path: string, name: string): string | undefined {
  try {
    renameStep(pipeline, path, name);
    return undefined;
  } catch (error) {
    if (error instanceof ActionError) return error.message;
    throw error;
  }
}

/**
 * Renamed on Enter or when the field is left, not per keystroke: every rename rewrites the edges
 * and start_at that name the step, and intermediate names would each be an undo step.
 */
export function StepNameField({ pipeline, visit, messages }: StepFormProps) {
  const apply = useDesigner((s) => s.apply);
  const select = useDesigner((s) => s.select);
  const [draft, setDraft] = useState<{ path: string; text: string }>();
  const { path, step } = visit;
  const text = draft?.path === path ? draft.text : step.name;
  const problem = text !== step.name ? renameProblem(pipeline, path, text) : undefined;
  const commit = () => {
    if (problem) return; // stays on screen with the reason, until fixed or Escape
    if (text !== step.name && apply((p) => renameStep(p, path, text))) select([joinPath(visit.graphPath, text)]);
    setDraft(undefined);
  };
  return (
    <TextField
      id={fieldId(path, 'name')}
      label="Step name"
      value={text}
      resolveVariables={false}
      hint="renamed when you press Enter or leave the field; edges follow the new name (Escape undoes the typing)"
      messages={[...(problem ? [{ severity: 'error' as const, text: problem }] : []), ...messages('name')]}
      onChange={(value) => setDraft({ path, text: value })}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit();
        } else if (event.key === 'Escape') {
          setDraft(undefined);
        }
      }}
    />
  );
}
