// Whether the built CLI (dist-cli/) still matches the files it was built from. Read at every start
// of bin/kfp-designer.mjs, so only stats (~100 files, ~1 ms), no hashing.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUNDLE_DIR = 'dist-cli';
export const BUNDLE_ENTRY = 'kfp-designer.mjs';
export const INPUTS_FILE = 'inputs.json';

/**
 * Why the bundle under `root` cannot be used, or undefined when it can: not built, or the first
 * input (repository-relative path) whose size or modification time differs from the build's.
 */
export function bundleStaleness(root) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(root, BUNDLE_DIR, INPUTS_FILE), 'utf8')).files;
    statSync(join(root, BUNDLE_DIR, BUNDLE_ENTRY));
  } catch {
    return { reason: 'not-built' };
  }
  for (const [file, size, mtimeMs] of inputs) {
    let stats;
    try {
      stats = statSync(join(root, file));
    } catch {
      return { reason: 'changed', file };
    }
    if (stats.size !== size || stats.mtimeMs !== mtimeMs) return { reason: 'changed', file };
  }
  return undefined;
}
