import { countBySeverity, countSummary } from '../diagnostics/summary';
import { useDesigner } from '../store/context';
import { DiagnosticEntries } from './DiagnosticEntries';
import { Modal } from './Modal';

/** After an import: how each file was read, what could not be mapped, the magnus era; or why nothing changed. */
export function ImportReportDialog() {
  const report = useDesigner((s) => s.importReport);
  const showImportReport = useDesigner((s) => s.showImportReport);
  const close = () => showImportReport(undefined);
  const errors = report ? countBySeverity(report.diagnostics).error : 0;
  return (
    <Modal open={report !== undefined} title={report?.title ?? ''} onClose={close}>
      {report && (
        <>
          <p className="modal-lead">
            {report.ok
              ? `The pipeline was imported (Undo brings the previous one back): ${countSummary(report.diagnostics, { notes: true })}.` +
                (errors > 0 ? ' Fix the errors before downloading pipeline.yaml; they are also listed under Problems.' : '')
              : 'The current pipeline was not changed. Fix these problems in the files and import them again:'}
          </p>
          <DiagnosticEntries diagnostics={report.diagnostics} />
          <div className="modal-actions">
            <button type="button" data-autofocus onClick={close}>
              Close
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
