import type { SecretEntry } from '../../../core/model/types';
import { SecretQuickEntry } from '../../forms/SecretQuickEntry';
import { useVariableMap } from '../../forms/hooks';
import { batchSecrets, secretsOverridden } from './batch-edit';
import { BatchResetButton } from './BatchResetButton';
import { BatchStatus } from './BatchStatus';
import type { Pipeline } from '../../../core/model/types';

interface Props {
  pipeline: Pipeline;
  targets: readonly string[];
  onAdd: (entry: SecretEntry) => void;
  onRemove: (env: string) => void;
  onReset: () => void;
}

const ID = 'batch:kfp.secrets_from_k8s';

/** The secrets the selected steps run with, each removable from all of them, and one line to add a secret to all. */
export function BatchSecrets({ pipeline, targets, onAdd, onRemove, onReset }: Props) {
  const variables = useVariableMap();
  const rows = batchSecrets(pipeline, targets);
  const overridden = secretsOverridden(pipeline, targets);
  const mixed = rows.some((r) => r.steps < targets.length || r.refs.length > 1);
  return (
    <fieldset id={ID} tabIndex={-1} className="rows">
      <legend>Secrets</legend>
      <p className="field-status">
        <BatchStatus value={{ overridden, total: targets.length, mixed }} />
        {overridden > 0 && <BatchResetButton label="Secrets" inputId={`${ID}-quick`} count={overridden} onReset={onReset} />}
      </p>
      {rows.length === 0 ? (
        <p className="field-hint">None of the selected steps has secrets.</p>
      ) : (
        <ul className="batch-secrets">
          {rows.map((row) => (
            <li key={row.env}>
              <code>
                {row.env}={row.refs.join(' | ')}
              </code>{' '}
              <span className="field-hint">{row.steps === targets.length ? 'all steps' : `${row.steps} of ${targets.length} steps`}</span>
              <button type="button" onClick={() => onRemove(row.env)}>
                Remove {row.env} from all
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Not checked against one step's list: adding a variable a step already has replaces its reference there. */}
      <SecretQuickEntry id={`${ID}-quick`} entries={[]} variables={variables} onAdd={onAdd} />
      <p className="field-hint">A step&apos;s secrets replace the pipeline&apos;s whole list, so adding or removing one writes each step&apos;s full list.</p>
    </fieldset>
  );
}
