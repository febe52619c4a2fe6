/**
 * The first line of steps copied by the designer: a YAML comment, so magnus and text editors
 * ignore it, that tells a paste of copied steps from a whole pipeline to import. On its own,
 * without the YAML machinery of clipboard.ts, because the paste listener is part of the first load.
 */
export const COPIED_STEPS_HEADER = '# kfp-designer: steps copied from a pipeline\n';

/** Whether a text is steps copied by the designer (its header line is still there). */
export const isCopiedSteps = (text: string): boolean => text.replace(/^\uFEFF/, '').trimStart().startsWith(COPIED_STEPS_HEADER.trim());
