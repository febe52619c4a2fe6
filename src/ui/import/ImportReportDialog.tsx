// Placeholder: replaced by the real component.
export function ImportReportDialog() {
  return <section aria-label="ImportReportDialog" />;
}
