/** Byte order, as Python's `sorted` did: locale-independent and stable everywhere. */
export const compareNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Python's `json.dumps(value[, sort_keys=True])`: its default separators, non-ASCII escaped. Keys
 * keep their order unless sorted — magnus's map variables rely on it (outermost map first, §4.4).
 */
export function pythonJson(value: unknown, options: { sortKeys?: boolean } = { sortKeys: true }): string {
  if (Array.isArray(value)) return `[${value.map((v) => pythonJson(v, options)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (options.sortKeys) entries.sort(([a], [b]) => compareNames(a, b));
    return `{${entries.map(([k, v]) => `${asciiJson(k)}: ${pythonJson(v, options)}`).join(', ')}}`;
  }
  return asciiJson(value);
}

const asciiJson = (value: unknown) =>
  (JSON.stringify(value) ?? 'null').replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
