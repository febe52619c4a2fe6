import type { Diagnostic } from '../../../core/diagnostics';
import { effectiveSettings } from '../../../core/model/effective';
import { walkSteps } from '../../../core/model/paths';
import type { OverrideEntry, Pipeline } from '../../../core/model/types';
import { MessageList } from '../../forms/FieldShell';
import { fieldId } from '../../forms/field-id';
import type { FieldMessage } from '../../forms/field-messages';

/** Placeholder profiles (0.4 `placeholders`, 0.5 `overrides`), read-only for now: what each sets and who uses it. */
export function ProfilesList({ pipeline, diagnostics }: { pipeline: Pipeline; diagnostics: readonly Diagnostic[] }) {
  const { profiles } = pipeline.executor;
  const users = new Map<string, string[]>();
  // Every step's effective settings: ~0.2 s at 1,000 steps, for nothing when there are no profiles.
  if (profiles.length > 0) {
    for (const visit of walkSteps(pipeline.dag)) {
      for (const name of effectiveSettings(pipeline, visit.step).profiles) users.set(name, [...(users.get(name) ?? []), visit.path]);
    }
  }
  return (
    <fieldset id={fieldId(undefined, 'profiles')} tabIndex={-1} className="section">
      <legend>Placeholder profiles</legend>
      {profiles.length === 0 ? (
        <p className="field-hint">none; a step applies a profile with an empty override of the profile's name</p>
      ) : (
        profiles.map((profile) => {
          const id = fieldId(undefined, `profiles.${profile.name}`);
          const messages: FieldMessage[] = diagnostics
            .filter((d) => d.step === undefined && d.field?.startsWith(`profiles.${profile.name}.`))
            .map((d) => ({ severity: d.severity, text: d.message }));
          const usedBy = users.get(profile.name) ?? [];
          return (
            <section key={profile.name} id={id} tabIndex={-1} className="profile" aria-label={`Profile ${profile.name}`}>
              <h4>{profile.name}</h4>
              <dl className="settings-list">
                {profile.entries.map((entry) => (
                  <div key={entry.key}>
                    <dt>{entry.key}</dt>
                    <dd>{entryText(entry)}</dd>
                  </div>
                ))}
              </dl>
              <p className="field-hint">{usedBy.length > 0 ? `applied by ${usedBy.join(', ')}` : 'applied by no step'}</p>
              <MessageList id={`${id}-messages`} messages={messages} />
            </section>
          );
        })
      )}
    </fieldset>
  );
}

export function entryText(entry: OverrideEntry): string {
  const { value } = entry;
  if (entry.key === 'secrets_from_k8s' && Array.isArray(value)) return value.map((s) => (typeof s === 'object' && s && 'env' in s ? `${s.env}=${s.ref}` : JSON.stringify(s))).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The magnus services besides the executor (run log store, catalog…), kept as written. */
export function ServicesList({ pipeline, diagnostics }: { pipeline: Pipeline; diagnostics: readonly Diagnostic[] }) {
  if (pipeline.services.length === 0) return null;
  return (
    <fieldset id={fieldId(undefined, 'services')} tabIndex={-1} className="section">
      <legend>Other services</legend>
      <p className="field-hint">kept as written in the config file</p>
      {pipeline.services.map((service) => {
        const id = fieldId(undefined, `services.${service.key}`);
        const messages: FieldMessage[] = diagnostics
          .filter((d) => d.step === undefined && (d.field === `services.${service.key}` || d.field?.startsWith(`services.${service.key}.`)))
          .map((d) => ({ severity: d.severity, text: d.message }));
        return (
          <section key={service.key} id={id} tabIndex={-1} className="profile" aria-label={`Service ${service.key}`}>
            <h4>
              {service.key}: {service.type ?? '(default)'}
            </h4>
            <dl className="settings-list">
              {Object.entries(service.config ?? {}).map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                </div>
              ))}
            </dl>
            <MessageList id={`${id}-messages`} messages={messages} />
          </section>
        );
      })}
    </fieldset>
  );
}
