import type { Diagnostic } from '../diagnostics';
import { parameterEnvName } from '../emit/parameters';
import { containerSecrets, effectiveSettings, taskSecretNames } from '../model/effective';
import { pipelineSteps } from './visits';
import { StepSettings } from '../model/step-settings';
import type { NamedValue, Pipeline, Toleration } from '../model/types';
import { DNS1123_RULE, isDns1123Subdomain, isEnvVarName } from './names';
import { error, listNames, quote, stepTarget, warning, type Target } from './report';
import { isExecutable, resolvedText, settingText, type WrittenSetting } from './written';

/**
 * The pod and workflow settings of the Argo executors (§6.3, §10.1), checked where they are written,
 * by the rules Kubernetes and Argo apply when the workflow is submitted: a bad one would otherwise
 * be refused by the cluster, long after the download.
 */

/** A label key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_RULE = 'at most 63 letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit (optionally after a `prefix/`)';

export function isQualifiedName(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix === '' || !isDns1123Subdomain(prefix))) return false;
  return name.length > 0 && name.length <= 63 && LABEL_NAME.test(name);
}

export const isLabelValue = (value: string) => value === '' || (value.length <= 63 && LABEL_NAME.test(value));

const POSITIVE_INTEGER = /^[1-9][0-9]*$/;
const WHOLE_NUMBER = /^[0-9]+$/;
/** Go's time.ParseDuration, which Argo uses for durations (`90s`, `1h30m`, `2.5h`). */
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
export const RETRY_POLICIES = ['Always', 'OnFailure', 'OnError', 'OnTransientError'] as const;
const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TOLERATION_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
/** What `magnus … --log-level` accepts in the containers (§8.1). */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'FATAL'] as const;

/** One written pod setting (executor config, profile or step override). */
export function checkPodSetting(pipeline: Pipeline, setting: WrittenSetting): Diagnostic[] {
  const { key, target } = setting;
  if (key === 'env' || key === 'node_selector') return checkNamedValues(pipeline, setting);
  if (key === 'tolerations') return checkTolerations(pipeline, setting);
  const text = settingText(setting.value);
  if (text === undefined) return [error('E_SETTING_TYPE', `${key} must be a single value, not a list or mapping`, target)];
  const value = resolvedText(pipeline, text);
  if (value === undefined || value === '') return [];
  const bad = (code: `E_${string}`, rule: string) => [error(code, `${key} ${quote(value)}: ${rule}`, target)];
  switch (key) {
    case 'active_deadline_seconds':
      return POSITIVE_INTEGER.test(value) ? [] : bad('E_DEADLINE', 'a time limit is a whole number of seconds above 0 (e.g. 7200)');
    case 'parallelism':
      return POSITIVE_INTEGER.test(value) ? [] : bad('E_PARALLELISM', 'parallelism is a whole number above 0 (e.g. 4)');
    case 'retry_limit':
      return WHOLE_NUMBER.test(value) ? [] : bad('E_RETRY_LIMIT', 'the number of retries is a whole number (0 = run once)');
    case 'retry_policy':
      return (RETRY_POLICIES as readonly string[]).includes(value) ? [] : bad('E_RETRY_POLICY', `Argo's retry policies are ${RETRY_POLICIES.join(', ')}`);
    case 'timeout':
      return GO_DURATION.test(value) ? [] : bad('E_DURATION', 'Argo reads a timeout as a duration with a unit (e.g. 90s, 30m, 2h)');
    case 'backoff_duration':
    case 'backoff_max_duration':
      return WHOLE_NUMBER.test(value) || GO_DURATION.test(value) ? [] : bad('E_DURATION', 'a backoff is a number of seconds or a duration (e.g. 120, 2m, 1h)');
    case 'backoff_factor':
      if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || Number(value) <= 0) return bad('E_BACKOFF_FACTOR', 'the backoff factor is a number above 0 (e.g. 2)');
      return Number.isInteger(Number(value)) ? [] : [warning('W_BACKOFF_FACTOR', `backoff_factor ${quote(value)}: Argo takes a whole factor (KFP v2 takes ${value}); the Argo targets round it down`, target)];
    default:
      return [];
  }
}

function checkNamedValues(pipeline: Pipeline, setting: WrittenSetting): Diagnostic[] {
  const { key, value } = setting;
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return [error('E_SETTING_TYPE', `${key} must map names to values`, setting.target)];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const entry of value as NamedValue[]) {
    const target: Target = { ...setting.target, field: `${setting.field}.${entry.name}` };
    const name = resolvedText(pipeline, entry.name);
    const text = resolvedText(pipeline, entry.value);
    if (name !== undefined && seen.has(name)) {
      diagnostics.push(error('E_NAME_DUPLICATE', `${quote(name)} is set twice in ${key} of ${setting.where}; only one value can reach the pod, keep one`, target));
    }
    if (name !== undefined) seen.add(name);
    if (key === 'env') {
      if (name !== undefined && !isEnvVarName(name)) {
        diagnostics.push(error('E_ENV_NAME', `${quote(name)} is not a valid environment variable name: letters, digits, \`_\`, \`-\` and \`.\`, not starting with a digit`, target));
      }
    } else {
      if (name !== undefined && !isQualifiedName(name)) diagnostics.push(error('E_LABEL_KEY', `node selector label ${quote(name)} is not a valid label key: ${LABEL_RULE}`, target));
      if (text !== undefined && !isLabelValue(text)) diagnostics.push(error('E_LABEL_VALUE', `node selector value ${quote(text)} (for ${quote(entry.name)}) is not a valid label value: ${LABEL_RULE}, or empty`, target));
    }
  }
  return diagnostics;
}

function checkTolerations(pipeline: Pipeline, setting: WrittenSetting): Diagnostic[] {
  const { value } = setting;
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return [error('E_SETTING_TYPE', 'tolerations must be a list of {key, operator, value, effect}', setting.target)];
  return (value as Toleration[]).flatMap((toleration, index) => {
    const target: Target = { ...setting.target, field: `${setting.field}.${index}` };
    const text = (k: keyof Toleration) => (toleration[k] === undefined ? '' : (resolvedText(pipeline, toleration[k]) ?? ''));
    const operator = text('operator') || 'Equal';
    const effect = text('effect');
    const problems: string[] = [];
    if (!TOLERATION_OPERATORS.includes(operator)) problems.push(`operator ${quote(operator)} is not Equal or Exists`);
    if (effect !== '' && !TOLERATION_EFFECTS.includes(effect)) problems.push(`effect ${quote(effect)} is not ${TOLERATION_EFFECTS.join(', ')} (or empty for all)`);
    if (text('key') === '' && operator !== 'Exists') problems.push('a toleration without a key must have operator Exists');
    if (text('key') !== '' && !isQualifiedName(text('key'))) problems.push(`key ${quote(text('key'))} is not a valid label key`);
    if (operator === 'Exists' && text('value') !== '') problems.push('operator Exists takes no value');
    if (text('value') !== '' && !isLabelValue(text('value'))) problems.push(`value ${quote(text('value'))} is not a valid label value`);
    const seconds = text('tolerationSeconds');
    if (seconds !== '' && !/^-?[0-9]+$/.test(seconds)) problems.push(`tolerationSeconds ${quote(seconds)} is not a whole number`);
    if (seconds !== '' && effect !== 'NoExecute') problems.push('tolerationSeconds applies only to effect NoExecute');
    return problems.length === 0 ? [] : [error('E_TOLERATION', `toleration ${index + 1} in ${setting.where}: ${problems.join('; ')}`, target)];
  });
}

/** Settings that exist once per workflow: its identity, account, limits, labels and the containers' log level. */
export function validateWorkflowSettings(pipeline: Pipeline): Diagnostic[] {
  const { executor } = pipeline;
  const diagnostics: Diagnostic[] = [];
  const text = (key: 'service_account' | 'namespace' | 'generate_name' | 'workflow_parallelism' | 'workflow_active_deadline_seconds' | 'log_level' | 'secret_from_k8s' | 'pvc_for_runnable') => {
    const written = executor[key];
    return written === undefined ? undefined : resolvedText(pipeline, written);
  };
  const at = (key: string): Target => ({ field: `executor.${key}` });
  const check = (key: Parameters<typeof text>[0], ok: (value: string) => boolean, code: `E_${string}`, rule: string) => {
    const value = text(key);
    if (value !== undefined && !ok(value)) diagnostics.push(error(code, `${key} ${quote(value)}: ${rule}`, at(key)));
  };
  check('service_account', isDns1123Subdomain, 'E_SERVICE_ACCOUNT', `a service account name is ${DNS1123_RULE}`);
  check('secret_from_k8s', isDns1123Subdomain, 'E_SECRET_NAME', `a Secret name is ${DNS1123_RULE}`);
  check('namespace', (v) => v.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v), 'E_NAMESPACE', 'a namespace is at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit');
  check('generate_name', (v) => v.length <= 58 && /^[a-z0-9]([-a-z0-9.]*)?$/.test(v), 'E_GENERATE_NAME', 'a generateName is at most 58 lower-case letters, digits, `-` and `.`, starting with a letter or digit (Kubernetes adds 5 random characters), e.g. `train-`');
  check('workflow_parallelism', (v) => POSITIVE_INTEGER.test(v), 'E_PARALLELISM', 'parallelism is a whole number above 0');
  check('workflow_active_deadline_seconds', (v) => POSITIVE_INTEGER.test(v), 'E_DEADLINE', 'a time limit is a whole number of seconds above 0');
  const logLevel = text('log_level');
  if (logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    diagnostics.push(
      error('E_LOG_LEVEL', `log_level ${quote(logLevel)} is not a level magnus's --log-level takes (${LOG_LEVELS.join(', ')})${logLevel === 'CRITICAL' ? ': write FATAL' : ''}`, at('log_level')),
    );
  }
  for (const key of ['labels', 'annotations'] as const) {
    const seen = new Set<string>();
    for (const entry of executor[key] ?? []) {
      const target = { field: `executor.${key}.${entry.name}` };
      const name = resolvedText(pipeline, entry.name);
      const value = resolvedText(pipeline, entry.value);
      if (name !== undefined && seen.has(name)) diagnostics.push(error('E_NAME_DUPLICATE', `${quote(name)} is set twice in ${key}; keep one`, target));
      if (name !== undefined) seen.add(name);
      if (name !== undefined && !isQualifiedName(name)) diagnostics.push(error('E_LABEL_KEY', `${key.slice(0, -1)} key ${quote(name)} is not valid: ${LABEL_RULE}`, target));
      if (key === 'labels' && value !== undefined && !isLabelValue(value)) diagnostics.push(error('E_LABEL_VALUE', `label value ${quote(value)} (for ${quote(entry.name)}) is not valid: ${LABEL_RULE}, or empty`, target));
    }
  }
  diagnostics.push(...checkTaskSecrets(pipeline), ...checkEnvClashes(pipeline));
  return diagnostics;
}

/**
 * A plain variable with the name of a secret variable, or of a parameter the first step receives
 * as `MAGNUS_PRM_<name>`: one container would get the name twice, and the secret's value could be
 * replaced by the plain one. Reported where the plain variable is written, once.
 */
function checkEnvClashes(pipeline: Pipeline): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Most pipelines set no plain variables: then nothing can clash, and no step's settings need resolving.
  const writesEnv = (entries: readonly { key: string }[]) => entries.some((e) => e.key === 'env');
  const anyEnv = (pipeline.executor.env?.length ?? 0) > 0 || pipeline.executor.profiles.some((p) => writesEnv(p.entries)) || pipelineSteps(pipeline).some((v) => writesEnv(v.step.kfp ?? []));
  if (!anyEnv) return diagnostics;
  const reported = new Set<string>();
  const parameterEnv = new Set(pipeline.parameters.map(parameterEnvName));
  const shared = new StepSettings(pipeline);
  for (const visit of pipelineSteps(pipeline)) {
    if (!isExecutable(visit)) continue;
    const settings = shared.of(visit.step);
    const secretNames = new Set(containerSecrets(settings).map((s) => s.env));
    for (const { name } of settings.env.value) {
      const clash = secretNames.has(name) ? 'a secret variable' : parameterEnv.has(name) ? 'the variable a run parameter reaches the first step by' : undefined;
      if (!clash) continue;
      const source = settings.env.source;
      const target: Target =
        source.kind === 'step' ? stepTarget(visit, `kfp.env.${name}`) : source.kind === 'profile' ? { field: `profiles.${source.profile}.env.${name}` } : { field: `executor.env.${name}` };
      const key = `${target.step ?? ''}|${target.field}`;
      if (reported.has(key)) continue;
      reported.add(key);
      diagnostics.push(error('E_ENV_CLASH', `environment variable ${quote(name)} is also ${clash} in step ${quote(visit.path)}; a container gets one value per name, so rename the plain variable`, target));
    }
  }
  return diagnostics;
}

/** A runnable task's `secrets: [X]` reaches its environment only from the executor's `secret_from_k8s` Secret (§6.3). */
function checkTaskSecrets(pipeline: Pipeline): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const visit of pipelineSteps(pipeline)) {
    const names = taskSecretNames(visit.step);
    if (names.length === 0) continue;
    const target = stepTarget(visit, 'secrets');
    for (const name of names.filter((n) => !isEnvVarName(n))) {
      diagnostics.push(error('E_SECRET_ENV_NAME', `task secret ${quote(name)} cannot be an environment variable name, which runnable's Argo executor makes of it`, target));
    }
    const covered = new Set(effectiveSettings(pipeline, visit.step).secrets_from_k8s.value.map((s) => s.env));
    const unset = names.filter((n) => !covered.has(n));
    if (!pipeline.executor.secret_from_k8s && unset.length > 0) {
      diagnostics.push(
        warning(
          'W_TASK_SECRETS_UNSET',
          `step ${quote(visit.path)} reads the secrets ${listNames(unset)} from its environment, but nothing puts them there: set secret_from_k8s (the Secret holding those keys) in the executor config, as runnable's Argo executor requires, or give the step secrets_from_k8s`,
          target,
        ),
      );
    }
  }
  return diagnostics;
}
