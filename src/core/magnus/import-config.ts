import type { Json, KfpConfig, Profile, Service } from '../model/types';
import type { YamlPath } from '../yaml/source';
import { MARKERS, type EraMarker } from './era';
import { describeType, isMapping, type FileCursor, type ImportContext } from './import-context';
import { isRunnableArgoConfig, readFlatArgoProfile, readFlatArgoSetting, readRunnableArgoConfig } from './import-argo-config';
import { LEGACY_NAMES, NAMED_VALUE_SETTINGS, STRING_SETTINGS } from './kfp-config-keys';
import { readBoolean, readNamedValues, readOverrideEntries, readSecrets, readString, readTolerations, readVolumes } from './import-values';

const EXECUTOR_KEYS = new Map<string, EraMarker>([
  ['executor', MARKERS.configExecutor],
  ['mode', MARKERS.configMode],
  ['pipeline-executor', MARKERS.configPipelineExecutor],
]);

export function emptyKfpConfig(): KfpConfig {
  return { profiles: [] };
}

export interface ImportedConfig {
  executor: KfpConfig;
  services: Service[];
  /** The key that configured the executor, when one did. */
  executorKey: string | undefined;
}

/** Reads a magnus config file: the executor (as kfp settings) and every other service as written. */
export function importConfig(ctx: ImportContext, cursor: FileCursor, raw: Json): ImportedConfig {
  const executor = emptyKfpConfig();
  const services: Service[] = [];
  if (raw === null) return { executor, services, executorKey: undefined };
  if (!isMapping(raw)) {
    ctx.report(cursor, [], 'error', 'E_IMPORT_CONFIG', `the config file must be a mapping of services (executor, run_log_store, …), not ${describeType(raw)}`);
    return { executor, services, executorKey: undefined };
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
    services.push(readService(ctx, cursor, key, value));
  }
  // runnable ≥0.20 runs with a file-system run log store when the config names none (its DEFAULT_SERVICES), not magnus's buffered one.
  if (executorKey === 'pipeline-executor' && !services.some((s) => s.key === 'run-log-store' || s.key === 'run_log_store')) {
    services.push({ key: 'run-log-store', type: 'file-system' });
    ctx.locate(cursor, [executorKey], { field: 'services.run-log-store' }, 'key');
    ctx.report(cursor, [executorKey], 'info', 'I_RUNNABLE_DEFAULT_RUN_LOG_STORE', 'the config names no `run-log-store`, so runnable uses `file-system` (not magnus\'s `buffered`); written out as such', { field: 'services.run-log-store' }, 'key');
  }
  return { executor, services, executorKey: executorKey !== undefined && isMapping(raw[executorKey]) ? executorKey : undefined };
}

/** The executor type (argo) whose step overrides the steps apply, read from the config (else a magnus <0.4 dag file's `mode`). */
export function stepOverrideType(config: Json | undefined, dagRoot: Record<string, Json>): string | undefined {
  const executorOf = (mapping: Json | undefined, keys: readonly string[]) => {
    if (!isMapping(mapping)) return undefined;
    const key = keys.find((k) => Object.hasOwn(mapping, k) && isMapping(mapping[k]));
    return key === undefined ? undefined : (mapping[key] as Record<string, Json>);
  };
  const executor = executorOf(config, ['executor', 'mode', 'pipeline-executor']) ?? executorOf(dagRoot, ['mode']);
  const type = executor && Object.hasOwn(executor, 'type') && typeof executor.type === 'string' ? executor.type : undefined;
  // Only the Argo executors' overrides carry Kubeflow settings (local-container's stay as written, not applied).
  if (type !== 'argo') return undefined;
  // runnable 0.20–0.22 never applied step overrides (§6.3): their steps keep them as written.
  const settings = executor && Object.hasOwn(executor, 'config') ? executor.config : undefined;
  if (type === 'argo' && isMapping(settings) && isRunnableArgoConfig(settings) && !Object.hasOwn(settings, 'defaults')) return undefined;
  return type;
}

/** The services magnus <0.4.0 also read from the dag file, by their key there (`mode` is its executor). */
const DAG_FILE_SERVICES = ['mode', 'run_log_store', 'catalog', 'secrets'] as const;

/** A top-level key of the dag file that magnus <0.4.0 read as a service: one of its names, written as a service. */
export const isDagFileService = (key: string, value: Json | undefined) =>
  (DAG_FILE_SERVICES as readonly string[]).includes(key) && isMapping(value) && Object.hasOwn(value, 'type');

/**
 * magnus before 0.4.0 read `mode`, `run_log_store`, `catalog` and `secrets` from the dag file when
 * the config file had none of that service (its `prepare_configurations`: "configuration over-rides
 * everything"). They are read the same way here, and remembered as written in the dag file so
 * export puts them back there, where the containers of such a pipeline find them.
 */
export function importDagFileServices(ctx: ImportContext, cursor: FileCursor, root: Record<string, Json>, imported: ImportedConfig): { executor: KfpConfig; services: Service[] } {
  let { executor } = imported;
  const services = [...imported.services];
  for (const key of DAG_FILE_SERVICES) {
    const value = Object.hasOwn(root, key) ? root[key] : undefined;
    if (!isDagFileService(key, value)) continue;
    ctx.mark(MARKERS.dagFileServices);
    const fromConfig = key === 'mode' ? imported.executorKey !== undefined : services.some((s) => s.key === key);
    if (fromConfig) {
      ctx.report(cursor, [key], 'info', 'I_DAG_FILE_SERVICE_SHADOWED', `\`${key}\` in the dag file is used by magnus <0.4.0 only when the config file has none; the config file's is used`, {}, 'key');
      continue;
    }
    ctx.report(cursor, [key], 'info', 'I_DAG_FILE_SERVICE', `\`${key}\` is read from the dag file, as magnus <0.4.0 did when the config file had none`, { field: key === 'mode' ? 'executor' : `services.${key}` }, 'key');
    if (key === 'mode') {
      executor = { ...emptyKfpConfig(), inDagFile: true };
      readExecutor(ctx, cursor, [key], value!, executor);
    } else {
      ctx.locate(cursor, [key], { field: `services.${key}` }, 'key');
      const service = readService(ctx, cursor, key, value as Record<string, Json>);
      services.push({ ...service, inDagFile: true });
    }
  }
  return { executor, services };
}

function readService(ctx: ImportContext, cursor: FileCursor, key: string, value: Record<string, Json>): Service {
  const service: Service = { key };
  if (value.type !== undefined && value.type !== null) service.type = String(value.type);
  if (isMapping(value.config)) service.config = value.config;
  for (const extraKey of Object.keys(value).filter((k) => k !== 'type' && k !== 'config')) {
    ctx.report(cursor, [key, extraKey], 'warning', 'W_CONFIG_SERVICE', `\`${key}.${extraKey}\` is not read by magnus (a service has \`type\` and \`config\`); left out`, { field: `services.${key}` }, 'key');
  }
  return service;
}

function readExecutor(ctx: ImportContext, cursor: FileCursor, path: YamlPath, raw: Json, executor: KfpConfig) {
  ctx.locate(cursor, path, { field: 'executor' }, 'key');
  if (!isMapping(raw)) {
    if (raw !== null) ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `the executor must be a mapping with \`type\` and \`config\`, not ${describeType(raw)}`, { field: 'executor' });
    return;
  }
  const type = raw.type === undefined || raw.type === null ? undefined : String(raw.type);
  ctx.locate(cursor, [...path, 'type'], { field: 'executor.type' });
  if (type === 'argo') {
    ctx.report(
      cursor,
      [...path, 'type'],
      'info',
      'I_EXECUTOR_ARGO',
      "the executor is magnus's / runnable's `argo`: its image, resources, environment, scheduling, volumes, secrets, retries, limits and workflow metadata are read as the Kubeflow settings; what a target cannot express is reported when emitting",
      { field: 'executor.type' },
    );
  } else if (type !== 'kfp') {
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
  if (type === 'argo' && isRunnableArgoConfig(config)) {
    readRunnableArgoConfig(ctx, cursor, configPath, config, executor);
    dropEmptySettings(executor);
    return;
  }
  for (const [key, value] of cursor.source.entries(configPath, config)) {
    if (type === 'argo' && readFlatArgoSetting(ctx, cursor, configPath, key, value, executor)) continue;
    readExecutorSetting(ctx, cursor, [...configPath, key], key, value, executor, type);
  }
  // magnus 0.5 / runnable ≤0.19 give every container 250m / 1Gi when `resources` is absent (their `Resources()` default).
  if (type === 'argo' && !Object.hasOwn(config, 'resources')) readFlatArgoSetting(ctx, cursor, configPath, 'resources', {}, executor);
  dropEmptySettings(executor);
}

/**
 * An empty text setting is no setting, as in the kfp dialect (readExecutorSetting): the Argo
 * readers keep what is written, and `serviceAccountName: ~` would otherwise become a setting that
 * the exported file loses.
 */
function dropEmptySettings(executor: KfpConfig) {
  for (const key of STRING_SETTINGS) {
    // own-keys: one of STRING_SETTINGS
    if (executor[key] === '') delete executor[key];
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
  } else if (NAMED_VALUE_SETTINGS.has(settingName)) {
    // own-keys: one of NAMED_VALUE_SETTINGS
    executor[settingName as 'env'] = readNamedValues(ctx, cursor, at, value, target(settingName));
  } else if (settingName === 'tolerations') {
    executor.tolerations = readTolerations(ctx, cursor, at, value, target(settingName));
  } else if (settingName === 'placeholders' || settingName === 'overrides') {
    executor.profiles.push(...readProfiles(ctx, cursor, at, value, executor.profiles, type === 'argo' ? executor : undefined));
  } else if (type === 'kfp') {
    executor.extra = { ...executor.extra, [key]: value };
    ctx.report(cursor, at, 'warning', 'W_UNKNOWN_KEY', `\`${key}\` is not a kfp executor setting; kept as written, it has no effect`, target(key), 'key');
  } else if (type === 'argo') {
    executor.extra = { ...executor.extra, [key]: value };
    ctx.report(cursor, at, 'warning', 'W_UNKNOWN_KEY', `\`${key}\` is not a setting of the Argo executor; kept as written, not applied`, target(key), 'key');
  } else {
    ctx.report(cursor, at, 'warning', 'W_CONFIG_KEY_DROPPED', `\`${key}\` of the ${type ?? 'untyped'} executor has no kfp equivalent; left out`, target(key), 'key');
  }
  for (const name of Object.keys(executor) as (keyof KfpConfig)[]) {
    if (executor[name] === undefined) delete executor[name];
  }
}

function readProfiles(ctx: ImportContext, cursor: FileCursor, at: YamlPath, value: Json, existing: Profile[], argoExecutor?: KfpConfig): Profile[] {
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
    profiles.push(
      argoExecutor
        ? readFlatArgoProfile(ctx, cursor, [...at, name], name, settings, argoExecutor)
        : { name, entries: readOverrideEntries(ctx, cursor, [...at, name], settings, {}, `profiles.${name}`) },
    );
  }
  return profiles;
}
