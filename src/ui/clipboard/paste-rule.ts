/**
 * What Ctrl/Cmd+V on the page does with the pasted text. Pure.
 *
 * The rule: steps copied by the designer (their header line) are always pasted as steps. Any other
 * text is pasted as steps when the canvas has the focus or steps are selected — a paste of text
 * that holds no steps then says so and changes nothing. With nothing selected and the focus
 * elsewhere, a whole magnus pipeline (`dag:` at the top) is offered for import, as before.
 */
import { isCopiedSteps } from '../../core/model/clipboard-header';
import { looksLikeDag } from '../import/looks-like-dag';

export type PasteIntent = 'steps' | 'import';

export function pasteIntent(text: string, where: { canvasFocused: boolean; stepsSelected: boolean }): PasteIntent {
  if (isCopiedSteps(text)) return 'steps';
  if (!where.canvasFocused && !where.stepsSelected && looksLikeDag(text)) return 'import';
  return 'steps';
}
