/**
 * What an import attempt amounts to, decided from the core's result: taken (with a report of
 * everything worth knowing) or refused (with the errors, located in the user's own files). Pure.
 */
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics';
import type { ImportResult } from '../../core/magnus/import';
import { ownValue } from '../../core/own';
import { ROLE_LABELS, type Classification } from './classify';

export const IMPORT_FAILED_TITLE = 'Import failed — nothing changed';
export const IMPORT_REPORT_TITLE = 'Import report';

/** Errors that mean the text was not read as intended; the model would be a guess, so nothing is taken. */
const isReadingError = (d: Diagnostic) => d.severity === 'error' && /^(E_IMPORT|YAML_)/.test(d.code);

export function isFailedImport(result: ImportResult): boolean {
  return !result.pipeline || result.diagnostics.some(isReadingError);
}

/** Diagnostics name the user's files (`train.yaml`), not the core's roles (`dag`). */
export function withFileNames(diagnostics: readonly Diagnostic[], fileNames: Record<string, string>): Diagnostic[] {
  return diagnostics.map((d) => {
    const name = d.file === undefined ? undefined : ownValue(fileNames, d.file);
    return name !== undefined ? { ...d, file: name } : d;
  });
}

/** One note per file saying what it was taken as, so a wrong guess is visible. */
export function classificationNotes(classification: Classification): Diagnostic[] {
  return classification.files.map((f) => ({
    code: f.role === 'ignored' ? 'W_IMPORT_FILE_IGNORED' : 'I_IMPORT_FILE',
    severity: f.role === 'ignored' ? 'warning' : 'info',
    message: f.role === 'ignored' ? `not imported: it ${f.reason}` : `read as the ${ROLE_LABELS[f.role]} (it ${f.reason})`,
    file: f.name,
  }));
}

/** The classification's own problems (two configs, no dag…) as diagnostics of a refused import. */
export function classificationProblems(classification: Classification): Diagnostic[] {
  return classification.problems.map((message) => ({ code: 'E_IMPORT_FILES', severity: 'error', message }));
}

/** Errors of a refused import first, the file notes after them. */
export function failureDiagnostics(classification: Classification, result?: ImportResult): Diagnostic[] {
  const found = result ? withFileNames(result.diagnostics, classification.fileNames) : [];
  return [...sortDiagnostics([...classificationProblems(classification), ...found]), ...classificationNotes(classification)];
}

/** Everything about an import that was taken: file notes, then what the core found, errors first. */
export function successDiagnostics(classification: Classification, result: ImportResult): Diagnostic[] {
  return [...classificationNotes(classification), ...withFileNames(result.diagnostics, classification.fileNames)];
}

/** `train.yaml:5:3`, or just the file, or nothing. */
export function locationText(d: Diagnostic): string {
  if (d.file === undefined) return '';
  return d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
}
