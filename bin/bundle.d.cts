import type { Script } from 'node:vm';

export declare const BUNDLE_DIR: string;
export declare const BUNDLE_ENTRY: string;
export declare const INPUTS_FILE: string;
export declare const CACHE_SUFFIX: string;
export declare const WRAPPER: string;
export declare const WRAPPER_END: string;
export type Staleness = { reason: 'not-built' } | { reason: 'changed'; file: string };
export declare function bundleStaleness(root: string): Staleness | undefined;
export declare function loadBundle<T = Record<string, unknown>>(entry: string, options?: { useCache?: boolean }): { exports: T; scripts: Array<{ file: string; script: Script }> };
