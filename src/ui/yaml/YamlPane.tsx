// Placeholder: replaced by the real component.
export function YamlPane() {
  return <section aria-label="YamlPane" />;
}
