/**
 * Nested `dag_definition` files an import did not get: which are missing, and the import again
 * with the files the user chose for them. Pure.
 */
import type { ImportResult } from '../../core/magnus/import';
import { walkSteps } from '../../core/model/paths';
import { baseName, type Classification, type NamedText } from './classify';
import { hasOwn, setOwn } from '../../core/own';

export const NESTED_MISSING = 'W_NESTED_DAG_MISSING';

/** The `dag_definition` paths whose files were not supplied, each once, in the order the steps come. */
export function missingNestedFiles(result: ImportResult): string[] {
  if (!result.pipeline) return [];
  const reported = new Set(result.diagnostics.filter((d) => d.code === NESTED_MISSING && d.step !== undefined).map((d) => d.step));
  const missing: string[] = [];
  for (const { step, path } of walkSteps(result.pipeline.dag)) {
    if (step.type !== 'dag' || step.graph || step.dag_definition === undefined || !reported.has(path)) continue;
    if (!missing.includes(step.dag_definition)) missing.push(step.dag_definition);
  }
  return missing;
}

/** The classification with `files` as the nested files of those paths, whatever their names. */
export function withNestedFiles(classification: Classification, files: Readonly<Record<string, NamedText>>): Classification {
  if (!classification.input) return classification;
  const entries = Object.entries(files).filter(([, file]) => !file.unreadable);
  if (entries.length === 0) return classification;
  const nested = { ...(typeof classification.input.nested === 'object' ? classification.input.nested : {}) };
  const fileNames = { ...classification.fileNames };
  for (const [path, file] of entries) {
    setOwn(nested, path, file.text);
    setOwn(fileNames, path, file.name);
  }
  const notes = entries.map(([path, file]) => ({ name: file.name, role: 'nested' as const, reason: `was chosen for \`dag_definition: ${path}\`` }));
  return { ...classification, files: [...classification.files, ...notes], fileNames, input: { ...classification.input, nested } };
}

/**
 * Several files chosen at once for the missing paths: each goes to the path whose file name it
 * has; a single file for a single path goes there whatever its name. The rest is left over.
 */
export function matchNestedFiles(missing: readonly string[], files: readonly NamedText[]): { matched: Record<string, NamedText>; unmatched: NamedText[] } {
  if (missing.length === 1 && files.length === 1) return { matched: { [missing[0]]: files[0] }, unmatched: [] };
  const matched: Record<string, NamedText> = {};
  const unmatched: NamedText[] = [];
  for (const file of files) {
    const path = missing.find((p) => baseName(p) === file.name && !hasOwn(matched, p));
    if (path === undefined) unmatched.push(file);
    else setOwn(matched, path, file);
  }
  return { matched, unmatched };
}
