/**
 * Every keyboard shortcut of the designer, in one table: the key handler matches events against
 * it and the cheat sheet (`?`) is drawn from it, so the two cannot disagree. What the sheet says of
 * each (help.ts) is kept apart: the key handler is in the page's first load, the sheet is not.
 */
import { matchesAny, type KeyLike } from './keys';

export type ShortcutId =
  | 'help'
  | 'find'
  | 'undo'
  | 'redo'
  | 'download'
  | 'add'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'delete'
  | 'connect-next'
  | 'connect-failure'
  | 'layout'
  | 'fit'
  | 'expand-group'
  | 'collapse-group'
  | 'select-next'
  | 'select-previous'
  | 'select-following'
  | 'select-preceding'
  | 'open-form'
  | 'clear-selection';

/**
 * Where a shortcut applies. `page`: anywhere but a text field, the YAML editor or a dialog.
 * `canvas`: with the focus on the canvas (not on one of its buttons) or on nothing.
 * `group`: with a group's node focused on the canvas.
 */
export type ShortcutScope = 'page' | 'canvas' | 'group';

/**
 * Who handles it: the page's key handler (useGlobalShortcuts); the browser's paste event (so
 * paste needs no clipboard permission); or the canvas's own key hooks (useDeleteKey,
 * useGroupKeys), which need what only the canvas knows (selected edges, collapsed groups).
 */
export type ShortcutHandler = 'keys' | 'paste-event' | 'canvas';

export interface Shortcut {
  id: ShortcutId;
  /** Key combinations (see keys.ts); the first is the one to learn. */
  keys: readonly string[];
  scope: ShortcutScope;
  handler: ShortcutHandler;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'help', keys: ['?'], scope: 'page', handler: 'keys' },
  { id: 'find', keys: ['Mod+F', '/'], scope: 'page', handler: 'keys' },
  { id: 'undo', keys: ['Mod+Z'], scope: 'page', handler: 'keys' },
  { id: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], scope: 'page', handler: 'keys' },
  { id: 'download', keys: ['Mod+S'], scope: 'page', handler: 'keys' },
  { id: 'add', keys: ['A'], scope: 'page', handler: 'keys' },
  { id: 'copy', keys: ['Mod+C'], scope: 'page', handler: 'keys' },
  { id: 'cut', keys: ['Mod+X'], scope: 'page', handler: 'keys' },
  { id: 'paste', keys: ['Mod+V'], scope: 'page', handler: 'paste-event' },
  { id: 'duplicate', keys: ['Mod+D'], scope: 'page', handler: 'keys' },
  { id: 'delete', keys: ['Delete', 'Backspace'], scope: 'canvas', handler: 'canvas' },
  { id: 'connect-next', keys: ['N'], scope: 'page', handler: 'keys' },
  { id: 'connect-failure', keys: ['Shift+N'], scope: 'page', handler: 'keys' },
  { id: 'layout', keys: ['L'], scope: 'page', handler: 'keys' },
  { id: 'fit', keys: ['F'], scope: 'page', handler: 'keys' },
  { id: 'expand-group', keys: ['+', '='], scope: 'group', handler: 'canvas' },
  { id: 'collapse-group', keys: ['-'], scope: 'group', handler: 'canvas' },
  { id: 'select-next', keys: ['Alt+ArrowDown'], scope: 'page', handler: 'keys' },
  { id: 'select-previous', keys: ['Alt+ArrowUp'], scope: 'page', handler: 'keys' },
  { id: 'select-following', keys: ['Alt+ArrowRight'], scope: 'page', handler: 'keys' },
  { id: 'select-preceding', keys: ['Alt+ArrowLeft'], scope: 'page', handler: 'keys' },
  { id: 'open-form', keys: ['Enter'], scope: 'canvas', handler: 'keys' },
  { id: 'clear-selection', keys: ['Escape'], scope: 'canvas', handler: 'keys' },
];

export const shortcut = (id: ShortcutId): Shortcut => SHORTCUTS.find((s) => s.id === id)!;

/** Whether an event is one of a shortcut's key combinations (the canvas's key hooks ask this). */
export const isShortcut = (event: KeyLike, id: ShortcutId): boolean => matchesAny(event, shortcut(id).keys);

/** The shortcut of `handler` an event is, if any. */
export const shortcutFor = (event: KeyLike, handler: ShortcutHandler): Shortcut | undefined =>
  SHORTCUTS.find((s) => s.handler === handler && matchesAny(event, s.keys));
