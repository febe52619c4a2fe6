import { useDesigner } from '../store/context';
import { downloadJson, recoveryText, UNRESTORED_FILE } from './recovery';
import './recovery.css';

/** A save that could not be restored: said at the top of the page until dismissed, with its download. */
export function RecoveryNotice() {
  const recovery = useDesigner((s) => s.recovery);
  const setRecovery = useDesigner((s) => s.setRecovery);
  if (!recovery) return null;
  const download = () => {
    downloadJson(UNRESTORED_FILE, recovery.text);
    setRecovery({ ...recovery, downloaded: true });
  };
  return (
    <section className="recovery" aria-label="Saved pipeline not restored">
      <p role="alert">{recoveryText(recovery.problem, recovery.keptAs !== undefined)}</p>
      <div className="recovery-actions">
        <button type="button" onClick={download}>
          Download the saved pipeline
        </button>
        <button type="button" onClick={() => setRecovery(undefined)} disabled={recovery.keptAs === undefined && !recovery.downloaded}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
