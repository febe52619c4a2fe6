// Placeholder: replaced by the real component.
export function DiagnosticsList() {
  return <section aria-label="DiagnosticsList" />;
}
