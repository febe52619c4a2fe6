import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import { ownValue } from '../../core/own';
import { useDesignerStore } from '../store/context';
import { classifyFiles, pastedInput, type Classification, type NamedText } from './classify';
import { DiagnosticEntries } from './DiagnosticEntries';
import { NestedFilesPrompt } from './NestedFilesPrompt';
import { withNestedFiles } from './nested-files';
import { IMPORT_FAILED_TITLE } from './outcome';
import { readFiles, runImport, type ImportAttempt } from './run-import';

/** An import waiting for nested dag files: the files as first given, and those chosen since. */
interface Pending {
  base: Classification;
  missing: string[];
  chosen: Record<string, NamedText>;
}

/**
 * The import dialog's content: files (several at once, told apart by their contents) or pasted
 * texts. A pipeline that runs nested dag files not given is held until they are chosen (or the
 * user goes on without them). A failed import lists its errors here and changes nothing; a good
 * one closes the dialog and opens the import report.
 */
export function ImportForm({ prefill, onDone }: { prefill?: string; onDone: () => void }) {
  const store = useDesignerStore();
  const [texts, setTexts] = useState({ dag: prefill ?? '', config: '', parameters: '' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Diagnostic[] | undefined>();
  const [pending, setPending] = useState<Pending | undefined>();
  const failureBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    failureBox.current?.scrollIntoView({ block: 'nearest' });
  }, [failure]);

  const attempt = async (given: Promise<Classification> | Classification, chosen: Record<string, NamedText> = {}, askForNested = true) => {
    setBusy(true);
    setFailure(undefined);
    const base = await given;
    const result = await runImport(withNestedFiles(base, chosen), store, { askForNested }).catch(
      (error: unknown): ImportAttempt => ({ status: 'failed', diagnostics: [{ code: 'E_IMPORT_INTERNAL', severity: 'error', message: `the import failed: ${String(error)}` }] }),
    );
    setBusy(false);
    if (result.status === 'failed') {
      setPending((current) => (current?.base === base ? { ...current, chosen } : undefined));
      return setFailure(result.diagnostics);
    }
    if (result.status === 'needs-nested') return setPending({ base, missing: result.missing, chosen });
    setPending(undefined);
    onDone();
    store.getState().showImportReport(result.report);
  };
  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = ''; // choosing the same files again (after fixing them) imports again
    if (files.length > 0) void attempt(readFiles(files).then(classifyFiles));
  };
  const chooseNested = (files: Record<string, NamedText>) => {
    if (!pending) return;
    const chosen = { ...pending.chosen, ...files };
    if (pending.missing.every((path) => ownValue(chosen, path) !== undefined)) void attempt(pending.base, chosen);
    else setPending({ ...pending, chosen });
  };
  const field = (key: keyof typeof texts, label: string, rows: number) => (
    <label className="import-field">
      {label}
      <textarea rows={rows} spellCheck={false} value={texts[key]} onChange={(e) => setTexts({ ...texts, [key]: e.target.value })} />
    </label>
  );

  return (
    <div className="import-form">
      <section className="import-section" aria-label="From files">
        <h3>From files</h3>
        <p className="import-hint">
          Select the dag file together with its config, parameters and nested dag_definition files; they are told apart by what they contain.
        </p>
        <label className="import-field">
          Choose files
          <input type="file" multiple accept=".yaml,.yml,text/yaml,application/yaml,application/x-yaml" onChange={onFiles} disabled={busy} />
        </label>
      </section>
      <section className="import-section" aria-label="Paste YAML">
        <h3>Paste YAML</h3>
        {field('dag', 'Dag YAML', 6)}
        {field('config', 'Config YAML (optional)', 3)}
        {field('parameters', 'Parameters YAML (optional)', 3)}
        <button type="button" disabled={busy} onClick={() => void attempt(pastedInput(texts))}>
          Import
        </button>
      </section>
      {pending && (
        <NestedFilesPrompt
          missing={pending.missing}
          chosen={pending.chosen}
          busy={busy}
          onChoose={chooseNested}
          onSkip={() => void attempt(pending.base, pending.chosen, false)}
        />
      )}
      {busy && <p role="status">Importing…</p>}
      {failure && (
        <div ref={failureBox} role="alert" className="import-failure">
          <h3>{IMPORT_FAILED_TITLE}</h3>
          <DiagnosticEntries diagnostics={failure} />
        </div>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onDone}>
          Close
        </button>
      </div>
    </div>
  );
}
