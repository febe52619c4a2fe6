/**
 * The designer's own top-level key in an exported dag file. magnus reads only `dag` and ignores
 * every other top-level key (§2.1), so positions, in-image paths and variable values can travel
 * with the pipeline without changing what magnus runs.
 */
export const DESIGNER_KEY = 'kfp-designer';
