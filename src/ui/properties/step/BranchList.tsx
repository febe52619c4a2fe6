import { useState } from 'react';
import { ActionError } from '../../../core/model/actions';
import { addBranch, removeBranch, renameBranch } from '../../../core/model/structure-actions';
import type { Pipeline } from '../../../core/model/types';
import { fieldId } from '../../forms/field-id';
import { hasError, type FieldMessage } from '../../forms/field-messages';
import { Row, RowList, rowInputProps } from '../../forms/RowList';
import { useDesigner } from '../../store/context';
import type { StepFormProps } from './step-form-props';

function renameProblem(pipeline: Pipeline, path: string, from: string, to: string): string | undefined {
  if (to.trim() === '') return 'a branch needs a name';
  try {
    renameBranch(pipeline, path, from, to);
    return undefined;
  } catch (error) {
    if (error instanceof ActionError) return error.message;
    throw error;
  }
}

/** A parallel step's branches by name; like step names, renamed on Enter or leaving the field. */
export function BranchList({ pipeline, visit, messages }: StepFormProps) {
  const apply = useDesigner((s) => s.apply);
  const [draft, setDraft] = useState<{ path: string; index: number; text: string }>();
  const { step, path } = visit;
  if (step.type !== 'parallel') return null;
  const shown = (index: number, name: string) => (draft?.path === path && draft.index === index ? draft.text : name);
  return (
    <RowList
      id={fieldId(path, 'branches')}
      legend="Branches"
      columns={['Branch name']}
      rowCount={step.branches.length}
      hint="each branch is a graph of its own; they run side by side"
      addLabel="Add branch"
      onAdd={() => apply((p) => addBranch(p, path))}
    >
      {step.branches.map((branch, index) => {
        const n = index + 1;
        const text = shown(index, branch.name);
        const problem = text !== branch.name ? renameProblem(pipeline, path, branch.name, text) : undefined;
        const rowMessages: FieldMessage[] = [...(problem ? [{ severity: 'error' as const, text: problem }] : []), ...(index === 0 ? messages('branches') : [])];
        const commit = () => {
          if (problem) return;
          if (text !== branch.name) apply((p) => renameBranch(p, path, branch.name, text));
          setDraft(undefined);
        };
        const messagesId = `${fieldId(path, `branches.${index}`)}-messages`;
        return (
          <Row key={index} label={`Branch ${n}`} removeLabel={`Remove branch ${n}`} inputs={1} messagesId={messagesId} messages={rowMessages} onRemove={() => apply((p) => removeBranch(p, path, branch.name))}>
            <input
              {...rowInputProps(fieldId(path, `branches.${branch.name}`), `Branch ${n} name`, messagesId, rowMessages, hasError(rowMessages))}
              value={text}
              onChange={(e) => setDraft({ path, index, text: e.target.value })}
              onBlur={commit}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  commit();
                } else if (e.key === 'Escape') setDraft(undefined);
              }}
            />
          </Row>
        );
      })}
    </RowList>
  );
}
