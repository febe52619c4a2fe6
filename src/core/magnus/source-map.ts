import type { Diagnostic, SourceFile } from '../diagnostics';
import type { SourcePos, YamlPath, YamlSource } from '../yaml/source';

/**
 * A place recorded for a target and not worked out yet: a path of a parsed file (its key or its
 * value), or a function. One small object per record — an import makes thousands, and a closure
 * plus a list for each had been a good part of its garbage.
 */
class Pending {
  constructor(
    readonly file: SourceFile,
    private readonly where: Pick<YamlSource, 'keyPos' | 'valuePos'> | (() => SourcePos | undefined),
    private readonly path: YamlPath = [],
    private readonly atKey = false,
  ) {}

  pos(): SourcePos | undefined {
    const { where } = this;
    if (typeof where === 'function') return where();
    return this.atKey ? where.keyPos(this.path) : where.valuePos(this.path);
  }
}

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
  /**
   * Where each target was written: the first place recorded for it that has a position. An import
   * records thousands and looks up a few (those diagnostics are about), so positions are worked out
   * when looked up, not when recorded.
   */
  private readonly locations = new Map<string, SourceLocation | Pending | Pending[]>();

  /** `pos`: the position, or how to find it (called at most once, when the target is looked up). */
  record(target: Target, file: SourceFile, pos: SourcePos | undefined | (() => SourcePos | undefined)) {
    const key = keyOf(target);
    const known = this.locations.get(key);
    if (isResolved(known)) return;
    if (typeof pos === 'function') this.pend(key, known, new Pending(file, pos));
    else if (pos) {
      // A position given now comes after those still to work out: they were recorded first.
      if (known) this.pend(key, known, new Pending(file, () => pos));
      else this.locations.set(key, { file, ...pos });
    }
  }

  /** `record` of the key's or the value's position at `path` in `source`, worked out only if the target is looked up. */
  recordAt(target: Target, file: SourceFile, source: Pick<YamlSource, 'keyPos' | 'valuePos'>, path: YamlPath, at: 'key' | 'value') {
    const key = keyOf(target);
    const known = this.locations.get(key);
    if (!isResolved(known)) this.pend(key, known, new Pending(file, source, path, at === 'key'));
  }

  private pend(key: string, known: Pending | Pending[] | undefined, pending: Pending) {
    if (known === undefined) this.locations.set(key, pending);
    else if (known instanceof Pending) this.locations.set(key, [known, pending]);
    else known.push(pending);
  }

  private location(key: string): SourceLocation | undefined {
    const known = this.locations.get(key);
    if (known === undefined || isResolved(known)) return known;
    for (const pending of known instanceof Pending ? [known] : known) {
      const found = pending.pos();
      if (found) {
        const location = { file: pending.file, ...found };
        this.locations.set(key, location);
        return location;
      }
    }
    this.locations.delete(key);
    return undefined;
  }

  /** The most precise location known: the field, then its parent fields, then the step or graph. */
  find(target: Target): SourceLocation | undefined {
    const fields = target.field?.split('.') ?? [];
    for (let n = fields.length; n >= 0; n--) {
      const found = this.location(keyOf({ ...target, field: fields.slice(0, n).join('.') || undefined }));
      if (found) return found;
    }
    if (target.step !== undefined && target.graph !== undefined) return this.find({ graph: target.graph, field: target.field });
    return undefined;
  }

  /** Where a file begins (its first line), so that anything about that file can point somewhere. */
  recordFile(file: SourceFile, pos: SourcePos | undefined) {
    if (!this.roots.has(file)) this.roots.set(file, pos ?? { line: 1, column: 1, endLine: 1, endColumn: 1 });
  }

  /**
   * Fills file, line and column of diagnostics that have none: where the subject was written, else
   * where it would be written — its parent (a missing run log store at the executor, a missing
   * image at the executor or, with no config file, at the pipeline's `dag:`), else the file itself.
   */
  attach(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.map((d) => {
      if (d.line !== undefined) return d;
      const location = this.find(d) ?? this.fallback(d);
      return location ? { ...d, ...location } : d;
    });
  }

  private fallback(d: Diagnostic): SourceLocation | undefined {
    const dagRoot = this.find({ graph: '' }) ?? this.root('dag');
    const file = d.file ?? (d.step === undefined && d.graph === undefined && d.field ? fileOfField(d.field) : undefined);
    if (file === 'config') return this.find({ field: 'executor' }) ?? this.root('config') ?? dagRoot;
    if (file === 'parameters') return this.root('parameters') ?? dagRoot;
    if (file !== undefined && file !== 'dag') return this.root(file) ?? dagRoot;
    return dagRoot;
  }

  private root(file: SourceFile): SourceLocation | undefined {
    const pos = this.roots.get(file);
    return pos ? { file, ...pos } : undefined;
  }

  private readonly roots = new Map<SourceFile, SourcePos>();
}

const isResolved = (known: SourceLocation | Pending | Pending[] | undefined): known is SourceLocation => known !== undefined && !(known instanceof Pending) && !Array.isArray(known);

/** Settings that were not written anywhere still belong to a file: the one they would be written in. */
function fileOfField(field: string): SourceFile | undefined {
  const head = field.split('.')[0];
  if (head === 'executor' || head === 'services' || head === 'profiles') return 'config';
  if (head === 'parameters') return 'parameters';
  return undefined;
}
