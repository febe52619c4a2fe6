import { fieldId } from '../../forms/field-id';
import { useFieldEditor } from '../../forms/hooks';
import { SecretsEditor } from '../../forms/SecretsEditor';
import { usePipeline } from '../../store/context';
import { useValidation } from '../../diagnostics/useDiagnostics';
import { setExecutorSetting } from '../../../core/model/settings-actions';
import { ExecutorSection } from './ExecutorSection';
import { FilesSection } from './FilesSection';
import { GeneralSection } from './GeneralSection';
import { ParametersTable } from './ParametersTable';
import { PodSettingsSection } from './PodSettingsSection';
import { ProfilesList, ServicesList } from './ProfilesList';
import { VariablesTable } from './VariablesTable';
import { VolumesTable } from './VolumesTable';

/** What applies to the whole pipeline: shown when no step is selected. */
export function PipelineSettings() {
  const pipeline = usePipeline();
  const diagnostics = useValidation();
  const { commit, end } = useFieldEditor(undefined);
  const props = { pipeline, diagnostics };
  return (
    <div className="properties-form">
      <h2>Pipeline settings</h2>
      <GeneralSection {...props} />
      <ExecutorSection {...props} />
      <SecretsEditor
        id={fieldId(undefined, 'executor.secrets_from_k8s')}
        step={undefined}
        prefix="executor.secrets_from_k8s"
        legend="Secrets"
        hint="Kubernetes secrets exposed to every step as environment variables; a step that sets its own replaces this whole list"
        entries={pipeline.executor.secrets_from_k8s ?? []}
        diagnostics={diagnostics}
        onChange={(entries, field) => commit(field, (p) => setExecutorSetting(p, 'secrets_from_k8s', entries.length > 0 ? entries : undefined))}
        onEnd={end}
      />
      <PodSettingsSection {...props} />
      <VolumesTable {...props} />
      <ParametersTable {...props} />
      <VariablesTable {...props} />
      <FilesSection {...props} />
      <ProfilesList {...props} />
      <ServicesList {...props} />
    </div>
  );
}
