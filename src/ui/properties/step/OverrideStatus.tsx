import type { SettingSource } from '../../../core/model/effective';
import { describeSource } from './override-source';

/** The badge and words saying where a value comes from; read as part of the field's description. */
export function SourceBadge({ source, defaultMeaning }: { source: SettingSource; defaultMeaning?: string }) {
  const { badge, from } = describeSource(source, defaultMeaning);
  return (
    <>
      <span className={`badge badge-${badge}`}>{badge}</span> {from}
    </>
  );
}

/** Shown only while this step writes the key itself: then resetting means something. */
export function ResetButton({ label, inputId, onReset }: { label: string; inputId: string; onReset: () => void }) {
  return (
    <button
      type="button"
      className="reset-override"
      title={`Reset ${label} to inherited`}
      onClick={() => {
        onReset();
        // The button goes away with the override; keep the keyboard on the field it reset.
        requestAnimationFrame(() => document.getElementById(inputId)?.focus());
      }}
    >
      {/* The name is text, not aria-label, so getByLabel('Memory limit') finds only the field. */}
      Reset<span className="visually-hidden"> {label} to inherited</span>
    </button>
  );
}
