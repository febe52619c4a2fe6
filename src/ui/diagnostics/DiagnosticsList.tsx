import { memo, useDeferredValue, useMemo, useState } from 'react';
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics';
import { useDesigner, useDesignerStore } from '../store/context';
import { liveFindings } from './import-findings';
import { countBySeverity, countSummary, diagnosticLabel, SEVERITY_WORDS, stepLabel } from './summary';
import { useDiagnostics } from './useDiagnostics';
import './diagnostics.css';

const BODY_ID = 'problems-body';
/**
 * Problems rendered at first, and per "Show more". A broken 1,000-step import can have thousands;
 * rendering them all on every keystroke costs more than the rest of the update, and nobody reads
 * past the first screens (errors come first, and fixing one often fixes many).
 */
export const PAGE_SIZE = 200;

const DiagnosticButton = memo(function DiagnosticButton({ diagnostic: d, onOpen, onDismiss }: { diagnostic: Diagnostic; onOpen: (d: Diagnostic) => void; onDismiss?: (d: Diagnostic) => void }) {
  const button = (
    <button type="button" className={`problem problem-${d.severity}`} aria-label={diagnosticLabel(d)} onClick={() => onOpen(d)}>
      <span className="problem-severity">{SEVERITY_WORDS[d.severity]}</span>
      <span className="problem-text">
        {d.step !== undefined && <span className="problem-step">{stepLabel(d.step)}</span>}
        {d.field && <code className="problem-field">{d.field}</code>}
        <span className="problem-message">{d.message}</span>
        {onDismiss && <span className="problem-origin">from the import</span>}
      </span>
    </button>
  );
  if (!onDismiss) return button;
  // Found by the import, not by checking the pipeline: it stays until dismissed or changed.
  return (
    <div className="problem-row">
      {button}
      <button type="button" className="problem-dismiss" aria-label={`Dismiss: ${diagnosticLabel(d)}`} title="Dismiss" onClick={() => onDismiss(d)}>
        ×
      </button>
    </div>
  );
});

/** The pipeline's diagnostics and what the last import found beyond them, errors first; the import's set apart. */
function useProblems() {
  const checked = useDiagnostics();
  const findings = useDesigner((s) => s.importFindings);
  // Deferred like the diagnostics: matching the findings walks every step.
  const history = useDeferredValue(useDesigner((s) => s.history));
  const imported = useMemo(() => liveFindings(findings, history), [findings, history]);
  const all = useMemo(() => (imported.length === 0 ? checked : sortDiagnostics([...checked, ...imported])), [checked, imported]);
  return { all, imported: useMemo(() => new Set(imported), [imported]) };
}

/** Every problem of the pipeline, errors first; a click selects the step and focuses the field. */
export function DiagnosticsList() {
  const store = useDesignerStore();
  const [open, setOpen] = useState(true);
  const [showNotes, setShowNotes] = useState(false);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const { all: diagnostics, imported } = useProblems();
  const notes = useMemo(() => countBySeverity(diagnostics).info, [diagnostics]);
  const shown = useMemo(() => (showNotes ? diagnostics : diagnostics.filter((d) => d.severity !== 'info')), [diagnostics, showNotes]);
  const [openDiagnostic] = useState(() => (d: Diagnostic) => store.getState().focusField({ step: d.step, field: d.field }));
  const [dismiss] = useState(() => (d: Diagnostic) => store.getState().dismissImportFinding(d));
  const hidden = shown.length - limit;

  return (
    <section className="problems" aria-label="Problems">
      <header className="problems-header">
        <h2 className="problems-title">
          <button type="button" aria-expanded={open} aria-controls={BODY_ID} onClick={() => setOpen(!open)}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> Problems
          </button>
        </h2>
        <span className="problems-count">{countSummary(diagnostics)}</span>
        <label className="problems-notes">
          <input type="checkbox" checked={showNotes} onChange={(e) => setShowNotes(e.target.checked)} />
          Show notes ({notes})
        </label>
      </header>
      <div id={BODY_ID} hidden={!open} className="problems-body">
        {shown.length === 0 ? (
          <p className="problems-none">No problems{notes > 0 && !showNotes ? ` (${notes} ${notes === 1 ? 'note' : 'notes'})` : ''}.</p>
        ) : (
          <ul>
            {shown.slice(0, limit).map((d, index) => (
              <li key={`${index}:${d.code}`}>
                <DiagnosticButton diagnostic={d} onOpen={openDiagnostic} onDismiss={imported.has(d) ? dismiss : undefined} />
              </li>
            ))}
          </ul>
        )}
        {hidden > 0 && (
          <button type="button" className="problems-more" onClick={() => setLimit(limit + PAGE_SIZE)}>
            Show {Math.min(hidden, PAGE_SIZE)} more ({hidden} not shown)
          </button>
        )}
      </div>
    </section>
  );
}
