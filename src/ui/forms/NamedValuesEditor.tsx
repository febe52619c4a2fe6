import type { ReactNode } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import type { NamedValue } from '../../core/model/types';
import { rowFieldIds } from './field-id';
import { diagnosticsFor, hasError, resolutionNote } from './field-messages';
import { useVariableMap } from './hooks';
import { Row, RowList, rowInputProps } from './RowList';

interface NamedValuesEditorProps {
  /** The section's id (fieldId of `prefix`). */
  id: string;
  step: string | undefined;
  /** Diagnostic field prefix, e.g. `executor.env` or `kfp.node_selector`. */
  prefix: string;
  legend: string;
  /** What one row is called: "Variable", "Label". */
  noun: string;
  columns: readonly [string, string];
  placeholders: readonly [string, string];
  entries: readonly NamedValue[];
  diagnostics: readonly Diagnostic[];
  onChange: (entries: NamedValue[], field: string) => void;
  onEnd: () => void;
  hint?: ReactNode;
  status?: ReactNode;
}

/** Name/value rows: a container's environment, a node selector. */
export function NamedValuesEditor({ id, step, prefix, legend, noun, columns, placeholders, entries, diagnostics, onChange, onEnd, hint, status }: NamedValuesEditorProps) {
  const variables = useVariableMap();
  const ids = rowFieldIds(step, prefix, entries.map((e) => e.name));
  const update = (index: number, change: Partial<NamedValue>) =>
    onChange(
      entries.map((e, i) => (i === index ? { ...e, ...change } : e)),
      `${prefix}[${index}].${Object.keys(change)[0]}`,
    );
  return (
    <RowList
      id={id}
      legend={legend}
      columns={columns}
      rowCount={entries.length}
      hint={hint}
      status={status}
      addLabel={`Add ${noun.toLowerCase()}`}
      onAdd={() => {
        onChange([...entries, { name: '', value: '' }], prefix);
        onEnd();
      }}
    >
      {entries.map((entry, index) => {
        const n = index + 1;
        const problems = diagnosticsFor(diagnostics, step, `${prefix}.${entry.name}`);
        const valueNotes = resolutionNote('value', entry.value, variables);
        const messages = [...problems, ...valueNotes];
        const messagesId = `${ids[index]}-messages`;
        const input = (label: string, inputId: string, own: typeof messages) => rowInputProps(inputId, label, messagesId, own, hasError(own));
        return (
          <Row
            key={index}
            label={`${noun} ${n}`}
            removeLabel={`Remove ${noun.toLowerCase()} ${n}`}
            inputs={2}
            messagesId={messagesId}
            messages={messages}
            onRemove={() => {
              onChange(entries.filter((_, i) => i !== index), prefix);
              onEnd();
            }}
          >
            <input {...input(`${noun} ${n} ${columns[0].toLowerCase()}`, ids[index], problems)} value={entry.name} placeholder={placeholders[0]} onChange={(e) => update(index, { name: e.target.value })} onBlur={onEnd} />
            <input {...input(`${noun} ${n} ${columns[1].toLowerCase()}`, `${ids[index]}-value`, [...problems, ...valueNotes])} value={entry.value} placeholder={placeholders[1]} onChange={(e) => update(index, { value: e.target.value })} onBlur={onEnd} />
          </Row>
        );
      })}
    </RowList>
  );
}
