/**
 * The reading half of a paste of steps, in the reader worker: the pasted text parsed and imported
 * there, so that no clipboard text, however large or hostile, stops the page answering. Pure.
 */
import { readCopiedSteps } from '../../core/model/clipboard';
import { ActionError } from '../../core/model/actions';
import type { CopiedSteps } from '../../core/model/place-steps';

export interface PasteRequest {
  text: string;
}

/** The steps read, or why there are none (the text holds no steps, or is not magnus). */
export type PasteRead = { ok: true; copied: CopiedSteps } | { ok: false; message: string };

export function readPaste({ text }: PasteRequest): PasteRead {
  try {
    return { ok: true, copied: readCopiedSteps(text) };
  } catch (error) {
    if (error instanceof ActionError) return { ok: false, message: error.message };
    throw error;
  }
}
