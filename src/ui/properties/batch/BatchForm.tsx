import { useValidation } from '../../diagnostics/useDiagnostics';
import { SelectField } from '../../forms/ChoiceFields';
import { diagnosticsFor, liveSettingProblem, type FieldMessage } from '../../forms/field-messages';
import { useFieldEditor, useVariableMap } from '../../forms/hooks';
import { defaultText, PULL_POLICY_OPTIONS, SETTING_LABELS, TEXT_SETTING_KEYS } from '../../forms/settings';
import { useDesigner, usePipeline } from '../../store/context';
import { parseAttempts } from '../step/step-fields';
import { findStep } from '../../../core/model/paths';
import {
  addSecretToAll,
  batchAttemptsValue,
  batchOverrideValue,
  batchTargets,
  removeSecretFromAll,
  resetOverrideOnAll,
  setAttemptsOnAll,
  setOverrideOnAll,
} from './batch-edit';
import { skippedText, stepsText } from './batch-text';
import { BatchResetButton } from './BatchResetButton';
import { BatchSecrets } from './BatchSecrets';
import { BatchStatus } from './BatchStatus';
import { BatchTextField } from './BatchTextField';
import './batch.css';

const idOf = (field: string) => `batch:${field}`;

/**
 * Several steps selected: the settings they can share, set on all of them at once. Each change is
 * one undo step, however many steps it touches.
 */
export function BatchForm({ paths }: { paths: readonly string[] }) {
  const pipeline = usePipeline();
  const diagnostics = useValidation();
  const variables = useVariableMap();
  const select = useDesigner((s) => s.select);
  const { once } = useFieldEditor('batch');
  const overrides = batchTargets(pipeline, paths, 'override');
  const attempts = batchTargets(pipeline, paths, 'attempts');
  const targets = overrides.applies;
  // The validator's findings on each target, named by step since the field stands for all of them.
  const found = (field: string): FieldMessage[] =>
    targets.flatMap((path) => diagnosticsFor(diagnostics, path, field).map((m) => ({ ...m, text: `${path}: ${m.text}` })));
  const reset = (key: (typeof TEXT_SETTING_KEYS)[number] | 'image_pull_policy', count: number) =>
    count > 0 ? <BatchResetButton label={SETTING_LABELS[key]} inputId={idOf(`kfp.${key}`)} count={count} onReset={() => once((p) => resetOverrideOnAll(p, targets, key))} /> : undefined;
  const pull = targets.length > 0 ? batchOverrideValue(pipeline, targets, 'image_pull_policy') : undefined;
  const tries = attempts.applies.length > 0 ? batchAttemptsValue(pipeline, attempts.applies) : undefined;
  const skipped = skippedText('Kubeflow settings', overrides.skipped);
  return (
    <div className="properties-form">
      <h2>{paths.length} steps selected</h2>
      <ul className="selection-list">
        {paths.map((path) => (
          <li key={path}>
            <button type="button" className="link-button" onClick={() => select([path])}>
              {path}
            </button>{' '}
            <span className="field-hint">({findStep(pipeline, path)?.step.type})</span>
          </li>
        ))}
      </ul>
      {targets.length === 0 ? (
        <p className="field-hint">None of the selected steps runs a container of its own; Kubeflow settings go on the steps inside them.</p>
      ) : (
        <fieldset id={idOf('kfp')} tabIndex={-1} className="section">
          <legend>Kubeflow overrides of {stepsText(targets.length)}</legend>
          <p className="field-hint">
            Each field shows the value these steps share, or “mixed”. What you enter goes on all of them when you press Enter or leave the field; Escape drops it.
          </p>
          {skipped && <p className="field-hint batch-skipped">{skipped}</p>}
          {TEXT_SETTING_KEYS.map((key) => {
            const value = batchOverrideValue(pipeline, targets, key);
            return (
              <BatchTextField
                // A new selection drops what was being typed for the old one.
                key={`${key}|${targets.join('\n')}`}
                id={idOf(`kfp.${key}`)}
                label={SETTING_LABELS[key]}
                value={value}
                fallback={defaultText(key)}
                check={(text) => liveSettingProblem(key, text, variables)}
                messages={found(`kfp.${key}`)}
                reset={reset(key, value.overridden)}
                onApply={(text) => once((p) => setOverrideOnAll(p, targets, key, text))}
              />
            );
          })}
          {pull && (
            <SelectField
              id={idOf('kfp.image_pull_policy')}
              label="Image pull policy"
              value={pull.mixed ? '' : (pull.common ?? '')}
              options={[...(pull.mixed ? [{ value: '', label: 'mixed' }] : []), ...PULL_POLICY_OPTIONS]}
              status={<BatchStatus value={pull} />}
              actions={reset('image_pull_policy', pull.overridden)}
              messages={found('kfp.image_pull_policy')}
              onChange={(value) => value !== '' && once((p) => setOverrideOnAll(p, targets, 'image_pull_policy', value))}
            />
          )}
          <BatchSecrets
            pipeline={pipeline}
            targets={targets}
            onAdd={(entry) => once((p) => addSecretToAll(p, targets, entry))}
            onRemove={(env) => once((p) => removeSecretFromAll(p, targets, env))}
            onReset={() => once((p) => resetOverrideOnAll(p, targets, 'secrets_from_k8s'))}
          />
        </fieldset>
      )}
      {tries && (
        <fieldset className="section">
          <legend>Retries of {stepsText(attempts.applies.length)}</legend>
          {attempts.skipped.length > 0 && <p className="field-hint batch-skipped">{skippedText('Retries', attempts.skipped)}</p>}
          <BatchTextField
            key={`attempts|${attempts.applies.join('\n')}`}
            id={idOf('max_attempts')}
            label="Max attempts"
            value={tries}
            fallback="1"
            check={(text) => {
              const parsed = parseAttempts(text);
              return 'error' in parsed ? { severity: 'error', text: parsed.error } : undefined;
            }}
            messages={attempts.applies.flatMap((path) => diagnosticsFor(diagnostics, path, 'max_attempts').map((m) => ({ ...m, text: `${path}: ${m.text}` })))}
            hint="magnus counts attempts: 3 = up to 2 retries"
            reset={
              tries.overridden > 0 ? (
                <BatchResetButton label="Max attempts" inputId={idOf('max_attempts')} count={tries.overridden} onReset={() => once((p) => setAttemptsOnAll(p, attempts.applies, undefined))} />
              ) : undefined
            }
            onApply={(text) => {
              const parsed = parseAttempts(text);
              if (!('error' in parsed)) once((p) => setAttemptsOnAll(p, attempts.applies, parsed.value));
            }}
          />
        </fieldset>
      )}
    </div>
  );
}
