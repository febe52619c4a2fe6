import type { Json, KfpConfig, Profile, Service } from '../model/types';
import type { YamlPath } from '../yaml/source';
import { MARKERS, type EraMarker } from './era';
import { describeType, isMapping, type FileCursor, type ImportContext } from './import-context';
import { readBoolean, readOverrideEntries, readSecrets, readString, readVolumes } from './import-values';

const EXECUTOR_KEYS = new Map<string, EraMarker>([
  ['executor', MARKERS.configExecutor],
  ['mode', MARKERS.configMode],
  ['pipeline-executor', MARKERS.configPipelineExecutor],
]);

const STRING_SETTINGS = ['docker_image', 'output_file', 'cpu_limit', 'memory_limit', 'cpu_request', 'memory_request', 'gpu_limit', 'image_pull_policy'] as const;

/** ext 0.1.0 spelled the global resources with a `default_` prefix (steps still used the plain names). */
const LEGACY_NAMES = new Map<string, (typeof STRING_SETTINGS)[number]>([
  ['default_cpu_limit', 'cpu_limit'],
  ['default_memory_limit', 'memory_limit'],
  ['default_cpu_request', 'cpu_request'],
  ['default_memory_request', 'memory_request'],
]);

export function emptyKfpConfig(): KfpConfig {
  return { profiles: [] };
}

/** Reads a magnus config file: the executor (as kfp settings) and every other service as written. */
export function importConfig(ctx: ImportContext, cursor: FileCursor, raw: Json): { executor: KfpConfig; services: Service[] } {
  const executor = emptyKfpConfig();
  const services: Service[] = [];
  if (raw === null) return { executor, services };
  if (!isMapping(raw)) {
    ctx.report(cursor, [], 'error', 'E_IMPORT_CONFIG', `the config file must be a mapping of services (executor, run_log_store, …), not ${describeType(raw)}`);
    return { executor, services };
  }
  let executorKey: string | undefined;
  for (const [key, value] of cursor.source.entries([], raw)) {
    const executorMarker = EXECUTOR_KEYS.get(key);
    if (executorMarker) {
      ctx.mark(executorMarker);
      if (executorKey) {
        ctx.report(cursor, [key], 'warning', 'W_CONFIG_DUPLICATE_EXECUTOR', `both \`${executorKey}\` and \`${key}\` configure the executor; \`${executorKey}\` is used`, { field: 'executor' }, 'key');
        continue;
      }
      executorKey = key;
      readExecutor(ctx, cursor, [key], value, executor);
      continue;
    }
    if (value === null) continue;
    if (!isMapping(value)) {
      ctx.report(cursor, [key], 'warning', 'W_CONFIG_SERVICE', `\`${key}\` should be a service (\`type:\` and \`config:\`), not ${describeType(value)}; left out`, { field: `services.${key}` }, 'key');
      continue;
    }
    ctx.locate(cursor, [key], { field: `services.${key}` }, 'key');
    const service: Service = { key };
    if (value.type !== undefined && value.type !== null) service.type = String(value.type);
    if (isMapping(value.config)) service.config = value.config;
    for (const extraKey of Object.keys(value).filter((k) => k !== 'type' && k !== 'config')) {
      ctx.report(cursor, [key, extraKey], 'warning', 'W_CONFIG_SERVICE', `\`${key}.${extraKey}\` is not read by magnus (a service has \`type\` and \`config\`); left out`, { field: `services.${key}` }, 'key');
    }
    services.push(service);
  }
  return { executor, services };
}

function readExecutor(ctx: ImportContext, cursor: FileCursor, path: YamlPath, raw: Json, executor: KfpConfig) {
  ctx.locate(cursor, path, { field: 'executor' }, 'key');
  if (!isMapping(raw)) {
    if (raw !== null) ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `the executor must be a mapping with \`type\` and \`config\`, not ${describeType(raw)}`, { field: 'executor' });
    return;
  }
  const type = raw.type === undefined || raw.type === null ? undefined : String(raw.type);
  ctx.locate(cursor, [...path, 'type'], { field: 'executor.type' });
  if (type !== 'kfp') {
    ctx.report(
      cursor,
      type === undefined ? path : [...path, 'type'],
      'warning',
      'W_EXECUTOR_NOT_KFP',
      type === undefined
        ? 'the executor has no `type` (magnus would run it locally); its settings are read as kfp settings'
        : `the executor is \`${type}\`, not \`kfp\`; settings kfp shares with it are used, the others are left out`,
      { field: 'executor.type' },
    );
  }
  const config = raw.config;
  if (config === undefined || config === null) return;
  const configPath = [...path, 'config'];
  if (!isMapping(config)) {
    ctx.report(cursor, configPath, 'error', 'E_FIELD_TYPE', `\`config\` must be a mapping of settings, not ${describeType(config)}`, { field: 'executor' });
    return;
  }
  for (const [key, value] of cursor.source.entries(configPath, config)) {
    readExecutorSetting(ctx, cursor, [...configPath, key], key, value, executor, type);
  }
}

function readExecutorSetting(ctx: ImportContext, cursor: FileCursor, at: YamlPath, key: string, value: Json, executor: KfpConfig, type: string | undefined) {
  const target = (name: string) => ({ field: `executor.${name}` });
  const settingName: string = LEGACY_NAMES.get(key) ?? (type === 'argo' && key === 'image' ? 'docker_image' : key);
  if (settingName !== key) {
    if (LEGACY_NAMES.has(key)) ctx.mark(MARKERS.legacyDefaults);
    ctx.report(cursor, at, 'info', 'I_CONFIG_KEY_RENAMED', `\`${key}\` is read as \`${settingName}\``, target(settingName), 'key');
  }
  ctx.locate(cursor, at, target(settingName));
  if ((STRING_SETTINGS as readonly string[]).includes(settingName)) {
    // An empty setting means "not set" (magnus's own default for the requests; the others have no empty form).
    executor[settingName as (typeof STRING_SETTINGS)[number]] = readString(ctx, cursor, at, value, target(settingName)) || undefined; // own-keys: one of the settings tested above
  } else if (settingName === 'enable_caching' || settingName === 'enable_parallel') {
    executor[settingName] = readBoolean(ctx, cursor, at, value, target(settingName)); // own-keys: one of the settings tested above
  } else if (settingName === 'secrets_from_k8s') {
    executor.secrets_from_k8s = readSecrets(ctx, cursor, at, value, target(settingName));
  } else if (settingName === 'persistent_volumes') {
    executor.persistent_volumes = readVolumes(ctx, cursor, at, value, target(settingName));
  } else if (settingName === 'placeholders' || settingName === 'overrides') {
    executor.profiles.push(...readProfiles(ctx, cursor, at, value, executor.profiles));
  } else if (type === 'kfp') {
    executor.extra = { ...executor.extra, [key]: value };
    ctx.report(cursor, at, 'warning', 'W_UNKNOWN_KEY', `\`${key}\` is not a kfp executor setting; kept as written, it has no effect`, target(key), 'key');
  } else {
    ctx.report(cursor, at, 'warning', 'W_CONFIG_KEY_DROPPED', `\`${key}\` of the ${type ?? 'untyped'} executor has no kfp equivalent; left out`, target(key), 'key');
  }
  for (const name of ['enable_caching', 'enable_parallel', 'secrets_from_k8s', 'persistent_volumes', ...STRING_SETTINGS] as const) {
    if (executor[name] === undefined) delete executor[name];
  }
}

function readProfiles(ctx: ImportContext, cursor: FileCursor, at: YamlPath, value: Json, existing: Profile[]): Profile[] {
  if (value === null) return [];
  if (!isMapping(value)) {
    ctx.report(cursor, at, 'error', 'E_FIELD_TYPE', `\`${String(at[at.length - 1])}\` must map profile names to settings, not ${describeType(value)}`, { field: 'profiles' });
    return [];
  }
  const profiles: Profile[] = [];
  for (const [name, settings] of cursor.source.entries(at, value)) {
    const profileTarget = { field: `profiles.${name}` };
    ctx.locate(cursor, [...at, name], profileTarget, 'key');
    if (existing.some((p) => p.name === name)) {
      ctx.report(cursor, [...at, name], 'warning', 'W_PROFILE_DUPLICATE', `profile \`${name}\` is defined twice; the first one is used`, profileTarget, 'key');
      continue;
    }
    if (!isMapping(settings)) {
      ctx.report(cursor, [...at, name], 'error', 'E_FIELD_TYPE', `profile \`${name}\` must be a mapping of settings, not ${describeType(settings)}`, profileTarget);
      continue;
    }
    profiles.push({ name, entries: readOverrideEntries(ctx, cursor, [...at, name], settings, {}, `profiles.${name}`) });
  }
  return profiles;
}
