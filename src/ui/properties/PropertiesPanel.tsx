// Placeholder: replaced by the real component.
export function PropertiesPanel() {
  return <section aria-label="PropertiesPanel" />;
}
