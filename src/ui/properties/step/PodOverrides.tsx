import { resetStepOverride, setStepOverride } from '../../../core/model/settings-actions';
import type { EffectiveSettings } from '../../../core/model/effective';
import { fieldId } from '../../forms/field-id';
import { useFieldEditor } from '../../forms/hooks';
import { NamedValuesEditor } from '../../forms/NamedValuesEditor';
import { NAMED_VALUE_LISTS, POD_HINTS, POD_TEXT_KEYS, SETTING_LABELS, type PodTextKey } from '../../forms/settings';
import { TextField } from '../../forms/TextField';
import { overrideText } from './step-fields';
import { TolerationsEditor } from '../../forms/TolerationsEditor';
import { ResetButton, SourceBadge } from './OverrideStatus';
import type { StepFormProps } from './step-form-props';

type ListKey = 'env' | 'node_selector' | 'tolerations';

/**
 * A step's own environment, node selector and tolerations: inherited until changed here; a
 * change copies the inherited list onto the step (a step's list replaces the pipeline's, as magnus
 * replaces an override's value).
 */
export function PodOverrides({ visit, diagnostics, effective, messages }: StepFormProps & { effective: EffectiveSettings }) {
  const { commit, once, end } = useFieldEditor(visit.path);
  const { step, path } = visit;
  const writes = (key: ListKey | PodTextKey) => step.kfp?.some((e) => e.key === key) ?? false;
  const reset = (key: ListKey | PodTextKey) =>
    writes(key) ? <ResetButton label={SETTING_LABELS[key]} inputId={fieldId(path, `kfp.${key}`)} onReset={() => once((p) => resetStepOverride(p, path, key))} /> : undefined;
  const composite = step.type === 'parallel' || step.type === 'map';
  const textKeys = POD_TEXT_KEYS.filter((key) => key !== 'parallelism' || composite);
  const status = (key: ListKey) => (
    <>
      <SourceBadge source={effective[key].source} />
      {reset(key)}
    </>
  );
  const set = (key: ListKey) => (entries: unknown[], field: string) => commit(field, (p) => setStepOverride(p, path, key, entries as never));
  return (
    <>
      {textKeys.map((key) => {
        const setting = effective[key];
        const written = setting.source.kind === 'step' ? overrideText(step, key) : undefined;
        return (
          <TextField
            key={key}
            id={fieldId(path, `kfp.${key}`)}
            label={SETTING_LABELS[key]}
            value={written ?? setting.value}
            hint={POD_HINTS[key]}
            status={<SourceBadge source={setting.source} />}
            actions={reset(key)}
            messages={messages(`kfp.${key}`)}
            onChange={(value) => commit(`kfp.${key}`, (p) => setStepOverride(p, path, key, value))}
            onBlur={end}
          />
        );
      })}
      <NamedValuesEditor
        id={fieldId(path, 'kfp.env')}
        step={path}
        prefix="kfp.env"
        {...NAMED_VALUE_LISTS.env}
        status={status('env')}
        entries={effective.env.value}
        diagnostics={diagnostics}
        onChange={set('env')}
        onEnd={end}
      />
      <NamedValuesEditor
        id={fieldId(path, 'kfp.node_selector')}
        step={path}
        prefix="kfp.node_selector"
        {...NAMED_VALUE_LISTS.node_selector}
        status={status('node_selector')}
        entries={effective.node_selector.value}
        diagnostics={diagnostics}
        onChange={set('node_selector')}
        onEnd={end}
      />
      <TolerationsEditor
        id={fieldId(path, 'kfp.tolerations')}
        step={path}
        prefix="kfp.tolerations"
        status={status('tolerations')}
        entries={effective.tolerations.value}
        diagnostics={diagnostics}
        onChange={set('tolerations')}
        onEnd={end}
      />
    </>
  );
}
