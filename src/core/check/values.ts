/** Narrowing helpers for documents that have not passed any schema yet, so rules never throw on odd shapes. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectOrEmpty(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function arrayOrEmpty(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Calls `visit` for every string inside `value` with its JSON-pointer path. */
export function forEachString(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => forEachString(item, at(path, i), visit));
  else if (isObject(value))
    for (const [key, item] of Object.entries(value)) forEachString(item, at(path, key), visit);
}

export function escapeSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends JSON-pointer segments (RFC 6901 escaped, so `nvidia.com/gpu` stays one segment). */
export function at(path: string, ...segments: ReadonlyArray<string | number>): string {
  return path + segments.map((s) => '/' + escapeSegment(String(s))).join('');
}
