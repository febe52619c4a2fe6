import { useGlobalShortcuts } from './useGlobalShortcuts';

/** The page's keyboard shortcuts, as a part App can load after the first paint. */
export function GlobalShortcuts() {
  useGlobalShortcuts();
  return null;
}
