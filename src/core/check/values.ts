/** Narrowing helpers for documents that have not passed any schema yet, so rules never throw on odd shapes. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shared and frozen: rules read through absent parts of a document thousands of times. */
const EMPTY_OBJECT: JsonObject = Object.freeze({});
const EMPTY_ARRAY: unknown[] = Object.freeze([]) as unknown as unknown[];

export function objectOrEmpty(value: unknown): JsonObject {
  return isObject(value) ? value : EMPTY_OBJECT;
}

export function arrayOrEmpty(value: unknown): unknown[] {
  return Array.isArray(value) ? value : EMPTY_ARRAY;
}

export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Calls `visit` for every string inside `value` (that contains `containing`, when given) with its
 * JSON-pointer path. Paths are built for the strings visited only: the rules walk whole documents.
 */
export function forEachString(value: unknown, path: string, visit: (text: string, path: string) => void, containing = ''): void {
  const segments: Array<string | number> = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      if (node.includes(containing)) visit(node, at(path, ...segments));
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        segments.push(i);
        walk(node[i]);
        segments.pop();
      }
    } else if (isObject(node)) {
      for (const key of Object.keys(node)) {
        segments.push(key);
        walk(node[key]);
        segments.pop();
      }
    }
  };
  walk(value);
}

export function escapeSegment(key: string): string {
  // Paths are built for every node the rules visit; most keys need no escaping.
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** Appends JSON-pointer segments (RFC 6901 escaped, so `nvidia.com/gpu` stays one segment). */
export function at(path: string, ...segments: ReadonlyArray<string | number>): string {
  let out = path;
  for (const segment of segments) out += `/${typeof segment === 'number' ? segment : escapeSegment(segment)}`;
  return out;
}

/** `object[key]` when `key` is the object's own (a document's key is data: `constructor` is not inherited). */
export function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * JSON text that stands for `value` exactly — two values with the same text are indistinguishable to
 * any JSON reader — or undefined when `value` holds something JSON.stringify would change or drop
 * (undefined, -0, NaN, a function, a Date, an array hole…).
 */
export function exactJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : undefined;
    case 'object': {
      if (value === null) return 'null';
      const parts: string[] = [];
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item = Object.hasOwn(value, i) ? exactJson(value[i]) : undefined;
          if (item === undefined) return undefined;
          parts.push(item);
        }
        return `[${parts.join(',')}]`;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return undefined;
      for (const key of Object.keys(value)) {
        const item = exactJson((value as JsonObject)[key]);
        if (item === undefined) return undefined;
        parts.push(`${JSON.stringify(key)}:${item}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** No lone surrogate: native where there is `String.prototype.isWellFormed` (constant time for a Latin-1 string). */
export function isWellFormed(text: string): boolean {
  const native = (text as string & { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === 'function' ? native.call(text) : !LONE_SURROGATE.test(text);
}
