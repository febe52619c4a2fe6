/**
 * Pasted text that is a magnus pipeline (a `dag:` key at the top level). On its own, without the
 * YAML parser classify.ts needs, because the paste listener is part of the first page load.
 */
export const looksLikeDag = (text: string): boolean => /^dag[ \t]*:/m.test(text);
