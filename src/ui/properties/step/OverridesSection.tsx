import { resetStepOverride, setStepOverride } from '../../../core/model/settings-actions';
import { effectiveSettings } from '../../../core/model/effective';
import { SelectField, withCurrent } from '../../forms/ChoiceFields';
import { fieldId } from '../../forms/field-id';
import { liveSettingProblem, mergeMessages } from '../../forms/field-messages';
import { useFieldEditor, useVariableMap } from '../../forms/hooks';
import { SecretsEditor } from '../../forms/SecretsEditor';
import { defaultText, PULL_POLICY_OPTIONS, SETTING_LABELS, TEXT_SETTING_KEYS, type TextSettingKey } from '../../forms/settings';
import { TextField } from '../../forms/TextField';
import { OtherEntries } from './OtherEntries';
import { PodOverrides } from './PodOverrides';
import { ResetButton, SourceBadge } from './OverrideStatus';
import { overrideText } from './step-fields';
import type { StepFormProps } from './step-form-props';

/**
 * Every setting a step may override, showing the value it will run with and where that comes
 * from. Typing overrides the setting on this step; Reset goes back to inheriting it.
 */
export function OverridesSection(props: StepFormProps) {
  const { pipeline, visit, diagnostics, messages } = props;
  const { commit, once, end } = useFieldEditor(visit.path);
  const variables = useVariableMap();
  const { step, path } = visit;
  const effective = effectiveSettings(pipeline, step);
  const writes = (key: string) => step.kfp?.some((e) => e.key === key) ?? false;
  const reset = (key: string) => once((p) => resetStepOverride(p, path, key));
  const resetButton = (key: TextSettingKey | 'image_pull_policy' | 'secrets_from_k8s') =>
    writes(key) ? <ResetButton label={SETTING_LABELS[key]} inputId={fieldId(path, `kfp.${key}`)} onReset={() => reset(key)} /> : undefined;
  const pullPolicy = effective.image_pull_policy;
  return (
    <fieldset id={fieldId(path, 'kfp')} tabIndex={-1} className="section">
      <legend>Kubeflow overrides</legend>
      <p className="field-hint">Each setting is inherited (from the pipeline settings, a profile or magnus's default) until you change it here.</p>
      {TEXT_SETTING_KEYS.map((key) => {
        const setting = effective[key];
        const written = setting.source.kind === 'step' ? overrideText(step, key) : undefined;
        const text = written ?? setting.value ?? '';
        const live = setting.source.kind === 'step' ? liveSettingProblem(key, text, variables) : undefined;
        const fallback = defaultText(key);
        return (
          <TextField
            key={key}
            id={fieldId(path, `kfp.${key}`)}
            label={SETTING_LABELS[key]}
            value={text}
            placeholder={fallback}
            // A request left to the default follows the limit; say so, since the value alone hides it.
            status={<SourceBadge source={setting.source} defaultMeaning={key.endsWith('_request') ? fallback : undefined} />}
            actions={resetButton(key)}
            messages={mergeMessages(live ? [live] : [], messages(`kfp.${key}`))}
            onChange={(value) => commit(`kfp.${key}`, (p) => setStepOverride(p, path, key, value))}
            onBlur={end}
          />
        );
      })}
      <SelectField
        id={fieldId(path, 'kfp.image_pull_policy')}
        label="Image pull policy"
        value={pullPolicy.value}
        options={withCurrent(PULL_POLICY_OPTIONS, pullPolicy.value)}
        status={<SourceBadge source={pullPolicy.source} />}
        actions={resetButton('image_pull_policy')}
        messages={messages('kfp.image_pull_policy')}
        onChange={(value) => once((p) => setStepOverride(p, path, 'image_pull_policy', value))}
      />
      <SecretsEditor
        id={fieldId(path, 'kfp.secrets_from_k8s')}
        step={path}
        prefix="kfp.secrets_from_k8s"
        legend="Secrets"
        status={
          <>
            <SourceBadge source={effective.secrets_from_k8s.source} />
            {resetButton('secrets_from_k8s')}
          </>
        }
        hint="A step's secrets replace the pipeline's whole list, as magnus does (they are not merged): changing one here copies the inherited ones onto this step."
        entries={effective.secrets_from_k8s.value}
        diagnostics={diagnostics}
        onChange={(entries, field) => commit(field, (p) => setStepOverride(p, path, 'secrets_from_k8s', entries))}
        onEnd={end}
      />
      <PodOverrides {...props} effective={effective} />
      <OtherEntries {...props} profiles={effective.profiles} />
    </fieldset>
  );
}
