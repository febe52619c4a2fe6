/**
 * Plain objects keyed by what users write (step paths in a layout, keys kept as written, file
 * paths): a key is data. `record[key]` would find `constructor` or `toString` on the prototype,
 * and `record[key] = value` with `__proto__` would replace the prototype instead of storing a value
 * (the lint in own-keys.test.ts keeps these forms out of src/).
 */

export const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** The value stored under `key` itself, never one inherited from the prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return hasOwn(record, key) ? record[key] : undefined;
}

/**
 * A record for user keys without a prototype: no key finds a prototype member and `__proto__` is
 * a key like any other, so setOwn stores into it with a plain store (~6× cheaper than defining a
 * property: thousands of step paths in a layout).
 */
export const ownRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** Stores `value` under `key` as data, `__proto__` included. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  // own-keys: a record without a prototype has no `__proto__` setter nor any other to run
  if (Object.getPrototypeOf(record) === null) record[key] = value;
  else Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `Object.assign` for user data: each own key of `source` is stored as data in `target`. */
export function assignOwn<T>(target: Record<string, T>, source: Readonly<Record<string, T>> | undefined): Record<string, T> {
  if (source) for (const key of Object.keys(source)) setOwn(target, key, source[key]);
  return target;
}
