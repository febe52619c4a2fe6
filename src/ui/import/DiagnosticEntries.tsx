import type { Diagnostic } from '../../core/diagnostics';
import { SEVERITY_WORDS, stepLabel } from '../diagnostics/summary';
import { locationText } from './outcome';

/** Diagnostics as lines a compiler would print: where, severity, code, message, step. */
export function DiagnosticEntries({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  return (
    <ul className="diagnostic-entries">
      {diagnostics.map((d, index) => {
        const where = locationText(d);
        return (
          <li key={index} className={`entry entry-${d.severity}`}>
            {where && <span className="entry-location">{where}</span>}
            <span className="entry-severity">{SEVERITY_WORDS[d.severity]}</span>
            <code className="entry-code">{d.code}</code>
            <span className="entry-message">{d.message}</span>
            {d.step !== undefined && <span className="entry-step">step {stepLabel(d.step)}</span>}
          </li>
        );
      })}
    </ul>
  );
}
