/** The drag-and-drop type of a palette entry; the canvas accepts drops of it (and knows it without loading the palette). */
export const STEP_MIME = 'application/x-kfp-step-type';
