import { useState } from 'react';
import { mergeMessages, type FieldMessage } from '../../forms/field-messages';
import { TextField } from '../../forms/TextField';
import type { BatchValue } from './batch-edit';
import { batchPlaceholder } from './batch-text';
import { BatchStatus } from './BatchStatus';

interface Props {
  id: string;
  label: string;
  value: BatchValue;
  /** What the steps run with when nothing is written anywhere (magnus's default), for the placeholder. */
  fallback?: string;
  /** The same keystroke check as the single-step field; an error keeps the text from being applied. */
  check: (text: string) => FieldMessage | undefined;
  /** The validator's findings on the targets, already named by step. */
  messages: readonly FieldMessage[];
  hint?: string;
  reset?: React.ReactNode;
  onApply: (text: string) => void;
}

/**
 * A field that sets one value on every selected step. Unlike a single step's field it applies on
 * Enter or when left, not per keystroke: half-typed text would otherwise be written to every step.
 * Text with an error stays in the field with the reason and is not applied.
 */
export function BatchTextField({ id, label, value, fallback, check, messages, hint, reset, onApply }: Props) {
  const [draft, setDraft] = useState<string>();
  const text = draft ?? value.text;
  const live = draft !== undefined && draft.trim() !== '' ? check(draft) : undefined;
  const apply = () => {
    if (draft === undefined) return;
    if (draft.trim() === '' || draft === value.text) return setDraft(undefined);
    if (live?.severity === 'error') return; // shown under the field; the steps keep their values
    onApply(draft);
    setDraft(undefined);
  };
  return (
    <TextField
      id={id}
      label={label}
      value={text}
      placeholder={batchPlaceholder(value, fallback)}
      status={<BatchStatus value={value} />}
      actions={reset}
      messages={mergeMessages(live ? [live] : [], messages)}
      hint={hint}
      onChange={setDraft}
      onBlur={apply}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          apply();
        } else if (event.key === 'Escape' && draft !== undefined) {
          event.preventDefault();
          setDraft(undefined);
        }
      }}
    />
  );
}
