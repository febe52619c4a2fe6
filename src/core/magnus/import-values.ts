import { KFP_TEXT_SETTING_KEYS, POD_TEXT_SETTING_KEYS, type Json, type NamedValue, type OverrideEntry, type SecretEntry, type Toleration, type VolumeEntry } from '../model/types';
import type { YamlPath } from '../yaml/source';
import { describeType, isMapping, type FileCursor, type ImportContext } from './import-context';
import type { Target } from './source-map';

/** Keys whose values are Kubernetes quantities or image names: strings in the model even when YAML said `1`. */
export const STRING_KEYS = new Set<string>([...KFP_TEXT_SETTING_KEYS, 'output_file', ...POD_TEXT_SETTING_KEYS]);

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
      if (isMapping(item) && Object.hasOwn(item, 'environment_variable')) {
        const env = scalarText(item.environment_variable);
        ctx.locate(cursor, [...path, index], { ...target, field: `${field}.${env}` });
        const part = (key: string) => (Object.hasOwn(item, key) ? scalarText(item[key]) : '');
        // Without a key the reference stays a bare name, which validation reports like a mapping's `NAME: "secret"`.
        const key = Object.hasOwn(item, 'secret_key') ? `:${part('secret_key')}` : '';
        return [{ env, ref: `${part('secret_name')}${key}` }];
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
      if (isMapping(item) && Object.hasOwn(item, 'name')) {
        const claim = scalarText(item.name);
        ctx.locate(cursor, [...path, index], { ...target, field: `${target.field}.${claim}` });
        const readOnly = Object.hasOwn(item, 'read_only') ? readBoolean(ctx, cursor, [...path, index, 'read_only'], item.read_only ?? null, target) : undefined;
        return [{ claim, mountPath: Object.hasOwn(item, 'mount_path') ? scalarText(item.mount_path) : '', ...(readOnly ? { readOnly } : {}) }];
      }
      ctx.report(cursor, [...path, index], 'error', 'E_FIELD_TYPE', 'a persistent volume must be `claim-name: /mount/path`', target);
      return [];
    });
  }
  ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`persistent_volumes\` must map claim names to mount paths, not ${describeType(value)}`, target);
  return undefined;
}

/** A YAML scalar as text ('' for null); other shapes as their JSON, so they stay visible to validation. */
export const scalarText = (value: Json | undefined): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * Name/value pairs in either spelling: the mapping `NAME: value` (the kfp dialect, node selectors,
 * labels) or the list `[{name, value}]` (runnable's `env`). Order is kept; values become text.
 */
export function readNamedValues(ctx: ImportContext, cursor: FileCursor, path: YamlPath, value: Json, target: Target): NamedValue[] | undefined {
  if (value === null) return undefined;
  const field = target.field ?? String(path[path.length - 1]);
  if (isMapping(value)) {
    return cursor.source.entries(path, value).map(([name, item]) => {
      ctx.locate(cursor, [...path, name], { ...target, field: `${field}.${name}` }, 'key');
      return { name, value: scalarText(item) };
    });
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      if (isMapping(item) && Object.hasOwn(item, 'name')) {
        const name = scalarText(item.name);
        ctx.locate(cursor, [...path, index], { ...target, field: `${field}.${name}` });
        return [{ name, value: Object.hasOwn(item, 'value') ? scalarText(item.value) : '' }];
      }
      ctx.report(cursor, [...path, index], 'error', 'E_FIELD_TYPE', `each entry of \`${String(path[path.length - 1])}\` must be \`{name, value}\`, not ${describeType(item)}`, target);
      return [];
    });
  }
  ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`${String(path[path.length - 1])}\` must map names to values, not ${describeType(value)}`, target);
  return undefined;
}

const TOLERATION_KEYS: Record<string, keyof Toleration> = {
  key: 'key',
  operator: 'operator',
  value: 'value',
  effect: 'effect',
  tolerationSeconds: 'tolerationSeconds',
  toleration_seconds: 'tolerationSeconds',
};

/** `tolerations: [{key, operator, value, effect, tolerationSeconds}]`; unknown keys are reported and left out. */
export function readTolerations(ctx: ImportContext, cursor: FileCursor, path: YamlPath, value: Json, target: Target): Toleration[] | undefined {
  if (value === null) return undefined;
  if (!Array.isArray(value)) {
    ctx.report(cursor, path, 'error', 'E_FIELD_TYPE', `\`tolerations\` must be a list of \`{key, operator, value, effect}\`, not ${describeType(value)}`, target);
    return undefined;
  }
  const field = target.field ?? 'tolerations';
  return value.flatMap((item, index) => {
    const at = [...path, index];
    ctx.locate(cursor, at, { ...target, field: `${field}.${index}` });
    if (!isMapping(item)) {
      ctx.report(cursor, at, 'error', 'E_FIELD_TYPE', `a toleration must be a mapping with \`key\`, \`operator\`, \`value\` and \`effect\`, not ${describeType(item)}`, target);
      return [];
    }
    const toleration: Toleration = {};
    for (const [key, raw] of cursor.source.entries(at, item)) {
      const known = Object.hasOwn(TOLERATION_KEYS, key) ? TOLERATION_KEYS[key] : undefined;
      if (!known) {
        ctx.report(cursor, [...at, key], 'warning', 'W_UNKNOWN_KEY', `\`${key}\` is not a field of a toleration (key, operator, value, effect, tolerationSeconds); left out`, target, 'key');
        continue;
      }
      // own-keys: a value of TOLERATION_KEYS
      if (raw !== null) toleration[known] = scalarText(raw);
    }
    return [toleration];
  });
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
  return cursor.source.entries(path, value).map(([key, raw]) => readOverrideEntry(ctx, cursor, [...path, key], raw, target, fieldPrefix));
}

/** One entry of a profile or step override, at `entryPath` (its last part is the key). */
export function readOverrideEntry(ctx: ImportContext, cursor: FileCursor, entryPath: YamlPath, raw: Json, target: Target, fieldPrefix: string): OverrideEntry {
  const key = String(entryPath[entryPath.length - 1]);
  const entryTarget = { ...target, field: `${fieldPrefix}.${key}` };
  ctx.locate(cursor, entryPath, entryTarget);
  if (key === 'secrets_from_k8s') return { key, value: readSecrets(ctx, cursor, entryPath, raw, entryTarget) ?? null };
  if (key === 'env' || key === 'node_selector') return { key, value: readNamedValues(ctx, cursor, entryPath, raw, entryTarget) ?? null };
  if (key === 'tolerations') return { key, value: readTolerations(ctx, cursor, entryPath, raw, entryTarget) ?? null };
  if (STRING_KEYS.has(key) && (typeof raw === 'number' || typeof raw === 'boolean')) return { key, value: String(raw) };
  return { key, value: raw };
}
