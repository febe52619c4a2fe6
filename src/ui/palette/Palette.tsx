// Placeholder: replaced by the real component.
export function Palette() {
  return <section aria-label="Palette" />;
}
