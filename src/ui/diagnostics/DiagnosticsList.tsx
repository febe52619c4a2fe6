import { useState } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import { useDesigner, useDesignerStore, usePipeline } from '../store/context';
import { allDiagnostics } from '../store/derived';
import { countBySeverity, countSummary, diagnosticLabel, SEVERITY_WORDS, stepLabel } from './summary';
import './diagnostics.css';

const BODY_ID = 'problems-body';

function DiagnosticButton({ diagnostic: d, onOpen }: { diagnostic: Diagnostic; onOpen: (d: Diagnostic) => void }) {
  return (
    <button type="button" className={`problem problem-${d.severity}`} aria-label={diagnosticLabel(d)} onClick={() => onOpen(d)}>
      <span className="problem-severity">{SEVERITY_WORDS[d.severity]}</span>
      <span className="problem-text">
        {d.step !== undefined && <span className="problem-step">{stepLabel(d.step)}</span>}
        {d.field && <code className="problem-field">{d.field}</code>}
        <span className="problem-message">{d.message}</span>
      </span>
    </button>
  );
}

/** Every problem of the pipeline, errors first; a click selects the step and focuses the field. */
export function DiagnosticsList() {
  const store = useDesignerStore();
  const pipeline = usePipeline();
  const target = useDesigner((s) => s.target);
  const [open, setOpen] = useState(true);
  const [showNotes, setShowNotes] = useState(false);
  const diagnostics = allDiagnostics(pipeline, target);
  const notes = countBySeverity(diagnostics).info;
  const shown = showNotes ? diagnostics : diagnostics.filter((d) => d.severity !== 'info');
  const openDiagnostic = (d: Diagnostic) => store.getState().focusField({ step: d.step, field: d.field });

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
            {shown.map((d, index) => (
              <li key={`${index}:${d.code}`}>
                <DiagnosticButton diagnostic={d} onOpen={openDiagnostic} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
