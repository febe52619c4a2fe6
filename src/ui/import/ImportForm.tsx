import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import { ownValue } from '../../core/own';
import { useDesignerStore } from '../store/context';
import { pastedInput, type Classification, type NamedText } from './classify';
import { DiagnosticEntries } from './DiagnosticEntries';
import { NestedFilesPrompt } from './NestedFilesPrompt';
import { IMPORT_FAILED_TITLE } from './outcome';
import { IMPORT_CANCELLED } from './drop';
import { runImport } from './run-import';
import { inputReader } from '../reading/readers';

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
  const [cancelled, setCancelled] = useState(false);
  const failureBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    failureBox.current?.scrollIntoView({ block: 'nearest' });
  }, [failure]);
  // The reader worker starts, and loads its code, while the user chooses files.
  useEffect(() => {
    inputReader.run({ read: 'warm' }).catch(() => {});
  }, []);

  const attempt = async (source: File[] | Classification, chosen: Record<string, NamedText> = {}, askForNested = true) => {
    setBusy(true);
    setFailure(undefined);
    setCancelled(false);
    let base: Classification | undefined;
    const result = await runImport(source, store, { askForNested, chosen, onClassified: (c) => (base = c) });
    setBusy(false);
    // Files chosen anew start over; a retry of the pipeline waiting for nested files keeps waiting.
    const retry = !Array.isArray(source);
    if (result.status === 'cancelled') return setCancelled(true);
    if (result.status === 'failed') {
      setPending((current) => (retry && current ? { ...current, chosen } : undefined));
      return setFailure(result.diagnostics);
    }
    if (result.status === 'needs-nested') return setPending({ base: retry ? source : base!, missing: result.missing, chosen });
    setPending(undefined);
    onDone();
    store.getState().showImportReport(result.report);
  };
  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = ''; // choosing the same files again (after fixing them) imports again
    if (files.length > 0) void attempt(files);
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
      <p role="status" className="import-hint">
        {busy ? 'Importing…' : cancelled ? IMPORT_CANCELLED : ''}
      </p>
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
