import type { FieldMessage } from './field-messages';
import { useDraft } from './hooks';
import { TextField, type TextFieldProps } from './TextField';

export type Parsed<T> = { value: T; note?: string } | { error: string };

export interface DraftFieldProps<T> extends Omit<TextFieldProps, 'value' | 'onChange'> {
  value: T;
  format: (value: T) => string;
  parse: (text: string) => Parsed<T>;
  onCommit: (value: T) => void;
}

/**
 * A text field for a value the model stores parsed. Each keystroke that parses is committed; text
 * that does not parse stays on screen with the reason, and is not committed (the model keeps the
 * last good value), so nothing typed silently disappears.
 */
export function DraftField<T>({ value, format, parse, onCommit, onBlur, messages = [], note, ...field }: DraftFieldProps<T>) {
  const modelText = format(value);
  const draft = useDraft(field.id, modelText);
  const parsed = parse(draft.text);
  const local: FieldMessage[] = 'error' in parsed ? [{ severity: 'error', text: parsed.error }] : [];
  const change = (text: string) => {
    const next = parse(text);
    if ('error' in next) return draft.typed(text, modelText, next.error);
    onCommit(next.value);
    draft.typed(text, format(next.value));
  };
  const blur = () => {
    draft.settle();
    onBlur?.();
  };
  const parsedNote = 'note' in parsed ? parsed.note : undefined;
  return <TextField {...field} value={draft.text} onChange={change} onBlur={blur} messages={[...local, ...messages]} note={[note, parsedNote].filter(Boolean).join('; ') || undefined} />;
}
