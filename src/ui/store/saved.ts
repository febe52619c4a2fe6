/**
 * The pipeline saved in this browser, as stored text: read, and kept aside when it cannot be
 * restored. Small, part of the first load; checking a save (restore.ts) is loaded only when there is one.
 */

/** Versioned, so a later model change can migrate or refuse old saves instead of misreading them. */
export const AUTOSAVE_KEY = 'kfp-designer.pipeline.v1';
/** Saves that could not be restored, each under this prefix and the time it was kept aside. */
export const ASIDE_PREFIX = `${AUTOSAVE_KEY}.unrestorable.`;

/** The saved text, or null when there is none or storage is disabled (private mode: nothing to lose). */
export function readSaved(storage: Storage): string | null {
  try {
    return storage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
}

/**
 * Copies a save that cannot be restored to a key of its own (once per distinct text), so that the
 * autosave can go on without destroying it. The key, or undefined when it could not be copied
 * (storage full): then the original must be left where it is.
 */
export function keepAside(storage: Storage, text: string, now = Date.now()): string | undefined {
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(ASIDE_PREFIX) && storage.getItem(key) === text) return key;
    }
    const key = `${ASIDE_PREFIX}${new Date(now).toISOString()}`;
    storage.setItem(key, text);
    return key;
  } catch {
    return undefined;
  }
}

/** Setting a value failed because storage is full (the name varies across browsers and versions). */
export function isQuotaExceeded(error: unknown): boolean {
  if (!(error instanceof DOMException)) return false;
  return error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22 || error.code === 1014;
}
