/** Clears the setting on every selected step that writes it; shown only while one does. */
export function BatchResetButton({ label, inputId, count, onReset }: { label: string; inputId: string; count: number; onReset: () => void }) {
  return (
    <button
      type="button"
      className="reset-override"
      title={`Reset ${label} to inherited on ${count === 1 ? 'the step that overrides it' : `the ${count} steps that override it`}`}
      onClick={() => {
        onReset();
        // The button goes away with the overrides; keep the keyboard on the field it reset.
        requestAnimationFrame(() => document.getElementById(inputId)?.focus());
      }}
    >
      {/* Text, not aria-label, so getByLabel('Memory limit') finds only the field (as in the step form). */}
      Reset<span className="visually-hidden"> {label} to inherited</span>
    </button>
  );
}
