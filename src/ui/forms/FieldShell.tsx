import type { ReactNode } from 'react';
import { hasError, type FieldMessage } from './field-messages';
import './forms.css';

/** What a control needs to be named and described by the shell around it. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export interface FieldShellProps {
  id: string;
  label: string;
  /** Errors and warnings, shown under the control and read as its description. */
  messages?: readonly FieldMessage[];
  /** Where the value comes from (a badge and a few words), part of the description too. */
  status?: ReactNode;
  /** A derived fact about the value, e.g. what its variables resolve to. */
  note?: string;
  hint?: ReactNode;
  /** Buttons next to the label (e.g. "Reset … to inherited"). */
  actions?: ReactNode;
  /** Checkboxes read better with the label after the box. */
  inline?: boolean;
}

/** Label, control, then what is wrong with it, linked so screen readers hear it with the field. */
export function FieldShell({ id, label, messages = [], status, note, hint, actions, inline, children }: FieldShellProps & { children: (control: ControlProps) => ReactNode }) {
  const ids = { messages: `${id}-messages`, status: `${id}-status`, note: `${id}-note`, hint: `${id}-hint` };
  const describedBy = [messages.length > 0 && ids.messages, status && ids.status, note && ids.note, hint && ids.hint].filter(Boolean).join(' ');
  const control = children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(hasError(messages) ? { 'aria-invalid': true } : {}) });
  return (
    <div className={`field${inline ? ' field-inline' : ''}`}>
      <div className="field-head">
        {inline && control}
        <label htmlFor={id}>{label}</label>
        {actions}
      </div>
      {!inline && control}
      {status && (
        <span id={ids.status} className="field-status">
          {status}
        </span>
      )}
      <MessageList id={ids.messages} messages={messages} />
      {note && (
        <p id={ids.note} className="field-note">
          {note}
        </p>
      )}
      {hint && (
        <p id={ids.hint} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

export function MessageList({ id, messages }: { id: string; messages: readonly FieldMessage[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="field-messages">
      {messages.map((m, i) => (
        <li key={i} className={`field-message field-message-${m.severity}`}>
          <span className="field-message-severity">{SEVERITY_WORD[m.severity]}:</span> {m.text}
        </li>
      ))}
    </ul>
  );
}
