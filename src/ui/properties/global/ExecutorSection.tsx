import type { Diagnostic } from '../../../core/diagnostics';
import { setExecutorSetting } from '../../../core/model/settings-actions';
import { KFP_DEFAULTS } from '../../../core/model/defaults';
import type { Pipeline } from '../../../core/model/types';
import { CheckboxField, SelectField, withCurrent } from '../../forms/ChoiceFields';
import { fieldId } from '../../forms/field-id';
import { diagnosticsFor, liveSettingProblem, mergeMessages } from '../../forms/field-messages';
import { useFieldEditor, useVariableMap } from '../../forms/hooks';
import { defaultText, PULL_POLICY_OPTIONS, SETTING_LABELS, TEXT_SETTING_KEYS, type TextSettingKey } from '../../forms/settings';
import { TextField } from '../../forms/TextField';

type GlobalTextKey = TextSettingKey | 'output_file';
const GLOBAL_TEXT_KEYS: GlobalTextKey[] = ['docker_image', 'output_file', ...TEXT_SETTING_KEYS.filter((k) => k !== 'docker_image')];
const LABELS: Record<GlobalTextKey, string> = { ...SETTING_LABELS, output_file: 'Output file' };
const PLACEHOLDERS: Partial<Record<GlobalTextKey, string>> = { docker_image: 'registry.example.com/team/image:1.0' };
const HINTS: Partial<Record<GlobalTextKey, string>> = {
  docker_image: 'required: no default; every step runs in this image unless it overrides it',
  output_file: `default: ${KFP_DEFAULTS.output_file}; where magnus writes the Kubeflow pipeline`,
};

/** The kfp executor config: every key, each showing magnus's default while unset. */
export function ExecutorSection({ pipeline, diagnostics }: { pipeline: Pipeline; diagnostics: readonly Diagnostic[] }) {
  const { commit, once, end } = useFieldEditor(undefined);
  const variables = useVariableMap();
  const { executor } = pipeline;
  const messages = (key: string) => diagnosticsFor(diagnostics, undefined, `executor.${key}`);
  const flag = (key: 'enable_caching' | 'enable_parallel', label: string, what: string) => (
    <CheckboxField
      id={fieldId(undefined, `executor.${key}`)}
      label={label}
      checked={executor[key] ?? KFP_DEFAULTS[key]}
      hint={`default: off; ${what}`}
      messages={messages(key)}
      // Unticking goes back to the default (off) rather than writing `false`.
      onChange={(checked) => once((p) => setExecutorSetting(p, key, checked ? true : undefined))}
    />
  );
  return (
    <fieldset id={fieldId(undefined, 'executor')} tabIndex={-1} className="section">
      <legend>Kubeflow executor</legend>
      {GLOBAL_TEXT_KEYS.map((key) => {
        const text = executor[key] ?? '';
        const live = key !== 'output_file' && text !== '' ? liveSettingProblem(key, text, variables) : undefined;
        const fallback = defaultText(key);
        return (
          <TextField
            key={key}
            id={fieldId(undefined, `executor.${key}`)}
            label={LABELS[key]}
            value={text}
            placeholder={PLACEHOLDERS[key] ?? fallback}
            hint={HINTS[key] ?? `default: ${fallback}; clear the field to use it`}
            messages={mergeMessages(live ? [live] : [], messages(key))}
            onChange={(value) => commit(`executor.${key}`, (p) => setExecutorSetting(p, key, value === '' ? undefined : value))}
            onBlur={end}
          />
        );
      })}
      {flag('enable_caching', 'Enable caching', 'lets Kubeflow reuse the outputs of an identical earlier run')}
      {flag('enable_parallel', 'Enable parallel', 'runs the branches of parallel and map steps at the same time')}
      <SelectField
        id={fieldId(undefined, 'executor.image_pull_policy')}
        label="Image pull policy"
        value={executor.image_pull_policy ?? ''}
        options={withCurrent([{ value: '', label: `Default (${KFP_DEFAULTS.image_pull_policy})` }, ...PULL_POLICY_OPTIONS], executor.image_pull_policy ?? '')}
        hint={`default: ${KFP_DEFAULTS.image_pull_policy}`}
        messages={messages('image_pull_policy')}
        onChange={(value) => once((p) => setExecutorSetting(p, 'image_pull_policy', value === '' ? undefined : value))}
      />
    </fieldset>
  );
}
