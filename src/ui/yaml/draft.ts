/**
 * Whose text an editable tab (dag, config, parameters) shows, and so whether a change of the model
 * may replace it. Pure: the editor (edit-session.ts) asks, Monaco does the editing.
 *
 * - `shows`: the text describes `pipeline`, either as its export or as the user wrote it (`own`);
 *   a valid edit round-trips as the user's own text, so the cursor and their formatting stay.
 * - `typing`: edited since last read; `held`: read, but unreadable or adding errors. In both the
 *   text is the user's work in progress and nothing from the model overwrites it.
 */
import { ownValue } from '../../core/own';
import type { Pipeline } from '../../core/model/types';
import { sameSemantics } from '../store/derived';
import { isAmendment } from '../store/store';

export type Draft = { kind: 'shows'; pipeline: Pipeline; own: boolean } | { kind: 'typing' } | { kind: 'held' };

export const showsExport = (pipeline: Pipeline): Draft => ({ kind: 'shows', pipeline, own: false });

/** The draft after the model became `pipeline`, and whether the tab must now show its export. */
export function follow(draft: Draft | undefined, pipeline: Pipeline): { draft: Draft; sync: boolean } {
  if (!draft) return { draft: showsExport(pipeline), sync: true };
  if (draft.kind !== 'shows') return { draft, sync: false };
  if (draft.pipeline === pipeline) return { draft, sync: false };
  // Steps the user's text added were just placed on the canvas: the text still says everything
  // else, and rewriting it would move their cursor while they may still be typing. The positions
  // are kept when the text is read again (read-edit.ts keepPositions).
  // So are steps laid out afresh because most of them are new (the user pasted a new dag).
  if (draft.own && (onlyPlaced(draft.pipeline, pipeline) || (isAmendment(pipeline) && sameSemantics(draft.pipeline, pipeline)))) return { draft: { ...draft, pipeline }, sync: false };
  return { draft: showsExport(pipeline), sync: true };
}

/** `after` is `before` with positions for steps that had none, and nothing else changed. */
export function onlyPlaced(before: Pipeline, after: Pipeline): boolean {
  if (!sameSemantics(before, after)) return false;
  return Object.entries(before.layout).every(([path, at]) => {
    const now = ownValue(after.layout, path);
    return now === at || (now?.x === at.x && now?.y === at.y);
  });
}

/** Whether the text is work the model does not hold yet (Ctrl+Z then drops it instead of undoing). */
export const isPending = (draft: Draft | undefined) => draft !== undefined && draft.kind !== 'shows';

/** Whether the tab shows the user's text (its markers come from reading it, not from the export). */
export const showsOwnText = (draft: Draft | undefined) => draft !== undefined && (draft.kind !== 'shows' || draft.own);
