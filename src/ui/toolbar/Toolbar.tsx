// Placeholder: replaced by the real component.
export function Toolbar() {
  return <section aria-label="Toolbar" />;
}
