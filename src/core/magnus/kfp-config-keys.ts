/**
 * The keys of an executor's `config:` that the kfp dialect reads as settings. The designer always
 * writes that dialect, so what another executor's config kept as written under one of these names
 * must not be written back under it (it would become a setting, or clash with one).
 */
import { KFP_TEXT_SETTING_KEYS, POD_TEXT_SETTING_KEYS, WORKFLOW_TEXT_SETTING_KEYS } from '../model/types';

export const STRING_SETTINGS = [...KFP_TEXT_SETTING_KEYS, 'output_file', ...POD_TEXT_SETTING_KEYS, ...WORKFLOW_TEXT_SETTING_KEYS] as const;

/** The designer's list-valued settings in the kfp dialect (export writes them; the kfp executor ignores them). */
export const NAMED_VALUE_SETTINGS = new Set(['env', 'node_selector', 'labels', 'annotations']);

/** ext 0.1.0 spelled the global resources with a `default_` prefix (steps still used the plain names). */
export const LEGACY_NAMES = new Map<string, (typeof STRING_SETTINGS)[number]>([
  ['default_cpu_limit', 'cpu_limit'],
  ['default_memory_limit', 'memory_limit'],
  ['default_cpu_request', 'cpu_request'],
  ['default_memory_request', 'memory_request'],
]);

const OTHER_SETTINGS = ['enable_caching', 'enable_parallel', 'secrets_from_k8s', 'persistent_volumes', 'tolerations', 'placeholders', 'overrides'];

const KFP_CONFIG_KEYS: ReadonlySet<string> = new Set([...STRING_SETTINGS, ...NAMED_VALUE_SETTINGS, ...LEGACY_NAMES.keys(), ...OTHER_SETTINGS]);

export const readsAsKfpSetting = (key: string): boolean => KFP_CONFIG_KEYS.has(key);
