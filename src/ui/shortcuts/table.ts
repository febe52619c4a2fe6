/**
 * Every keyboard shortcut of the designer, in one table: the key handler matches events against
 * it and the cheat sheet (`?`) is drawn from it, so the two cannot disagree.
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
  description: string;
  section: 'General' | 'Edit' | 'Canvas' | 'Move around';
  scope: ShortcutScope;
  handler: ShortcutHandler;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'help', keys: ['?'], description: 'Show these keyboard shortcuts', section: 'General', scope: 'page', handler: 'keys' },
  { id: 'find', keys: ['Mod+F', '/'], description: 'Find steps by name or command', section: 'General', scope: 'page', handler: 'keys' },
  { id: 'undo', keys: ['Mod+Z'], description: 'Undo', section: 'General', scope: 'page', handler: 'keys' },
  { id: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo', section: 'General', scope: 'page', handler: 'keys' },
  { id: 'download', keys: ['Mod+S'], description: 'Download pipeline.yaml', section: 'General', scope: 'page', handler: 'keys' },
  { id: 'add', keys: ['A'], description: 'Add a task step after the selected step (else at the end, before success)', section: 'Edit', scope: 'page', handler: 'keys' },
  { id: 'copy', keys: ['Mod+C'], description: 'Copy the selected steps (as magnus YAML)', section: 'Edit', scope: 'page', handler: 'keys' },
  { id: 'cut', keys: ['Mod+X'], description: 'Cut the selected steps', section: 'Edit', scope: 'page', handler: 'keys' },
  {
    id: 'paste',
    keys: ['Mod+V'],
    description: 'Paste steps into the graph of the selected step',
    section: 'Edit',
    scope: 'page',
    handler: 'paste-event',
  },
  { id: 'duplicate', keys: ['Mod+D'], description: 'Duplicate the selected steps', section: 'Edit', scope: 'page', handler: 'keys' },
  { id: 'delete', keys: ['Delete', 'Backspace'], description: 'Delete the selected steps and edges', section: 'Edit', scope: 'canvas', handler: 'canvas' },
  { id: 'connect-next', keys: ['N'], description: 'Connect the first selected step to the second with next', section: 'Edit', scope: 'page', handler: 'keys' },
  {
    id: 'connect-failure',
    keys: ['Shift+N'],
    description: 'Connect the first selected step to the second with on failure',
    section: 'Edit',
    scope: 'page',
    handler: 'keys',
  },
  { id: 'layout', keys: ['L'], description: 'Auto layout', section: 'Canvas', scope: 'page', handler: 'keys' },
  { id: 'fit', keys: ['F'], description: 'Fit the pipeline in view', section: 'Canvas', scope: 'page', handler: 'keys' },
  { id: 'expand-group', keys: ['+', '='], description: 'Expand the focused group', section: 'Canvas', scope: 'group', handler: 'canvas' },
  { id: 'collapse-group', keys: ['-'], description: 'Collapse the focused group', section: 'Canvas', scope: 'group', handler: 'canvas' },
  { id: 'select-next', keys: ['Alt+ArrowDown'], description: 'Go to the next step (along next)', section: 'Move around', scope: 'page', handler: 'keys' },
  {
    id: 'select-previous',
    keys: ['Alt+ArrowUp'],
    description: 'Go to the step before (whose next leads here)',
    section: 'Move around',
    scope: 'page',
    handler: 'keys',
  },
  {
    id: 'select-following',
    keys: ['Alt+ArrowRight'],
    description: 'Go to the following step in list order, into groups too',
    section: 'Move around',
    scope: 'page',
    handler: 'keys',
  },
  { id: 'select-preceding', keys: ['Alt+ArrowLeft'], description: 'Go to the preceding step in list order', section: 'Move around', scope: 'page', handler: 'keys' },
  { id: 'open-form', keys: ['Enter'], description: "Edit the selected step's settings in the Properties panel", section: 'Move around', scope: 'canvas', handler: 'keys' },
  { id: 'clear-selection', keys: ['Escape'], description: 'Clear the selection', section: 'Move around', scope: 'canvas', handler: 'keys' },
];

export const shortcut = (id: ShortcutId): Shortcut => SHORTCUTS.find((s) => s.id === id)!;

/** Whether an event is one of a shortcut's key combinations (the canvas's key hooks ask this). */
export const isShortcut = (event: KeyLike, id: ShortcutId): boolean => matchesAny(event, shortcut(id).keys);

/** The shortcut of `handler` an event is, if any. */
export const shortcutFor = (event: KeyLike, handler: ShortcutHandler): Shortcut | undefined =>
  SHORTCUTS.find((s) => s.handler === handler && matchesAny(event, s.keys));
