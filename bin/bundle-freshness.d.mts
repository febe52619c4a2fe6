export declare const BUNDLE_DIR: string;
export declare const BUNDLE_ENTRY: string;
export declare const INPUTS_FILE: string;
export type Staleness = { reason: 'not-built' } | { reason: 'changed'; file: string };
export declare function bundleStaleness(root: string): Staleness | undefined;
