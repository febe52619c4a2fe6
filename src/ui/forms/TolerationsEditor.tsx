import type { ReactNode } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import type { Toleration } from '../../core/model/types';
import { fieldId } from './field-id';
import { diagnosticsFor, hasError } from './field-messages';
import { Row, RowList, rowInputProps } from './RowList';

interface TolerationsEditorProps {
  id: string;
  step: string | undefined;
  /** `executor.tolerations` or `kfp.tolerations`; a row's diagnostics are at `<prefix>.<index>`. */
  prefix: string;
  entries: readonly Toleration[];
  diagnostics: readonly Diagnostic[];
  onChange: (entries: Toleration[], field: string) => void;
  onEnd: () => void;
  hint?: ReactNode;
  status?: ReactNode;
}

const OPERATORS = ['Equal', 'Exists'];
const EFFECTS = ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'];
// Key and value are words, operator and effect short choices.
const WEIGHTS = [1.4, 1, 1, 1.3];

/** Kubernetes tolerations: taints of the nodes a step's pod may run on. */
export function TolerationsEditor({ id, step, prefix, entries, diagnostics, onChange, onEnd, hint, status }: TolerationsEditorProps) {
  const update = (index: number, change: Partial<Toleration>) => {
    const next = entries.map((t, i) => {
      if (i !== index) return t;
      const merged: Toleration = { ...t, ...change };
      for (const key of Object.keys(merged) as (keyof Toleration)[]) if (merged[key] === '') delete merged[key];
      return merged;
    });
    onChange(next, `${prefix}[${index}].${Object.keys(change)[0]}`);
  };
  return (
    <RowList
      id={id}
      legend="Tolerations"
      columns={['Key', 'Operator', 'Value', 'Effect']}
      weights={WEIGHTS}
      rowCount={entries.length}
      hint={hint}
      status={status}
      addLabel="Add toleration"
      onAdd={() => {
        onChange([...entries, { key: '', operator: 'Equal', value: '', effect: 'NoSchedule' }], prefix);
        onEnd();
      }}
    >
      {entries.map((t, index) => {
        const n = index + 1;
        const rowId = fieldId(step, `${prefix}.${index}`);
        const messages = diagnosticsFor(diagnostics, step, `${prefix}.${index}`);
        const messagesId = `${rowId}-messages`;
        const props = (label: string, inputId: string) => rowInputProps(inputId, label, messagesId, messages, hasError(messages));
        return (
          <Row
            key={index}
            label={`Toleration ${n}`}
            removeLabel={`Remove toleration ${n}`}
            inputs={WEIGHTS}
            messagesId={messagesId}
            messages={messages}
            onRemove={() => {
              onChange(entries.filter((_, i) => i !== index), prefix);
              onEnd();
            }}
          >
            <input {...props(`Toleration ${n} key`, rowId)} value={t.key ?? ''} placeholder="dedicated" onChange={(e) => update(index, { key: e.target.value })} onBlur={onEnd} />
            <select {...props(`Toleration ${n} operator`, `${rowId}-operator`)} value={t.operator ?? 'Equal'} onChange={(e) => (update(index, { operator: e.target.value }), onEnd())}>
              {[...new Set([...OPERATORS, t.operator ?? 'Equal'])].map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
            <input {...props(`Toleration ${n} value`, `${rowId}-value`)} value={t.value ?? ''} placeholder={t.operator === 'Exists' ? '' : 'gpu'} disabled={t.operator === 'Exists' && !t.value} onChange={(e) => update(index, { value: e.target.value })} onBlur={onEnd} />
            <select {...props(`Toleration ${n} effect`, `${rowId}-effect`)} value={t.effect ?? ''} onChange={(e) => (update(index, { effect: e.target.value }), onEnd())}>
              {[...new Set([...EFFECTS, t.effect ?? ''])].map((o) => (
                <option key={o} value={o}>
                  {o === '' ? 'Any effect' : o}
                </option>
              ))}
            </select>
          </Row>
        );
      })}
    </RowList>
  );
}
