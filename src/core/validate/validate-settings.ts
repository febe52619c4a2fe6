import type { Diagnostic } from '../diagnostics';
import { IMAGE_PULL_POLICIES, PLACEHOLDER_IMAGE } from '../model/defaults';
import { effectiveSettings, type EffectiveSetting, type EffectiveSettings, type SettingSource } from '../model/effective';
import { type StepVisit } from '../model/paths';
import { pipelineSteps } from './visits';
import { StepSettings } from '../model/step-settings';
import { KUBERNETES_SETTING_KEYS, type Pipeline, type SecretEntry, type StepSettingKey } from '../model/types';
import { checkPodSetting } from './validate-pod-settings';
import { secretProblems, type SecretProblem } from './names';
import { compareQuantities, parseQuantity, quantityIssue, type QuantityKind } from './quantity';
import { error, listNames, quote, stepTarget, warning, type Target } from './report';
import { isExecutable, resolvedText, settingText, writtenSettings, type WrittenSetting } from './written';

/**
 * The kfp executor settings (§9.2): each value checked where it was written (executor config,
 * profile or step override), then what every container ends up with — an image, and requests
 * no larger than limits.
 */
export function validateSettings(pipeline: Pipeline): Diagnostic[] {
  const written = [...writtenSettings(pipeline)].flatMap((setting) => checkWritten(pipeline, setting));
  const settings = new StepSettings(pipeline);
  const containers = pipelineSteps(pipeline).filter(isExecutable).map((visit) => ({ visit, settings: settings.of(visit.step) }));
  return [...written, ...checkImagePresent(pipeline, containers), ...checkRequestsWithinLimits(pipeline, containers)];
}

interface Container {
  visit: StepVisit;
  settings: EffectiveSettings;
}

const QUANTITY_KINDS: Partial<Record<StepSettingKey, QuantityKind>> = {
  cpu_limit: 'cpu',
  cpu_request: 'cpu',
  memory_limit: 'memory',
  memory_request: 'memory',
  gpu_limit: 'gpu',
};

function checkWritten(pipeline: Pipeline, setting: WrittenSetting): Diagnostic[] {
  if (setting.key === 'secrets_from_k8s') return checkSecrets(pipeline, setting);
  if ((KUBERNETES_SETTING_KEYS as readonly string[]).includes(setting.key)) return checkPodSetting(pipeline, setting);
  const text = settingText(setting.value);
  if (text === undefined) {
    return [error('E_SETTING_TYPE', `${setting.key} must be a single value, not a list or mapping`, setting.target)];
  }
  const resolved = resolvedText(pipeline, text);
  if (resolved === undefined) return [];
  const kind = QUANTITY_KINDS[setting.key];
  if (kind) return checkQuantity(setting, kind, text, resolved);
  if (setting.key === 'image_pull_policy') return checkPullPolicy(setting, resolved);
  if (setting.key === 'docker_image') return checkImageText(setting, resolved);
  return [];
}

function checkQuantity(setting: WrittenSetting, kind: QuantityKind, text: string, resolved: string): Diagnostic[] {
  // An empty request means "the same as the limit"; an empty GPU count means none (magnus skips falsy values).
  const emptyMeansDefault = setting.key === 'cpu_request' || setting.key === 'memory_request' || setting.key === 'gpu_limit';
  if (resolved === '' && emptyMeansDefault) return [];
  const issue = quantityIssue(kind, resolved);
  if (!issue) return [];
  const via = resolved !== text ? ` (${quote(text)} with variables substituted)` : '';
  const message = `${setting.key}${via}: ${issue.message}`;
  return [issue.severity === 'error' ? error(issue.code as `E_${string}`, message, setting.target) : warning(issue.code as `W_${string}`, message, setting.target)];
}

function checkPullPolicy(setting: WrittenSetting, resolved: string): Diagnostic[] {
  if ((IMAGE_PULL_POLICIES as readonly string[]).includes(resolved)) return [];
  const close = IMAGE_PULL_POLICIES.find((p) => p.toLowerCase() === resolved.trim().toLowerCase());
  const hint = close ? `did you mean ${quote(close)}? ` : '';
  return [error('E_IMAGE_PULL_POLICY', `image_pull_policy ${quote(resolved)} is not one Kubernetes knows; ${hint}use Always, IfNotPresent or Never`, setting.target)];
}

function checkImageText(setting: WrittenSetting, resolved: string): Diagnostic[] {
  if (resolved === PLACEHOLDER_IMAGE) {
    return [warning('W_DOCKER_IMAGE_PLACEHOLDER', `docker_image ${quote(resolved)} is the new pipeline's placeholder; set the image your steps run in (with magnus and your code installed)`, setting.target)];
  }
  if (!/\s/.test(resolved)) return [];
  return [error('E_DOCKER_IMAGE_SPACE', `docker_image ${JSON.stringify(resolved)} contains whitespace; an image reference is one word (e.g. registry.example.com/team/image:1.0)`, setting.target)];
}

const SECRET_CODES: Record<SecretProblem['field'], { error: `E_${string}`; warning: `W_${string}` }> = {
  env: { error: 'E_SECRET_ENV_NAME', warning: 'W_SECRET_ENV_NAME' },
  format: { error: 'E_SECRET_REF_FORMAT', warning: 'W_SECRET_REF_FORMAT' },
  secret: { error: 'E_SECRET_NAME', warning: 'W_SECRET_NAME' },
  key: { error: 'E_SECRET_KEY', warning: 'W_SECRET_KEY' },
};

function checkSecrets(pipeline: Pipeline, setting: WrittenSetting): Diagnostic[] {
  const { value } = setting;
  if (value === null || value === undefined || value === '') return [];
  if (!Array.isArray(value)) return [error('E_SETTING_TYPE', 'secrets_from_k8s must map environment variables to "SecretName:Key"', setting.target)];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const entry of value as SecretEntry[]) {
    const target: Target = { ...setting.target, field: `${setting.field}.${entry.env}` };
    const env = resolvedText(pipeline, entry.env);
    const ref = resolvedText(pipeline, entry.ref);
    if (env !== undefined && seen.has(env)) {
      diagnostics.push(error('E_SECRET_DUPLICATE_ENV', `${quote(env)} is set from two secrets in ${setting.where}; only one value can reach the container, keep one`, target));
    }
    if (env !== undefined) seen.add(env);
    // Parts with an undefined variable are reported by the variable rule; check only what is known.
    const problems = secretProblems(env ?? 'VARIABLE', ref ?? 'variable:variable').filter((p) => (p.field === 'env' ? env !== undefined : ref !== undefined));
    for (const problem of problems) {
      const codes = SECRET_CODES[problem.field];
      const message = `secret for ${quote(entry.env)}: ${problem.message}`;
      diagnostics.push(problem.severity === 'error' ? error(codes.error, message, target) : warning(codes.warning, message, target));
    }
  }
  return diagnostics;
}

/** Reported once, on the executor config: that is where an image for every step belongs. */
function checkImagePresent(pipeline: Pipeline, containers: Container[]): Diagnostic[] {
  const without = containers.filter((c) => c.settings.docker_image.value === undefined).map((c) => c.visit.path);
  if (without.length === 0) return [];
  const which =
    without.length === containers.length
      ? 'no docker image'
      : `no docker image for ${without.length <= 5 ? listNames(without) : `${listNames(without.slice(0, 5))} and ${without.length - 5} more`}`;
  // Without a config file there is no executor config to set it in: say so, rather than point at nothing.
  const noConfig = pipeline.files.config === undefined && !pipeline.executor.inDagFile && pipeline.executor.docker_image === undefined;
  const fix = noConfig
    ? 'no magnus config file was given, so nothing names the image the steps run in: give one (e.g. `executor: {type: kfp, config: {docker_image: …}}`, with magnus and your code in the image), or set the image in the pipeline settings'
    : 'set docker_image in the executor config to the image the steps run in (with magnus and your code installed), or give those steps their own';
  return [error('E_DOCKER_IMAGE_MISSING', `${which}: ${fix}`, { field: 'executor.docker_image' })];
}

const RESOURCE_PAIRS = [
  { request: 'cpu_request', limit: 'cpu_limit' },
  { request: 'memory_request', limit: 'memory_limit' },
] as const;

/** Kubernetes rejects a pod whose request exceeds its limit. */
function checkRequestsWithinLimits(pipeline: Pipeline, containers: Container[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const global = effectiveSettings(pipeline, undefined, { resolveVariables: true });
  for (const pair of RESOURCE_PAIRS) {
    const request = global[pair.request];
    const limit = global[pair.limit];
    if (exceeds(request, limit)) diagnostics.push(requestAboveLimit(pair, request, limit, { field: `executor.${pair.request}` }));
  }
  for (const profile of pipeline.executor.profiles) {
    for (const pair of RESOURCE_PAIRS) {
      const last = (key: string) => profile.entries.filter((e) => e.key === key).at(-1);
      const request = last(pair.request);
      const limit = last(pair.limit);
      if (!request || !limit) continue;
      const source: SettingSource = { kind: 'profile', profile: profile.name };
      const texts = [settingText(request.value), settingText(limit.value)].map((t) => (t === undefined ? undefined : resolvedText(pipeline, t)));
      if (texts[0] === undefined || texts[1] === undefined) continue;
      const requestSetting = { value: texts[0], source };
      const limitSetting = { value: texts[1], source };
      if (exceeds(requestSetting, limitSetting)) {
        diagnostics.push(requestAboveLimit(pair, requestSetting, limitSetting, { field: `profiles.${profile.name}.${pair.request}` }));
      }
    }
  }
  for (const { visit, settings } of containers) {
    for (const pair of RESOURCE_PAIRS) {
      const request = settings[pair.request];
      const limit = settings[pair.limit];
      if (reportedElsewhere(request.source, limit.source) || !exceeds(request, limit)) continue;
      diagnostics.push(requestAboveLimit(pair, request, limit, stepTarget(visit, stepFieldFor(pair, request.source, limit.source)), visit.path));
    }
  }
  return diagnostics;
}

function exceeds(request: EffectiveSetting<string>, limit: EffectiveSetting<string>): boolean {
  const r = parseQuantity(request.value);
  const l = parseQuantity(limit.value);
  return !!r && !!l && compareQuantities(r, l) > 0;
}

/** Values that all come from the executor config, or all from one profile, were reported there. */
function reportedElsewhere(a: SettingSource, b: SettingSource): boolean {
  const inherited = (s: SettingSource) => s.kind === 'default' || s.kind === 'global';
  if (inherited(a) && inherited(b)) return true;
  return a.kind === 'profile' && b.kind === 'profile' && a.profile === b.profile;
}

/** The override the user would change: the step's own value, else the profile it applies. */
function stepFieldFor(pair: (typeof RESOURCE_PAIRS)[number], request: SettingSource, limit: SettingSource): string {
  if (request.kind === 'step') return `kfp.${pair.request}`;
  if (limit.kind === 'step') return `kfp.${pair.limit}`;
  const profile = request.kind === 'profile' ? request.profile : limit.kind === 'profile' ? limit.profile : undefined;
  return profile !== undefined ? `kfp.${profile}` : `kfp.${pair.request}`;
}

const describeSource = (source: SettingSource) =>
  source.kind === 'default'
    ? 'the default'
    : source.kind === 'global'
      ? 'the executor config'
      : source.kind === 'profile'
        ? `profile ${quote(source.profile)}`
        : 'the step';

function requestAboveLimit(
  pair: (typeof RESOURCE_PAIRS)[number],
  request: EffectiveSetting<string>,
  limit: EffectiveSetting<string>,
  target: Target,
  stepPath?: string,
): Diagnostic {
  const subject = stepPath !== undefined ? `step ${quote(stepPath)}: ` : '';
  return error(
    'E_REQUEST_ABOVE_LIMIT',
    `${subject}${pair.request} ${request.value} (from ${describeSource(request.source)}) is above ${pair.limit} ${limit.value} (from ${describeSource(limit.source)}); Kubernetes rejects a request larger than the limit, so lower the request or raise the limit`,
    target,
  );
}
