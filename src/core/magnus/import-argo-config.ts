import type { Json, KfpConfig, NamedValue, OverrideEntry, Profile, SecretEntry, SettingValue, VolumeEntry } from '../model/types';
import type { YamlPath } from '../yaml/source';
import { MARKERS } from './era';
import { describeType, isMapping, type FileCursor, type ImportContext } from './import-context';
import { readBoolean, readNamedValues, readOverrideEntry, readSecrets, readTolerations, readVolumes, scalarText } from './import-values';
import { readsAsKfpSetting } from './kfp-config-keys';

/**
 * The Argo executors' configs (§6.3, §10.1), read into the model's settings: the flat config of
 * magnus 0.5 and runnable ≤0.19 (`image`, `resources`, `persistent_volumes`…) and runnable ≥0.20's
 * (`defaults`, `overrides`, `argoWorkflow`, `pvc_for_runnable`…), in camelCase or snake_case.
 * What has no place in the model is kept as written (export writes it back) and reported.
 */

/** Where settings go: the executor config itself, or one named profile. */
interface Sink {
  set(key: string, value: SettingValue, at: YamlPath, renamedFrom?: string): void;
  field(key: string): string;
}

interface ArgoReader {
  ctx: ImportContext;
  cursor: FileCursor;
  executor: KfpConfig;
  /** Written-but-unmapped parts of the config, rebuilt in their original shape for export. */
  keep(path: YamlPath, value: Json): void;
}

/**
 * Where what an Argo config kept as written under a name the kfp dialect reads as a setting
 * (`overrides`, `tolerations`…) is kept instead, in the exported config: unknown to kfp, so kept
 * again, not applied, on the way back.
 */
export const ARGO_KEPT_KEY = 'kept_from_argo';

/** runnable ≥0.20 keys of `config:`; any of them (or `argoWorkflow`/`defaults`) marks the new dialect. */
const NEW_KEYS = new Set(['argo_workflow', 'defaults', 'pvc_for_runnable', 'custom_volumes', 'secret_from_k8s', 'cron_schedule', 'configmap_cache_name', 'log_level', 'mock']);

/** camelCase → snake_case, as runnable's pydantic models accept both (`to_camel` aliases + `populate_by_name`). */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Whether an argo executor's `config:` is written for runnable ≥0.20 (the two dialects do not mix, §6.3). */
export function isRunnableArgoConfig(config: Record<string, Json>): boolean {
  return Object.keys(config).some((key) => NEW_KEYS.has(snake(key)));
}

/** runnable ≥0.20: `config:` of `pipeline-executor: {type: argo}`. */
export function readRunnableArgoConfig(ctx: ImportContext, cursor: FileCursor, configPath: YamlPath, config: Record<string, Json>, executor: KfpConfig) {
  const reader = readerFor(ctx, cursor, configPath, executor);
  const global = globalSink(reader, configPath);
  const entries = new Map(cursor.source.entries(configPath, config).map(([key, value]) => [snake(key), { key, value }]));
  const at = (key: string): YamlPath => [...configPath, entries.get(key)!.key];
  const workflow = entries.get('argo_workflow');
  const spec = workflow && isMapping(workflow.value) ? ownEntry(workflow.value, 'spec') : undefined;
  const templateDefaults = spec && isMapping(spec.value) ? ownEntry(spec.value, 'templateDefaults') ?? ownEntry(spec.value, 'template_defaults') : undefined;
  const defaults = entries.get('defaults');
  // 0.20–0.22 keep the container defaults under argoWorkflow.spec.templateDefaults; 0.23+ under `defaults`.
  const older = defaults === undefined && templateDefaults !== undefined;
  ctx.mark(older ? MARKERS.argoTemplateDefaults : MARKERS.argoDefaults);
  const defaultsPath = older ? [...at('argo_workflow'), spec!.key, templateDefaults!.key] : defaults ? at('defaults') : undefined;
  const defaultsValue = older ? templateDefaults!.value : defaults?.value;
  if (defaultsPath && isMapping(defaultsValue)) {
    readCommonDefaults(reader, global, defaultsPath, defaultsValue, { implicitResources: true });
  } else if (defaultsPath && defaultsValue !== null) {
    ctx.report(cursor, defaultsPath, 'error', 'E_FIELD_TYPE', `\`defaults\` must be a mapping of container settings, not ${describeType(defaultsValue)}`, { field: 'executor' });
  } else {
    ctx.report(cursor, configPath, 'warning', 'W_ARGO_NO_DEFAULTS', 'the argo config has no `defaults` (runnable ≥0.23) or `argoWorkflow.spec.templateDefaults` (0.20–0.22), which runnable requires for the image of every step', { field: 'executor.docker_image' }, 'key');
  }

  for (const [name, { key, value }] of entries) {
    const path = [...configPath, key];
    switch (name) {
      case 'defaults':
        break;
      case 'argo_workflow':
        if (isMapping(value)) readArgoWorkflow(reader, global, path, value, older);
        else if (value !== null) ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`${key}\` must be a mapping with \`metadata\` and \`spec\`, not ${describeType(value)}`, { field: 'executor' });
        break;
      case 'overrides':
        if (older) {
          reader.keep(path, value);
          ctx.report(cursor, path, 'warning', 'W_ARGO_OVERRIDES_UNUSED', 'runnable 0.20–0.22 never applied `overrides` to steps (its code reads a misspelt attribute), so they are kept as written and not applied; runnable ≥0.23 applies them, with the container defaults under `defaults:`', { field: 'profiles' }, 'key');
        } else {
          executor.profiles.push(...readRunnableOverrides(reader, path, value));
        }
        break;
      case 'env':
        // 0.22 only: env of every task container; 0.23 moved it under defaults.
        global.set('env', readNamedValues(ctx, cursor, path, value, { field: 'executor.env' }) ?? [], path);
        break;
      case 'pvc_for_runnable':
        if (value !== null) {
          executor.pvc_for_runnable = scalarText(value);
          ctx.locate(cursor, path, { field: 'executor.pvc_for_runnable' });
        }
        break;
      case 'custom_volumes':
        addVolumes(executor, readCustomVolumes(reader, path, value));
        break;
      case 'secret_from_k8s':
      case 'output_file':
      case 'log_level':
        if (value !== null) {
          // own-keys: one of the case labels above
          executor[name] = scalarText(value);
          ctx.locate(cursor, path, { field: `executor.${name}` });
        }
        break;
      case 'expose_parameters_as_inputs':
        reader.keep(path, value);
        if (readBoolean(ctx, cursor, path, value, { field: 'executor' }) === false) {
          ctx.report(cursor, path, 'info', 'I_ARGO_PARAMETERS_EXPOSED', 'the emitted pipelines always take the initial parameters as run-time inputs (and give them to the first step as MAGNUS_PRM_*), as runnable does with the default `true`; kept as written', { field: 'executor' }, 'key');
        }
        break;
      case 'cron_schedule':
      case 'configmap_cache_name':
      case 'mock':
        reader.keep(path, value);
        ctx.report(cursor, path, 'warning', 'W_ARGO_NOT_APPLIED', NOT_APPLIED[name], { field: 'executor' }, 'key');
        break;
      default:
        reader.keep(path, value);
        ctx.report(
          cursor,
          path,
          'warning',
          'W_UNKNOWN_KEY',
          FLAT_KEYS.has(name)
            ? `\`${key}\` is a setting of the older flat Argo config (magnus 0.5, runnable ≤0.19), which runnable ≥0.20 rejects; kept as written, not applied (put it under \`defaults\` or \`argoWorkflow\`)`
            : `\`${key}\` is not a setting of runnable's Argo executor, which rejects unknown keys; kept as written, not applied`,
          { field: 'executor' },
          'key',
        );
    }
  }
}

const NOT_APPLIED: Record<string, string> = {
  cron_schedule:
    'the emitted file is one run of the pipeline: a schedule is made in Kubeflow with a recurring run (cron with seconds first, no time zone) or, for Argo, by wrapping the workflow in a CronWorkflow; kept as written, not applied',
  configmap_cache_name: "runnable's Argo memoization cache has no counterpart in the emitted pipelines (KFP caches by its own options); kept as written, not applied",
  mock: '`mock` has no effect in runnable either; kept as written',
};

/** Keys of the flat ≤0.19 config, which runnable ≥0.20 rejects (§6.3 "Docs drift"). */
const FLAT_KEYS = new Set(['image', 'resources', 'persistent_volumes', 'secrets_from_k8s', 'max_workflow_duration_in_seconds', 'max_step_duration_in_seconds', 'node_selector', 'tolerations', 'retry_strategy', 'service_account_name', 'image_pull_policy', 'parallelism', 'name', 'labels', 'annotations']);

/** `argoWorkflow: {metadata, spec}`: the workflow's identity, service account and limits. */
function readArgoWorkflow(reader: ArgoReader, global: Sink, path: YamlPath, workflow: Record<string, Json>, older: boolean) {
  const { ctx, cursor, executor } = reader;
  for (const [key, value] of cursor.source.entries(path, workflow)) {
    const at = [...path, key];
    if (key === 'metadata' && isMapping(value)) {
      for (const [metaKey, metaValue] of cursor.source.entries(at, value)) {
        const metaAt = [...at, metaKey];
        const name = snake(metaKey);
        if (name === 'generate_name' || name === 'namespace') {
          // own-keys: generate_name or namespace, tested above
          executor[name] = scalarText(metaValue);
          ctx.locate(cursor, metaAt, { field: `executor.${name}` });
        } else if (name === 'labels' || name === 'annotations') {
          // own-keys: labels or annotations, tested above
          executor[name] = readNamedValues(ctx, cursor, metaAt, metaValue, { field: `executor.${name}` });
          if (executor[name] === undefined) delete executor[name];
          ctx.locate(cursor, metaAt, { field: `executor.${name}` }, 'key');
        } else {
          reader.keep(metaAt, metaValue);
          ctx.report(cursor, metaAt, 'warning', 'W_UNKNOWN_KEY', `\`${metaKey}\` is not a field runnable reads from the workflow metadata (generateName, namespace, labels, annotations); kept as written, not applied`, { field: 'executor' }, 'key');
        }
      }
    } else if (key === 'spec' && isMapping(value)) {
      readWorkflowSpec(reader, global, at, value, older);
    } else if (key === 'apiVersion' || key === 'kind' || key === 'api_version') {
      reader.keep(at, value);
    } else {
      reader.keep(at, value);
      ctx.report(cursor, at, 'warning', 'W_UNKNOWN_KEY', `\`${key}\` is not read by runnable from \`argoWorkflow\` (metadata, spec); kept as written, not applied`, { field: 'executor' }, 'key');
    }
  }
}

function readWorkflowSpec(reader: ArgoReader, global: Sink, path: YamlPath, spec: Record<string, Json>, older: boolean) {
  const { ctx, cursor, executor } = reader;
  // A template's own value wins over the workflow's (Argo); `defaults` fills every template, so these apply only where it left a gap.
  const unsetGlobally = (key: 'node_selector' | 'tolerations' | 'retry_limit') => executor[key] === undefined || (Array.isArray(executor[key]) && executor[key].length === 0);
  for (const [key, value] of cursor.source.entries(path, spec)) {
    const at = [...path, key];
    const name = snake(key);
    const field = (f: string) => ({ field: `executor.${f}` });
    switch (name) {
      case 'service_account_name':
        executor.service_account = scalarText(value);
        ctx.locate(cursor, at, field('service_account'));
        break;
      case 'active_deadline_seconds':
        executor.workflow_active_deadline_seconds = scalarText(value);
        ctx.locate(cursor, at, field('workflow_active_deadline_seconds'));
        break;
      case 'parallelism':
        executor.workflow_parallelism = scalarText(value);
        ctx.locate(cursor, at, field('workflow_parallelism'));
        break;
      case 'node_selector':
        if (unsetGlobally('node_selector')) global.set('node_selector', readNamedValues(ctx, cursor, at, value, field('node_selector')) ?? [], at);
        break;
      case 'tolerations':
        if (unsetGlobally('tolerations')) global.set('tolerations', readTolerations(ctx, cursor, at, value, field('tolerations')) ?? [], at);
        break;
      case 'retry_strategy':
        if (unsetGlobally('retry_limit')) readRetryStrategy(reader, global, at, value);
        break;
      case 'template_defaults':
        // 0.20–0.22 read from here (done with `defaults`); ≥0.23 rebuilds it from `defaults`.
        if (!older) {
          reader.keep(at, value);
          ctx.report(cursor, at, 'warning', 'W_ARGO_NOT_APPLIED', 'runnable ≥0.23 replaces `templateDefaults` with the values of `defaults`, so these are not used; kept as written (move them under `defaults`)', { field: 'executor' }, 'key');
        }
        break;
      case 'entrypoint':
      case 'arguments':
        reader.keep(at, value);
        ctx.report(cursor, at, 'info', 'I_ARGO_SPEC_OVERWRITTEN', `runnable writes \`${key}\` itself (the entrypoint and the run's parameters), so what is written here has no effect; kept as written`, { field: 'executor' }, 'key');
        break;
      case 'pod_gc':
        reader.keep(at, value);
        ctx.report(cursor, at, 'warning', 'W_ARGO_NOT_APPLIED', 'pod garbage collection (`podGc`) is not written into the emitted pipelines (Kubeflow removes pods by its own settings); kept as written, not applied', { field: 'executor' }, 'key');
        break;
      default:
        reader.keep(at, value);
        ctx.report(cursor, at, 'warning', 'W_UNKNOWN_KEY', `\`${key}\` is not a field runnable accepts in \`argoWorkflow.spec\` (\`podGC\` is spelt \`podGc\` there); kept as written, not applied`, { field: 'executor' }, 'key');
    }
  }
}

const RUNNABLE_CPU = '250m';
const RUNNABLE_MEMORY = '1Gi';

/**
 * runnable's CommonDefaults (`defaults`, each override, 0.20–0.22 `templateDefaults`): image, pull
 * policy, resources, env, node selector, tolerations, retry strategy, deadline, timeout,
 * parallelism. With `implicitResources`, what runnable fills in when absent is set explicitly:
 * 250m / 1Gi for every limit and request it leaves out (§6.3), not the kfp defaults (250m / 1G).
 */
function readCommonDefaults(reader: ArgoReader, sink: Sink, path: YamlPath, values: Record<string, Json>, options: { implicitResources: boolean }) {
  const { ctx, cursor } = reader;
  let sawResources = false;
  for (const [key, value] of cursor.source.entries(path, values)) {
    const at = [...path, key];
    const name = snake(key);
    switch (name) {
      case 'image':
        if (value !== null) sink.set('docker_image', scalarText(value), at, key);
        break;
      case 'image_pull_policy':
        if (value !== null) sink.set('image_pull_policy', scalarText(value), at);
        break;
      case 'resources':
        sawResources = true;
        readRunnableResources(reader, sink, at, value);
        break;
      case 'env':
        readEnvList(reader, sink, at, value);
        break;
      case 'node_selector':
        sink.set('node_selector', readNamedValues(ctx, cursor, at, value, { field: sink.field('node_selector') }) ?? [], at);
        break;
      case 'tolerations':
        sink.set('tolerations', readTolerations(ctx, cursor, at, value, { field: sink.field('tolerations') }) ?? [], at);
        break;
      case 'retry_strategy':
        readRetryStrategy(reader, sink, at, value);
        break;
      case 'active_deadline_seconds':
      case 'timeout':
      case 'parallelism':
        if (value !== null) sink.set(name, scalarText(value), at);
        break;
      case 'fail_fast':
        reader.keep(at, value);
        ctx.report(cursor, at, 'info', 'I_ARGO_FAIL_FAST', "`failFast` is not applied: the emitted DAGs never stop other branches when one fails, so that on_failure steps and composite fan-ins run as magnus runs them; kept as written", { field: sink.field('parallelism').replace(/\.parallelism$/, '') }, 'key');
        break;
      default:
        reader.keep(at, value);
        ctx.report(cursor, at, 'warning', 'W_UNKNOWN_KEY', `\`${key}\` is not a container setting runnable knows (image, imagePullPolicy, resources, env, nodeSelector, tolerations, retryStrategy, activeDeadlineSeconds, timeout, parallelism, failFast); kept as written, not applied`, { field: sink.field('docker_image').replace(/\.docker_image$/, '') }, 'key');
    }
  }
  if (options.implicitResources && !sawResources) readRunnableResources(reader, sink, path, {});
}

/**
 * `resources: {limits: {cpu, memory, gpu}, requests: {cpu, memory}}`: runnable's `Resources`, each
 * missing one 250m / 1Gi; other keys (`nvidia.com/gpu`, `ephemeral-storage`) silently dropped by
 * runnable, reported here.
 */
function readRunnableResources(reader: ArgoReader, sink: Sink, path: YamlPath, value: Json, defaults = { cpu: RUNNABLE_CPU, memory: RUNNABLE_MEMORY }) {
  const { ctx, cursor } = reader;
  if (value !== null && !isMapping(value)) {
    ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`resources\` must be a mapping with \`limits\` and \`requests\`, not ${describeType(value)}`, { field: sink.field('cpu_limit') });
    return;
  }
  const resources = value ?? {};
  const part = (kind: 'limits' | 'requests') => {
    const raw = Object.hasOwn(resources, kind) ? resources[kind] : undefined;
    const at = raw === undefined ? path : [...path, kind];
    if (raw !== undefined && raw !== null && !isMapping(raw)) {
      ctx.report(cursor, at, 'error', 'E_FIELD_TYPE', `\`${kind}\` must map cpu and memory to quantities, not ${describeType(raw)}`, { field: sink.field(`cpu_${kind === 'limits' ? 'limit' : 'request'}`) });
      return;
    }
    const values = raw ?? {};
    const suffix = kind === 'limits' ? 'limit' : 'request';
    for (const resource of ['cpu', 'memory'] as const) {
      const written = Object.hasOwn(values, resource) && values[resource] !== null;
      sink.set(`${resource}_${suffix}`, written ? scalarText(values[resource]) : defaults[resource], written ? [...at, resource] : at);
    }
    for (const [key, item] of raw ? cursor.source.entries(at, raw) : []) {
      if (key === 'cpu' || key === 'memory') continue;
      if (key === 'gpu' && kind === 'limits') {
        if (item !== null) sink.set('gpu_limit', scalarText(item), [...at, key]);
        continue;
      }
      reader.keep([...at, key], item);
      ctx.report(cursor, [...at, key], 'warning', 'W_ARGO_RESOURCE_IGNORED', `runnable drops \`${kind}.${key}\` without a word (it reads cpu, memory${kind === 'limits' ? ' and gpu' : ''}); kept as written, not applied${key.includes('gpu') ? ' — write `gpu: <count>` under limits' : ''}`, { field: sink.field(`cpu_${suffix}`) }, 'key');
    }
  };
  part('limits');
  part('requests');
  // An override's resources replace the defaults' whole (§6.3): no GPU unless it asks for one.
  const limits = Object.hasOwn(resources, 'limits') && isMapping(resources.limits) ? resources.limits : {};
  if (sink.field('gpu_limit').startsWith('profiles.') && !(Object.hasOwn(limits, 'gpu') && limits.gpu !== null)) sink.set('gpu_limit', '0', path);
}

/** `env: [{name, value}]`, where an entry may also be the secret form `{environment_variable, secret_name, secret_key}`. */
function readEnvList(reader: ArgoReader, sink: Sink, path: YamlPath, value: Json) {
  const { ctx, cursor } = reader;
  if (value === null) return;
  if (!Array.isArray(value)) {
    sink.set('env', readNamedValues(ctx, cursor, path, value, { field: sink.field('env') }) ?? [], path);
    return;
  }
  const plain: NamedValue[] = [];
  const secrets: SecretEntry[] = [];
  value.forEach((item, index) => {
    const at = [...path, index];
    const has = (key: string) => isMapping(item) && Object.hasOwn(item, key);
    if (!isMapping(item) || !(has('name') || has('environment_variable'))) {
      ctx.report(cursor, at, 'error', 'E_FIELD_TYPE', `each entry of \`env\` must be \`{name, value}\`, not ${describeType(item)}`, { field: sink.field('env') });
      return;
    }
    const part = (...keys: string[]) => {
      const key = keys.find((k) => has(k));
      return key === undefined ? '' : scalarText(item[key]);
    };
    if (!has('environment_variable') && !has('secretName') && !has('secret_name')) {
      const name = part('name');
      plain.push({ name, value: part('value') });
      ctx.locate(cursor, at, { field: `${sink.field('env')}.${name}` });
      return;
    }
    const name = part('environment_variable', 'name');
    const ref = `${part('secret_name', 'secretName')}:${part('secret_key', 'secretKey')}`;
    secrets.push({ env: name, ref });
    const target = { field: `${sink.field('secrets_from_k8s')}.${name}` };
    ctx.locate(cursor, at, target);
    ctx.report(
      cursor,
      at,
      'warning',
      'W_ARGO_SECRET_ENV',
      has('environment_variable')
        ? `runnable accepts a secret variable here but fails when it writes the workflow; read as the secret ${name} = ${ref} (runnable's own way is \`secret_from_k8s\` with the task's \`secrets\`)`
        : `runnable rejects this spelling of a secret variable (\`secretName\`/\`secretKey\`, from its docstring); read as the secret ${name} = ${ref}`,
      target,
    );
  });
  sink.set('env', plain, path);
  if (secrets.length > 0) sink.set('secrets_from_k8s', secrets, path);
}

/** `retryStrategy: {limit, retryPolicy, backOff: {duration, factor, maxDuration}}`, runnable's defaults filling the gaps. */
function readRetryStrategy(reader: ArgoReader, sink: Sink, path: YamlPath, value: Json, flat = false) {
  const { ctx, cursor } = reader;
  if (value === null) return;
  if (!isMapping(value)) {
    ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`retryStrategy\` must be a mapping with \`limit\`, not ${describeType(value)}`, { field: sink.field('retry_limit') });
    return;
  }
  // runnable ≥0.20 takes camelCase or snake_case; magnus 0.5's `Retry` knew only its field names
  // (limit, retry_policy, back_off) and ignored the rest — its own example's retryPolicy/backoff too.
  const written = new Map(cursor.source.entries(path, value).map(([key, item]) => [flat ? key : snake(key), { key, item }]));
  const limit = written.get('limit');
  sink.set('retry_limit', limit && limit.item !== null ? scalarText(limit.item) : '0', limit ? [...path, limit.key] : path);
  const policy = written.get('retry_policy');
  if (policy && policy.item !== null) sink.set('retry_policy', scalarText(policy.item), [...path, policy.key]);
  // runnable ≥0.20 spells it backOff (Argo: backoff); magnus 0.5's model field was back_off.
  const backOff = written.get('back_off');
  if (backOff && isMapping(backOff.item)) {
    const at = [...path, backOff.key];
    const fields = new Map(cursor.source.entries(at, backOff.item).map(([key, item]) => [flat ? key : snake(key), { key, item }]));
    const backOffDefaults: Record<string, string> = flat ? { duration: '120', factor: '2', max_duration: '3600' } : { duration: '2m', factor: '2', max_duration: '1h' };
    for (const [name, model] of [
      [flat ? 'duration_in_seconds' : 'duration', 'backoff_duration'],
      ['factor', 'backoff_factor'],
      ['max_duration', 'backoff_max_duration'],
    ] as const) {
      const field = fields.get(name);
      const text = field && field.item !== null ? scalarText(field.item) : backOffDefaults[name === 'duration_in_seconds' ? 'duration' : name];
      sink.set(model, text, field ? [...at, field.key] : at);
    }
  }
  for (const [name, { key, item }] of written) {
    if (name === 'limit' || name === 'retry_policy' || name === 'back_off') continue;
    reader.keep([...path, key], item);
    const message = flat
      ? `magnus 0.5 and runnable ≤0.19 read \`limit\`, \`retry_policy\` and \`back_off\` here and ignore \`${key}\`; kept as written, not applied`
      : name === 'backoff'
        ? 'runnable ≥0.20 spells it `backOff` and rejects `backoff`; kept as written, not applied'
        : `\`${key}\` is not part of a retry strategy (limit, retryPolicy, backOff); kept as written, not applied`;
    ctx.report(cursor, [...path, key], 'warning', 'W_UNKNOWN_KEY', message, { field: sink.field('retry_limit') }, 'key');
  }
}

/**
 * runnable ≥0.23 `overrides.<name>`, applied to a step by `overrides: {argo: <name>}`. runnable
 * merges an override by replacing whole fields with its model dump (§6.3): a step with an
 * override runs with its pull policy (else `Always`) and its resources (else 250m / 1Gi), not the
 * `defaults` ones; env is merged by name onto `defaults.env`; the other fields fall back to
 * `defaults`. Each profile is written so that applying it gives exactly that.
 */
function readRunnableOverrides(reader: ArgoReader, path: YamlPath, value: Json): Profile[] {
  const { ctx, cursor, executor } = reader;
  if (value === null) return [];
  if (!isMapping(value)) {
    ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`overrides\` must map override names to container settings, not ${describeType(value)}`, { field: 'profiles' });
    return [];
  }
  const profiles: Profile[] = [];
  for (const [name, settings] of cursor.source.entries(path, value)) {
    const at = [...path, name];
    ctx.locate(cursor, at, { field: `profiles.${name}` }, 'key');
    if (executor.profiles.some((p) => p.name === name) || profiles.some((p) => p.name === name)) {
      ctx.report(cursor, at, 'warning', 'W_PROFILE_DUPLICATE', `profile \`${name}\` is defined twice; the first one is used`, { field: `profiles.${name}` }, 'key');
      continue;
    }
    if (settings !== null && !isMapping(settings)) {
      ctx.report(cursor, at, 'error', 'E_FIELD_TYPE', `override \`${name}\` must be a mapping of container settings, not ${describeType(settings)}`, { field: `profiles.${name}` });
      continue;
    }
    const profile: Profile = { name, entries: [] };
    const sink = profileSink(reader, profile);
    const written = settings ?? {};
    readCommonDefaults(reader, sink, at, written, { implicitResources: true });
    const has = (key: string) => Object.keys(written).some((k) => snake(k) === key);
    if (!has('image_pull_policy')) sink.set('image_pull_policy', 'Always', at);
    // env: defaults.env first, then the override's, merged by name.
    const own = profile.entries.find((e) => e.key === 'env')?.value as NamedValue[] | undefined;
    if (own) {
      const inherited = executor.env ?? [];
      const merged = new Map(inherited.map((e) => [e.name, e.value]));
      for (const e of own) merged.set(e.name, e.value);
      sink.set('env', [...merged].map(([n, v]) => ({ name: n, value: v })), at);
    }
    profiles.push(profile);
  }
  return profiles;
}

/** `custom_volumes: [{mount_path, persistent_volume_claim: {claim_name, read_only}}]`. */
function readCustomVolumes(reader: ArgoReader, path: YamlPath, value: Json): VolumeEntry[] {
  const { ctx, cursor } = reader;
  if (value === null) return [];
  if (!Array.isArray(value)) {
    ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`custom_volumes\` must be a list of \`{mount_path, persistent_volume_claim: {claim_name}}\`, not ${describeType(value)}`, { field: 'executor.persistent_volumes' });
    return [];
  }
  return value.flatMap((item, index) => {
    const at = [...path, index];
    const claimSource = isMapping(item) ? (item.persistent_volume_claim ?? item.persistentVolumeClaim) : undefined;
    if (!isMapping(item) || !isMapping(claimSource)) {
      ctx.report(cursor, at, 'error', 'E_FIELD_TYPE', 'a custom volume must be `{mount_path, persistent_volume_claim: {claim_name}}`', { field: 'executor.persistent_volumes' });
      return [];
    }
    const claim = scalarText(claimSource.claim_name ?? claimSource.claimName ?? null);
    const mountPath = scalarText(item.mount_path ?? item.mountPath ?? null);
    const readOnly = claimSource.read_only ?? claimSource.readOnly;
    ctx.locate(cursor, at, { field: `executor.persistent_volumes.${claim}` });
    return [{ claim, mountPath, ...(readOnly === true ? { readOnly: true } : {}) }];
  });
}

function addVolumes(executor: KfpConfig, volumes: VolumeEntry[]) {
  if (volumes.length > 0) executor.persistent_volumes = [...(executor.persistent_volumes ?? []), ...volumes];
}

/** The flat config of magnus 0.5 / runnable ≤0.19 (and magnus-extensions' Argo), key by key (§10.1). */
export function readFlatArgoSetting(ctx: ImportContext, cursor: FileCursor, configPath: YamlPath, key: string, value: Json, executor: KfpConfig): boolean {
  const reader = readerFor(ctx, cursor, configPath, executor);
  return readFlatSetting(reader, globalSink(reader, configPath), [...configPath, key], key, value);
}

/** Flat keys inside a 0.5 `overrides.<name>` profile (a shallow update of the executor config, §7.2). */
export function readFlatArgoProfile(ctx: ImportContext, cursor: FileCursor, path: YamlPath, name: string, settings: Record<string, Json>, executor: KfpConfig): Profile {
  // What the profile keeps is kept where it was written (`overrides.<name>.…`), not in the global config.
  const reader = readerFor(ctx, cursor, path.slice(0, -2), executor);
  const profile: Profile = { name, entries: [] };
  const sink = profileSink(reader, profile);
  for (const [key, value] of cursor.source.entries(path, settings)) {
    // Any other key as the kfp dialect reads it in a profile (`output_file: 1` is the text "1"), so the export reads back the same.
    if (!readFlatSetting(reader, sink, [...path, key], key, value)) profile.entries.push(readOverrideEntry(ctx, cursor, [...path, key], value, {}, `profiles.${name}`));
  }
  return profile;
}

/** One flat key; false when it is not one of the Argo executor's own (the caller reads it as a kfp key). */
function readFlatSetting(reader: ArgoReader, sink: Sink, at: YamlPath, key: string, value: Json): boolean {
  const { ctx, cursor, executor } = reader;
  const global = (name: keyof KfpConfig & string) => {
    // own-keys: a KfpConfig key named by the caller
    (executor as unknown as Record<string, unknown>)[name] = scalarText(value);
    ctx.locate(cursor, at, { field: `executor.${name}` });
    ctx.report(cursor, at, 'info', 'I_CONFIG_KEY_RENAMED', `\`${key}\` is read as \`${name}\``, { field: `executor.${name}` }, 'key');
  };
  switch (key) {
    case 'image':
      if (value !== null) sink.set('docker_image', scalarText(value), at, key);
      return true;
    case 'resources':
      readRunnableResources(reader, sink, at, value);
      return true;
    case 'retry_strategy':
      readRetryStrategy(reader, sink, at, value, true);
      return true;
    case 'node_selector':
      if (value !== null) sink.set('node_selector', readNamedValues(ctx, cursor, at, value, { field: sink.field('node_selector') }) ?? [], at);
      return true;
    case 'tolerations':
      if (value !== null) sink.set('tolerations', readTolerations(ctx, cursor, at, value, { field: sink.field('tolerations') }) ?? [], at);
      return true;
    case 'max_step_duration_in_seconds':
      if (value !== null) sink.set('active_deadline_seconds', scalarText(value), at, key);
      return true;
    case 'parallelism':
      // On the executor: the workflow's; in an override: the composite step's (§10.1).
      if (value === null) return true;
      if (sink.field('parallelism').startsWith('profiles.')) sink.set('parallelism', scalarText(value), at);
      else global('workflow_parallelism');
      return true;
    case 'max_workflow_duration_in_seconds':
      if (value !== null) global('workflow_active_deadline_seconds');
      return true;
    case 'service_account_name':
      if (value !== null) global('service_account');
      return true;
    case 'name':
      if (value !== null) global('generate_name');
      return true;
    case 'labels':
    case 'annotations':
      // own-keys: labels or annotations (the case labels)
      executor[key] = readNamedValues(ctx, cursor, at, value, { field: `executor.${key}` });
      if (executor[key] === undefined) delete executor[key];
      return true;
    case 'expose_parameters_as_inputs':
      reader.keep(at, value);
      return true;
    default:
      return false;
  }
}

function readerFor(ctx: ImportContext, cursor: FileCursor, configPath: YamlPath, executor: KfpConfig): ArgoReader {
  return {
    ctx,
    cursor,
    executor,
    keep(path, value) {
      const written = path.slice(configPath.length).map(String);
      if (written.length === 0) return;
      // The export writes a kfp config, which would read e.g. runnable's `overrides` leftovers as a second set of profiles.
      const segments = readsAsKfpSetting(written[0]) ? [ARGO_KEPT_KEY, ...written] : written;
      executor.extra ??= {};
      let node: Record<string, Json> = executor.extra;
      for (const segment of segments.slice(0, -1)) {
        const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
        if (isMapping(next)) node = next;
        else {
          const created: Record<string, Json> = {};
          setOwn(node, segment, created);
          node = created;
        }
      }
      setOwn(node, segments[segments.length - 1], value);
    },
  };
}

/** Defines a user-named key as an own property: `node[key] = …` with `__proto__` would change the prototype. */
function setOwn(node: Record<string, Json>, key: string, value: Json) {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

function ownEntry(mapping: Record<string, Json>, key: string): { key: string; value: Json } | undefined {
  return Object.hasOwn(mapping, key) ? { key, value: mapping[key] } : undefined;
}

function globalSink(reader: ArgoReader, configPath: YamlPath): Sink {
  const { ctx, cursor, executor } = reader;
  void configPath;
  return {
    field: (key) => `executor.${key}`,
    set(key, value, at, renamedFrom) {
      // own-keys: every caller names a fixed setting key
      (executor as unknown as Record<string, unknown>)[key] = value;
      ctx.locate(cursor, at, { field: `executor.${key}` });
      if (renamedFrom !== undefined) ctx.report(cursor, at, 'info', 'I_CONFIG_KEY_RENAMED', `\`${renamedFrom}\` is read as \`${key}\``, { field: `executor.${key}` }, 'key');
    },
  };
}

function profileSink(reader: ArgoReader, profile: Profile): Sink {
  const { ctx, cursor } = reader;
  return {
    field: (key) => `profiles.${profile.name}.${key}`,
    set(key, value, at) {
      // An empty list in an override leaves the template to Argo's templateDefaults, i.e. `defaults` (§6.3).
      if (Array.isArray(value) && value.length === 0) return;
      const entry: OverrideEntry = { key, value };
      const index = profile.entries.findIndex((e) => e.key === key);
      // own-keys: an array index
      if (index >= 0) profile.entries[index] = entry;
      else profile.entries.push(entry);
      ctx.locate(cursor, at, { field: `profiles.${profile.name}.${key}` });
    },
  };
}
