import { hasOwn, setOwn } from '../../core/own';

/**
 * `after` with every part that equals the corresponding part of `before` replaced by that part.
 * A pipeline read back from text is all new objects; the model's actions share what they do not
 * change, and the UI relies on it (validation and emission are cached by part, the canvas keeps
 * its view when some steps are the same objects). Pure; plain data (JSON-like) only.
 */
export function shareUnchanged<T>(before: T, after: T): T {
  if (Object.is(before, after)) return before;
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null) return after;
  if (Array.isArray(before) !== Array.isArray(after)) return after;
  if (Array.isArray(before) && Array.isArray(after)) {
    // Named items (steps, branches, parameters) are matched by name: a step inserted or deleted in
    // the middle of a graph leaves the others shared.
    const byName = namedItems(before);
    const items = after.map((item, i) => {
      const name = nameOf(item);
      const match = byName && name !== undefined ? byName.get(name) : i < before.length ? before[i] : undefined;
      return match === undefined ? item : shareUnchanged(match, item);
    });
    return before.length === items.length && items.every((item, i) => item === before[i]) ? before : (items as T);
  }
  const from = before as Record<string, unknown>;
  const to = after as Record<string, unknown>;
  const keys = Object.keys(to);
  const shared: Record<string, unknown> = {};
  let same = keys.length === Object.keys(from).length;
  for (const key of keys) {
    const had = hasOwn(from, key);
    const value = had ? shareUnchanged(from[key], to[key]) : to[key];
    setOwn(shared, key, value);
    if (!had || value !== from[key]) same = false;
  }
  return same ? before : (shared as T);
}

const nameOf = (item: unknown): string | undefined =>
  typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string' ? (item as { name: string }).name : undefined;

/** The items by name, when every item has a name of its own; otherwise undefined (match by index). */
function namedItems(items: readonly unknown[]): Map<string, unknown> | undefined {
  if (items.length === 0) return undefined;
  const byName = new Map<string, unknown>();
  for (const item of items) {
    const name = nameOf(item);
    if (name === undefined || byName.has(name)) return undefined;
    byName.set(name, item);
  }
  return byName;
}
