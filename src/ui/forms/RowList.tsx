import { useEffect, useRef, type ReactNode } from 'react';
import { MessageList } from './FieldShell';
import type { FieldMessage } from './field-messages';

interface RowListProps {
  /** The section's id, so a focus request for a row that no longer exists lands here. */
  id: string;
  legend: string;
  /** Column titles, for sighted users; every input carries its own full name. */
  columns: readonly string[];
  rowCount: number;
  /** Without it, rows are added some other way (the secrets quick entry). */
  addLabel?: string;
  onAdd?: () => void;
  hint?: ReactNode;
  children: ReactNode;
  /** Extra controls after the rows (the secrets quick entry). */
  footer?: ReactNode;
  /** Next to the legend: where the list comes from, a reset button. */
  status?: ReactNode;
  /** Relative column widths, when the columns are not alike. */
  weights?: readonly number[];
  /** A layout of its own (forms.css), e.g. rows over two lines. */
  className?: string;
}

/** An editable table as a list of row groups: narrow enough for the side panel. */
export function RowList({ id, legend, columns, rowCount, addLabel, onAdd, hint, children, footer, status, weights, className }: RowListProps) {
  const listRef = useRef<HTMLFieldSetElement>(null);
  const focusNewRow = useRef(false);
  useEffect(() => {
    // A row added from the keyboard is typed into next; put the caret there.
    if (!focusNewRow.current) return;
    focusNewRow.current = false;
    const rows = listRef.current?.querySelectorAll<HTMLElement>('.row');
    rows?.[rows.length - 1]?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [rowCount]);
  return (
    <fieldset id={id} ref={listRef} tabIndex={-1} className={className ? `rows ${className}` : 'rows'} aria-describedby={status ? `${id}-status` : undefined}>
      <legend>{legend}</legend>
      {status && (
        <div className="rows-status" id={`${id}-status`}>
          {status}
        </div>
      )}
      {hint && <p className="field-hint">{hint}</p>}
      {rowCount > 0 && (
        <div className="row row-head" aria-hidden="true" style={{ gridTemplateColumns: gridColumns(weights ?? columns.length) }}>
          {columns.map((c) => (
            <span key={c}>{c}</span>
          ))}
        </div>
      )}
      {children}
      {footer}
      {onAdd && (
        <button
          type="button"
          className="add-row"
          onClick={() => {
            focusNewRow.current = true;
            onAdd();
          }}
        >
          {addLabel}
        </button>
      )}
    </fieldset>
  );
}

/** The inputs share the width (by weight), the remove button takes what it needs. */
export const gridColumns = (inputs: number | readonly number[]) =>
  `${(typeof inputs === 'number' ? Array<number>(inputs).fill(1) : inputs).map((w) => `minmax(0, ${w}fr)`).join(' ')} auto`;

interface RowProps {
  label: string;
  removeLabel: string;
  onRemove: () => void;
  /** How many inputs, or their relative widths. */
  inputs: number | readonly number[];
  messagesId: string;
  messages: readonly FieldMessage[];
  children: ReactNode;
}

export function Row({ label, removeLabel, onRemove, inputs, messagesId, messages, children }: RowProps) {
  const remove = (button: HTMLButtonElement) => {
    const list = button.closest('.rows');
    onRemove();
    // The last row's button goes away with its row; keep the keyboard user inside the table.
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) list?.querySelector<HTMLElement>('.add-row, input')?.focus();
    });
  };
  return (
    <div role="group" aria-label={label} className="row" style={{ gridTemplateColumns: gridColumns(inputs) }}>
      {children}
      <button type="button" className="remove-row" aria-label={removeLabel} title={removeLabel} onClick={(e) => remove(e.currentTarget)}>
        ×
      </button>
      <div className="row-messages">
        <MessageList id={messagesId} messages={messages} />
      </div>
    </div>
  );
}

/** Props that tie a row input to the row's messages. */
export function rowInputProps(id: string, label: string, messagesId: string, messages: readonly FieldMessage[], invalid: boolean) {
  return {
    id,
    'aria-label': label,
    ...(messages.length > 0 ? { 'aria-describedby': messagesId } : {}),
    ...(invalid ? { 'aria-invalid': true as const } : {}),
    spellCheck: false,
    autoComplete: 'off',
  };
}
