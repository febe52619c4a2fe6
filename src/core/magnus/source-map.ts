import type { Diagnostic, SourceFile } from '../diagnostics';
import type { SourcePos } from '../yaml/source';

/** What a diagnostic is about, in model terms; the key under which its source position is kept. */
export interface Target {
  step?: string;
  graph?: string;
  field?: string;
}

export interface SourceLocation extends SourcePos {
  file: SourceFile;
}

const keyOf = (t: Target) =>
  (t.step !== undefined ? `s:${t.step}` : t.graph !== undefined ? `g:${t.graph}` : 'p:') + (t.field ? `#${t.field}` : '');

/**
 * Remembers where in the imported files each part of the model was written, so validation of the
 * model (which knows nothing of text) can still point at a line and column.
 */
export class SourceMap {
  private readonly locations = new Map<string, SourceLocation>();
  private readonly files = new Set<SourceFile>();

  record(target: Target, file: SourceFile, pos: SourcePos | undefined) {
    this.files.add(file);
    if (pos && !this.locations.has(keyOf(target))) this.locations.set(keyOf(target), { file, ...pos });
  }

  /** The most precise location known: the field, then its parent fields, then the step or graph. */
  find(target: Target): SourceLocation | undefined {
    const fields = target.field?.split('.') ?? [];
    for (let n = fields.length; n >= 0; n--) {
      const found = this.locations.get(keyOf({ ...target, field: fields.slice(0, n).join('.') || undefined }));
      if (found) return found;
    }
    if (target.step !== undefined && target.graph !== undefined) return this.find({ graph: target.graph, field: target.field });
    return undefined;
  }

  /** Fills file, line and column of diagnostics that have none (at least the file, when the field says which). */
  attach(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.map((d) => {
      if (d.line !== undefined) return d;
      const location = this.find(d);
      if (location) return { ...d, ...location };
      const file = d.step === undefined && d.field ? fileOfField(d.field) : undefined;
      return file && this.files.has(file) && d.file === undefined ? { ...d, file } : d;
    });
  }
}

/** Settings that were not written anywhere still belong to a file: the one they would be written in. */
function fileOfField(field: string): SourceFile | undefined {
  const head = field.split('.')[0];
  if (head === 'executor' || head === 'services' || head === 'profiles') return 'config';
  if (head === 'parameters') return 'parameters';
  return undefined;
}
