import type { Diagnostic } from '../diagnostics';
import { walkSteps } from '../model/paths';
import { someStep } from '../model/some-step';
import type { OverrideEntry, Pipeline, StepSettingKey } from '../model/types';
import { info, stepTarget, warning } from '../validate/report';
import { writtenGlobalSettings, writtenSettings } from '../validate/written';
import type { EmitTarget } from './options';

/**
 * Settings the chosen target has no place for, said where they were written: a warning when the
 * pipeline will behave differently (a limit or policy not applied), a note when the setting is made
 * elsewhere in Kubeflow (at run creation) or takes another form (workflow labels on every pod).
 * Argo expresses every setting of the model; the Kubeflow targets do not.
 */
export function targetReport(pipeline: Pipeline, target: EmitTarget): Diagnostic[] {
  if (target === 'argo') return [];
  const diagnostics: Diagnostic[] = [];
  const { executor } = pipeline;
  const global = (key: string) => ({ field: `executor.${key}` });
  const v2 = target === 'kfp-v2';

  if (executor.namespace) {
    diagnostics.push(info('I_TARGET_NAMESPACE', 'Kubeflow runs a pipeline in the namespace of the run (the profile or experiment it is created in); the namespace is not part of the file', global('namespace')));
  }
  if (executor.service_account) {
    diagnostics.push(
      info(
        'I_TARGET_SERVICE_ACCOUNT',
        `Kubeflow runs every pod as the run's service account (\`pipeline-runner\` unless the run names one): give service_account \`${executor.service_account}\` when creating the run (API field service_account, "Service account" in the UI); it is not part of the file`,
        global('service_account'),
      ),
    );
  }
  if (!v2) return diagnostics;

  if (executor.generate_name) {
    diagnostics.push(info('I_TARGET_GENERATE_NAME', 'KFP v2 names each run when it is created; generate_name is not part of the pipeline spec', global('generate_name')));
  }
  if ((executor.labels?.length ?? 0) > 0 || (executor.annotations?.length ?? 0) > 0) {
    const where = executor.labels?.length ? 'labels' : 'annotations';
    diagnostics.push(info('I_TARGET_POD_METADATA', 'KFP v2 has no workflow labels or annotations: they are put on every pod of the pipeline instead (kfp-kubernetes podMetadata)', global(where)));
  }
  if (executor.workflow_parallelism) {
    diagnostics.push(
      warning(
        'W_TARGET_NO_EQUIVALENT',
        'KFP v2 has no limit on the pods of the whole run: workflow_parallelism is not applied (a map step can limit its own iterations with parallelism); use the Argo or KFP v1 target to keep it',
        global('workflow_parallelism'),
      ),
    );
  }
  if (executor.workflow_active_deadline_seconds) {
    diagnostics.push(
      warning(
        'W_TARGET_NO_EQUIVALENT',
        "KFP v2 has no time limit for the whole run: workflow_active_deadline_seconds is not applied (each step's active_deadline_seconds is); use the Argo or KFP v1 target to keep it",
        global('workflow_active_deadline_seconds'),
      ),
    );
  }
  for (const volume of executor.persistent_volumes ?? []) {
    if (!volume.readOnly) continue;
    diagnostics.push(
      warning('W_TARGET_NO_EQUIVALENT', `KFP v2 mounts claim \`${volume.claim}\` read-write: kfp-kubernetes has no read-only PVC mount`, { field: `executor.persistent_volumes.${volume.claim}` }),
    );
  }
  const NOT_IN_V2: Partial<Record<StepSettingKey, string>> = {
    timeout: "KFP v2 has no timeout that counts from the step's start including pending time: timeout is not applied (active_deadline_seconds is)",
    retry_policy: 'KFP v2 retries a failed step whatever the cause: retry_policy is not applied',
  };
  const reported = new Set<string>();
  // Walking every step (paths, visits) costs a 1,000-step pipeline more than its settings' text: only when a step has a say.
  const stepsMatter = someStep(pipeline.dag, (step) => {
    for (const e of step.kfp ?? NONE) if (Object.hasOwn(NOT_IN_V2, e.key) || (step.type === 'parallel' && e.key === 'parallelism')) return true;
    return false;
  });
  for (const setting of stepsMatter ? writtenSettings(pipeline) : writtenGlobalSettings(pipeline)) {
    const message = Object.hasOwn(NOT_IN_V2, setting.key) ? NOT_IN_V2[setting.key] : undefined;
    if (!message || setting.value === '' || setting.value === null || reported.has(setting.field + (setting.target.step ?? ''))) continue;
    reported.add(setting.field + (setting.target.step ?? ''));
    diagnostics.push(warning('W_TARGET_NO_EQUIVALENT', `${message}; use the Argo or KFP v1 target to keep it`, setting.target));
  }
  if (!stepsMatter) return diagnostics;
  for (const visit of walkSteps(pipeline.dag)) {
    if (visit.step.type !== 'parallel' || !(visit.step.kfp ?? []).some((e) => e.key === 'parallelism')) continue;
    diagnostics.push(
      warning('W_TARGET_NO_EQUIVALENT', 'KFP v2 runs the branches of a parallel step all at once: parallelism is applied to map steps only; use the Argo or KFP v1 target to keep it', stepTarget(visit, 'kfp.parallelism')),
    );
  }
  return diagnostics;
}

const NONE: readonly OverrideEntry[] = [];
