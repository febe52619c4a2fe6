import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import { useDesignerStore } from '../store/context';
import { classifyFiles, pastedInput, type Classification } from './classify';
import { DiagnosticEntries } from './DiagnosticEntries';
import { IMPORT_FAILED_TITLE } from './outcome';
import { readFiles, runImport, type ImportAttempt } from './run-import';

/**
 * The import dialog's content: files (several at once, told apart by their contents) or pasted
 * texts. A failed import lists its errors here and changes nothing; a good one closes the dialog
 * and opens the import report.
 */
export function ImportForm({ prefill, onDone }: { prefill?: string; onDone: () => void }) {
  const store = useDesignerStore();
  const [texts, setTexts] = useState({ dag: prefill ?? '', config: '', parameters: '' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Diagnostic[] | undefined>();
  const failureBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    failureBox.current?.scrollIntoView({ block: 'nearest' });
  }, [failure]);

  const attempt = async (classification: Promise<Classification> | Classification) => {
    setBusy(true);
    setFailure(undefined);
    const result = await runImport(await classification, store).catch(
      (error: unknown): ImportAttempt => ({ ok: false, diagnostics: [{ code: 'E_IMPORT_INTERNAL', severity: 'error', message: `the import failed: ${String(error)}` }] }),
    );
    setBusy(false);
    if (!result.ok) return setFailure(result.diagnostics);
    onDone();
    store.getState().showImportReport(result.report);
  };
  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = ''; // choosing the same files again (after fixing them) imports again
    if (files.length > 0) void attempt(readFiles(files).then(classifyFiles));
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
