/**
 * What the cheat sheet (`?`) says of each shortcut of the table (table.ts), by section, in the
 * table's order. Apart from the table, which the page's first load carries for its key handler:
 * these words load with the sheet. Keyed by the shortcut's id, so none can be left out.
 */
import type { ShortcutId } from './table';

export type ShortcutSection = 'General' | 'Edit' | 'Canvas' | 'Move around';

export const SHORTCUT_HELP: Readonly<Record<ShortcutId, { section: ShortcutSection; description: string }>> = {
  help: { section: 'General', description: 'Show these keyboard shortcuts' },
  find: { section: 'General', description: 'Find steps by name or command' },
  undo: { section: 'General', description: 'Undo' },
  redo: { section: 'General', description: 'Redo' },
  download: { section: 'General', description: 'Download pipeline.yaml' },
  add: { section: 'Edit', description: 'Add a task step after the selected step (else at the end, before success)' },
  copy: { section: 'Edit', description: 'Copy the selected steps (as magnus YAML)' },
  cut: { section: 'Edit', description: 'Cut the selected steps' },
  paste: { section: 'Edit', description: 'Paste steps into the graph of the selected step' },
  duplicate: { section: 'Edit', description: 'Duplicate the selected steps' },
  delete: { section: 'Edit', description: 'Delete the selected steps and edges' },
  'connect-next': { section: 'Edit', description: 'Connect the first selected step to the second with next' },
  'connect-failure': { section: 'Edit', description: 'Connect the first selected step to the second with on failure' },
  layout: { section: 'Canvas', description: 'Auto layout' },
  fit: { section: 'Canvas', description: 'Fit the pipeline in view' },
  'expand-group': { section: 'Canvas', description: 'Expand the focused group' },
  'collapse-group': { section: 'Canvas', description: 'Collapse the focused group' },
  'select-next': { section: 'Move around', description: 'Go to the next step (along next)' },
  'select-previous': { section: 'Move around', description: 'Go to the step before (whose next leads here)' },
  'select-following': { section: 'Move around', description: 'Go to the following step in list order, into groups too' },
  'select-preceding': { section: 'Move around', description: 'Go to the preceding step in list order' },
  'open-form': { section: 'Move around', description: "Edit the selected step's settings in the Properties panel" },
  'clear-selection': { section: 'Move around', description: 'Clear the selection' },
};
