import type { KeyboardEvent } from 'react';
import { FieldShell, type FieldShellProps } from './FieldShell';
import { useVariableMap } from './hooks';
import { describeResolution, resolutionOf } from './variable-hint';

export interface TextFieldProps extends Omit<FieldShellProps, 'note'> {
  value: string;
  onChange: (text: string) => void;
  onBlur?: () => void;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  placeholder?: string;
  multiline?: boolean;
  rows?: number;
  /** Show what `${var}` references resolve to (on by default). */
  resolveVariables?: boolean;
  /** Extra note (e.g. why a draft was not saved), shown before the variables note. */
  note?: string;
  inputMode?: 'numeric' | 'text';
}

/** A text input or textarea fed from the model on every render, so it always shows the truth. */
export function TextField({ value, onChange, onBlur, onKeyDown, placeholder, multiline, rows = 3, resolveVariables = true, note, inputMode, ...shell }: TextFieldProps) {
  const variables = useVariableMap();
  const resolution = resolveVariables ? describeResolution(resolutionOf(value, variables)) : undefined;
  const notes = [note, resolution].filter(Boolean).join('; ');
  const common = { value, placeholder, spellCheck: false, autoComplete: 'off', onBlur, onKeyDown };
  return (
    <FieldShell {...shell} note={notes || undefined}>
      {(control) =>
        multiline ? (
          <textarea {...control} {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...control} {...common} type="text" inputMode={inputMode} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </FieldShell>
  );
}
