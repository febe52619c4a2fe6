// For tests of saving and restoring (no browser there).

/** localStorage as the browser has it: strings by key, and setItem refused past `quota` characters. */
export function memoryStorage(entries: Record<string, string> = {}, quota = Infinity): Storage {
  const map = new Map(Object.entries(entries));
  const used = () => [...map].reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem(key, value) {
      if (used() - (map.get(key)?.length ?? 0) - (map.has(key) ? key.length : 0) + key.length + value.length > quota) throw new DOMException('quota', 'QuotaExceededError');
      map.set(key, String(value));
    },
    removeItem: (key) => void map.delete(key),
    clear: () => map.clear(),
  };
}

