import { substituteVariables, variableMap } from '../model/variables';
import type { NamedValue, Pipeline } from '../model/types';

/** The settings that exist once per workflow, with variables substituted. */
export interface WorkflowSettings {
  generateName?: string;
  namespace?: string;
  serviceAccount?: string;
  labels: NamedValue[];
  annotations: NamedValue[];
  parallelism?: number;
  activeDeadlineSeconds?: number;
}

export function workflowSettings(pipeline: Pipeline): WorkflowSettings {
  const { executor } = pipeline;
  const variables = variableMap(pipeline.variables);
  const resolve = (text: string | undefined) => (text === undefined || text === '' ? undefined : substituteVariables(text, variables).text);
  const count = (text: string | undefined) => {
    const value = Number(resolve(text));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const named = (values: NamedValue[] | undefined) => (values ?? []).map((v) => ({ name: resolve(v.name) ?? '', value: resolve(v.value) ?? '' }));
  const settings: WorkflowSettings = { labels: named(executor.labels), annotations: named(executor.annotations) };
  const set = <K extends keyof WorkflowSettings>(key: K, value: WorkflowSettings[K] | undefined) => {
    // own-keys: a key of WorkflowSettings
    if (value !== undefined) settings[key] = value;
  };
  set('generateName', resolve(executor.generate_name));
  set('namespace', resolve(executor.namespace));
  set('serviceAccount', resolve(executor.service_account));
  set('parallelism', count(executor.workflow_parallelism));
  set('activeDeadlineSeconds', count(executor.workflow_active_deadline_seconds));
  return settings;
}

export const toMapping = (values: NamedValue[]) => Object.fromEntries(values.map((v) => [v.name, v.value]));
