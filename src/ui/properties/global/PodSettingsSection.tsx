import type { Diagnostic } from '../../../core/diagnostics';
import { setExecutorSetting } from '../../../core/model/settings-actions';
import type { NamedValue, Pipeline, Toleration } from '../../../core/model/types';
import { fieldId } from '../../forms/field-id';
import { diagnosticsFor } from '../../forms/field-messages';
import { useFieldEditor } from '../../forms/hooks';
import { NamedValuesEditor } from '../../forms/NamedValuesEditor';
import { NAMED_VALUE_LISTS, POD_HINTS, POD_TEXT_KEYS, SETTING_LABELS, WORKFLOW_HINTS, WORKFLOW_LABELS, WORKFLOW_TEXT_KEYS } from '../../forms/settings';
import { TextField } from '../../forms/TextField';
import { TolerationsEditor } from '../../forms/TolerationsEditor';

/**
 * Where every step's pod runs and what it sees: environment variables, node selector,
 * tolerations (runnable's Argo `defaults`). A step that sets one of them replaces the whole list.
 */
export function PodSettingsSection({ pipeline, diagnostics }: { pipeline: Pipeline; diagnostics: readonly Diagnostic[] }) {
  const { commit, end } = useFieldEditor(undefined);
  const { executor } = pipeline;
  const set = (key: 'env' | 'node_selector' | 'tolerations' | 'labels' | 'annotations') => (entries: NamedValue[] | Toleration[], field: string) =>
    commit(field, (p) => setExecutorSetting(p, key, entries.length > 0 ? (entries as never) : undefined));
  const text = (key: (typeof POD_TEXT_KEYS)[number] | (typeof WORKFLOW_TEXT_KEYS)[number], label: string, hint: string) => (
    <TextField
      key={key}
      id={fieldId(undefined, `executor.${key}`)}
      label={label}
      value={executor[key] ?? ''}
      hint={hint}
      messages={diagnosticsFor(diagnostics, undefined, `executor.${key}`)}
      onChange={(value) => commit(`executor.${key}`, (p) => setExecutorSetting(p, key, value === '' ? undefined : value))}
      onBlur={end}
    />
  );
  return (
    <>
      <fieldset id={fieldId(undefined, 'executor.pod')} tabIndex={-1} className="section">
        <legend>Limits and retries</legend>
        {POD_TEXT_KEYS.map((key) => text(key, SETTING_LABELS[key], POD_HINTS[key]))}
      </fieldset>
      <fieldset id={fieldId(undefined, 'executor.workflow')} tabIndex={-1} className="section">
        <legend>Workflow</legend>
        {WORKFLOW_TEXT_KEYS.map((key) => text(key, WORKFLOW_LABELS[key], WORKFLOW_HINTS[key]))}
      </fieldset>
      <NamedValuesEditor
        id={fieldId(undefined, 'executor.labels')}
        step={undefined}
        prefix="executor.labels"
        legend="Workflow labels"
        noun="Workflow label"
        columns={['Key', 'Value']}
        placeholders={['team', 'forecasting']}
        hint="On the workflow (Argo, KFP v1); KFP v2 puts them on every pod"
        entries={executor.labels ?? []}
        diagnostics={diagnostics}
        onChange={set('labels')}
        onEnd={end}
      />
      <NamedValuesEditor
        id={fieldId(undefined, 'executor.annotations')}
        step={undefined}
        prefix="executor.annotations"
        legend="Workflow annotations"
        noun="Workflow annotation"
        columns={['Key', 'Value']}
        placeholders={['owner', 'data-science']}
        hint="On the workflow (Argo, KFP v1); KFP v2 puts them on every pod"
        entries={executor.annotations ?? []}
        diagnostics={diagnostics}
        onChange={set('annotations')}
        onEnd={end}
      />
      <NamedValuesEditor
        id={fieldId(undefined, 'executor.env')}
        step={undefined}
        prefix="executor.env"
        {...NAMED_VALUE_LISTS.env}
        hint="Set in every step's container; a step that sets its own replaces this whole list"
        entries={executor.env ?? []}
        diagnostics={diagnostics}
        onChange={set('env')}
        onEnd={end}
      />
      <NamedValuesEditor
        id={fieldId(undefined, 'executor.node_selector')}
        step={undefined}
        prefix="executor.node_selector"
        {...NAMED_VALUE_LISTS.node_selector}
        hint="Steps run only on nodes with these labels"
        entries={executor.node_selector ?? []}
        diagnostics={diagnostics}
        onChange={set('node_selector')}
        onEnd={end}
      />
      <TolerationsEditor
        id={fieldId(undefined, 'executor.tolerations')}
        step={undefined}
        prefix="executor.tolerations"
        hint="Taints of the nodes steps may run on"
        entries={executor.tolerations ?? []}
        diagnostics={diagnostics}
        onChange={set('tolerations')}
        onEnd={end}
      />
    </>
  );
}
