import type { ReactNode } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import type { SecretEntry } from '../../core/model/types';
import type { SecretProblem } from '../../core/validate/names';
import { rowFieldIds } from './field-id';
import { diagnosticsFor, liveSecretProblems, mergeMessages, resolutionNote, type FieldMessage } from './field-messages';
import { useVariableMap } from './hooks';
import { Row, RowList, rowInputProps } from './RowList';
import { SecretQuickEntry } from './SecretQuickEntry';
import { joinSecretRef, splitSecretRef } from './secret-text';

interface SecretsEditorProps {
  /** The section's id (fieldId of `prefix`). */
  id: string;
  step: string | undefined;
  /** Diagnostic field prefix: `executor.secrets_from_k8s` or `kfp.secrets_from_k8s`. */
  prefix: string;
  legend: string;
  entries: readonly SecretEntry[];
  diagnostics: readonly Diagnostic[];
  onChange: (entries: SecretEntry[], field: string) => void;
  onEnd: () => void;
  hint?: ReactNode;
  status?: ReactNode;
}

type Part = 'env' | 'secret' | 'key';
// Two lines a row (forms.css .rows-secrets): the variable (MLFLOW_TRACKING_TOKEN runs long) over its secret's name and key.
const SECRET_WEIGHTS = [1, 1];
const PART_OF: Record<SecretProblem['field'], Part> = { env: 'env', secret: 'secret', key: 'key', format: 'key' };

/** `secrets_from_k8s`: one row per variable, the raw `SecretName:Key` split into its two inputs. */
export function SecretsEditor({ id, step, prefix, legend, entries, diagnostics, onChange, onEnd, hint, status }: SecretsEditorProps) {
  const variables = useVariableMap();
  const ids = rowFieldIds(step, prefix, entries.map((e) => e.env));
  const update = (index: number, part: Part, text: string) => {
    const next = entries.map((entry, i) => {
      if (i !== index) return entry;
      if (part === 'env') return { ...entry, env: text };
      return { ...entry, ref: joinSecretRef({ ...splitSecretRef(entry.ref), [part]: text }) };
    });
    onChange(next, `${prefix}[${index}].${part}`);
  };
  const remove = (index: number) => {
    onChange(entries.filter((_, i) => i !== index), prefix);
    onEnd();
  };
  return (
    <RowList
      id={id}
      legend={legend}
      columns={['Environment variable', 'Secret name', 'Secret key']}
      weights={SECRET_WEIGHTS}
      className="rows-secrets"
      rowCount={entries.length}
      hint={hint}
      status={status}
      footer={
        <SecretQuickEntry
          id={`${id}-quick`}
          entries={entries}
          variables={variables}
          onAdd={(entry) => {
            onChange([...entries, entry], prefix);
            onEnd();
          }}
        />
      }
    >
      {entries.map((entry, index) => {
        const n = index + 1;
        const problems = liveSecretProblems(entry.env, entry.ref, variables);
        const live = (part: Part): FieldMessage[] => problems.filter((p) => PART_OF[p.field] === part).map((p) => ({ severity: p.severity, text: p.message }));
        const fromValidator = diagnosticsFor(diagnostics, step, `${prefix}.${entry.env}`);
        // The validator's own findings (a duplicate variable) belong to the variable's input.
        const extra = mergeMessages(live('env').concat(live('secret'), live('key')), fromValidator).filter((m) => fromValidator.includes(m));
        const byPart: Record<Part, FieldMessage[]> = {
          env: [...live('env'), ...extra, ...resolutionNote(entry.env, entry.env, variables)],
          secret: [...live('secret'), ...resolutionNote(entry.ref, entry.ref, variables)],
          key: live('key'),
        };
        const messages = [...byPart.env, ...byPart.secret, ...byPart.key];
        const messagesId = `${ids[index]}-messages`;
        const input = (part: Part, label: string, inputId: string) =>
          rowInputProps(inputId, label, messagesId, byPart[part], byPart[part].some((m) => m.severity === 'error'));
        const { secret, key } = splitSecretRef(entry.ref);
        return (
          <Row key={index} label={`Secret ${n}`} removeLabel={`Remove secret ${n}`} onRemove={() => remove(index)} inputs={SECRET_WEIGHTS} messagesId={messagesId} messages={messages}>
            <input {...input('env', `Secret ${n} environment variable`, ids[index])} placeholder="ENV_VAR" title="Environment variable" value={entry.env} onChange={(e) => update(index, 'env', e.target.value)} onBlur={onEnd} />
            <input {...input('secret', `Secret ${n} secret name`, `${ids[index]}-secret`)} placeholder="secret name" title="Secret name" value={secret} onChange={(e) => update(index, 'secret', e.target.value)} onBlur={onEnd} />
            <input {...input('key', `Secret ${n} secret key`, `${ids[index]}-key`)} placeholder="key" title="Secret key" value={key} onChange={(e) => update(index, 'key', e.target.value)} onBlur={onEnd} />
          </Row>
        );
      })}
    </RowList>
  );
}
