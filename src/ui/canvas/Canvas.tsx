// Placeholder: replaced by the real component.
export function Canvas() {
  return <section aria-label="Canvas" />;
}
