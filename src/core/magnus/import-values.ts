import type { Json, OverrideEntry, SecretEntry, VolumeEntry } from '../model/types';
import type { YamlPath } from '../yaml/source';
import { describeType, isMapping, type FileCursor, type ImportContext } from './import-context';
import type { Target } from './source-map';

/** Keys whose values are Kubernetes quantities or image names: strings in the model even when YAML said `1`. */
const STRING_KEYS = new Set(['docker_image', 'cpu_limit', 'memory_limit', 'cpu_request', 'memory_request', 'gpu_limit', 'image_pull_policy', 'output_file']);

/** A scalar the model keeps as a string; numbers are accepted (YAML `cpu_limit: 1`), other shapes reported. */
export function readString(ctx: ImportContext, cursor: FileCursor, path: YamlPath, value: Json, target: Target): string | undefined {
  if (value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`${String(path[path.length - 1])}\` must be text, not ${describeType(value)}`, target);
  return undefined;
}

export function readStringList(ctx: ImportContext, cursor: FileCursor, path: YamlPath, value: Json, target: Target): string[] | undefined {
  if (value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  if (!Array.isArray(value)) {
    ctx.report(cursor, path, 'warning', 'W_FIELD_NOT_LIST', `\`${String(path[path.length - 1])}\` should be a list; read as a list of one`, target);
  }
  return items.flatMap((item, index) => readString(ctx, cursor, Array.isArray(value) ? [...path, index] : path, item, target) ?? []);
}

/**
 * `secrets_from_k8s`: the kfp mapping `ENV: "secret:key"`, or the 0.5 Argo list of
 * `{environment_variable, secret_name, secret_key}`. Values are kept raw so a missing `:` is
 * reported by the validator where it was written.
 */
export function readSecrets(ctx: ImportContext, cursor: FileCursor, path: YamlPath, value: Json, target: Target): SecretEntry[] | undefined {
  if (value === null) return undefined;
  const field = target.field ?? 'secrets_from_k8s';
  if (isMapping(value)) {
    return cursor.source.entries(path, value).map(([env, ref]) => {
      ctx.locate(cursor, [...path, env], { ...target, field: `${field}.${env}` });
      return { env, ref: ref === null ? '' : typeof ref === 'object' ? JSON.stringify(ref) : String(ref) };
    });
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      if (isMapping(item) && 'environment_variable' in item) {
        const env = String(item.environment_variable ?? '');
        ctx.locate(cursor, [...path, index], { ...target, field: `${field}.${env}` });
        // Without a key the reference stays a bare name, which validation reports like a mapping's `NAME: "secret"`.
        const key = item.secret_key === undefined ? '' : `:${String(item.secret_key ?? '')}`;
        return [{ env, ref: `${String(item.secret_name ?? '')}${key}` }];
      }
      ctx.report(cursor, [...path, index], 'error', 'E_FIELD_TYPE', 'a secret must be `ENV_VAR: "secret-name:key"`', target);
      return [];
    });
  }
  ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`secrets_from_k8s\` must map environment variables to "secret-name:key", not ${describeType(value)}`, target);
  return undefined;
}

/** `persistent_volumes`: the kfp mapping `claim: mount path`, or the 0.5 Argo list of `{name, mount_path}`. */
export function readVolumes(ctx: ImportContext, cursor: FileCursor, path: YamlPath, value: Json, target: Target): VolumeEntry[] | undefined {
  if (value === null) return undefined;
  if (isMapping(value)) {
    return cursor.source.entries(path, value).map(([claim, mountPath]) => {
      ctx.locate(cursor, [...path, claim], { ...target, field: `${target.field}.${claim}` });
      return { claim, mountPath: mountPath === null ? '' : String(mountPath) };
    });
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      if (isMapping(item) && 'name' in item) {
        const claim = String(item.name ?? '');
        ctx.locate(cursor, [...path, index], { ...target, field: `${target.field}.${claim}` });
        return [{ claim, mountPath: String(item.mount_path ?? '') }];
      }
      ctx.report(cursor, [...path, index], 'error', 'E_FIELD_TYPE', 'a persistent volume must be `claim-name: /mount/path`', target);
      return [];
    });
  }
  ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`persistent_volumes\` must map claim names to mount paths, not ${describeType(value)}`, target);
  return undefined;
}

/** Pydantic's bool coercion, which accepted the test configs' `"False"`. */
export function readBoolean(ctx: ImportContext, cursor: FileCursor, path: YamlPath, value: Json, target: Target): boolean | undefined {
  if (value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['true', 'yes', 'on', '1', 'y', 't'].includes(text)) return true;
  if (['false', 'no', 'off', '0', 'n', 'f'].includes(text)) return false;
  ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`${String(path[path.length - 1])}\` must be true or false, not ${JSON.stringify(value)}`, target);
  return undefined;
}

/** Override entries in the order written; known keys get their model shape, the rest stay verbatim. */
export function readOverrideEntries(ctx: ImportContext, cursor: FileCursor, path: YamlPath, value: Record<string, Json>, target: Target, fieldPrefix: string): OverrideEntry[] {
  return cursor.source.entries(path, value).map(([key, raw]) => {
    const entryPath = [...path, key];
    const entryTarget = { ...target, field: `${fieldPrefix}.${key}` };
    ctx.locate(cursor, entryPath, entryTarget);
    if (key === 'secrets_from_k8s') return { key, value: readSecrets(ctx, cursor, entryPath, raw, entryTarget) ?? null };
    if (STRING_KEYS.has(key) && (typeof raw === 'number' || typeof raw === 'boolean')) return { key, value: String(raw) };
    return { key, value: raw };
  });
}
