import { resetStepOverride } from '../../../core/model/settings-actions';
import { STEP_SETTING_KEYS } from '../../../core/model/types';
import { MessageList } from '../../forms/FieldShell';
import { fieldId } from '../../forms/field-id';
import { useDesigner } from '../../store/context';
import { valueText } from './step-fields';
import type { StepFormProps } from './step-form-props';

const isSetting = (key: string) => (STEP_SETTING_KEYS as readonly string[]).includes(key);

/** The step's override entries that are not settings: profiles it applies, and keys Kubeflow ignores. */
export function OtherEntries({ visit, messages, profiles }: StepFormProps & { profiles: readonly string[] }) {
  const apply = useDesigner((s) => s.apply);
  const { step, path } = visit;
  const entries = (step.kfp ?? []).filter((e) => !isSetting(e.key));
  if (entries.length === 0) return <p className="field-hint">Profiles applied: none</p>;
  return (
    <div className="other-entries">
      <h4>Profiles and other entries</h4>
      <ul>
        {entries.map((entry) => {
          const id = fieldId(path, `kfp.${entry.key}`);
          const applied = profiles.includes(entry.key);
          const value = valueText(entry.value);
          return (
            <li key={entry.key} id={id} tabIndex={-1}>
              <span className="entry-key">{entry.key}</span>
              {value !== '' && <span>: {value}</span>}
              <span className="field-hint"> — {applied ? 'applies this profile' : 'has no effect on Kubeflow'}</span>
              <button type="button" className="remove-row" aria-label={`Remove ${entry.key} from this step`} title={`Remove ${entry.key} from this step`} onClick={() => apply((p) => resetStepOverride(p, path, entry.key))}>
                ×
              </button>
              <MessageList id={`${id}-messages`} messages={messages(`kfp.${entry.key}`)} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
