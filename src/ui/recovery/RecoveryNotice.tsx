import { useMemo } from 'react';
import { saveTextFile } from '../download/save-file';
import { useDesigner } from '../store/context';
import { downloadJson, recoveryText, salvagedText, UNRESTORED_FILE } from './recovery';
import { salvageFiles } from './salvage';
import './recovery.css';

/**
 * A save that could not be restored: said at the top of the page until dismissed, with its
 * download as it was stored (JSON, lossless) and as the magnus files it still holds, where it can.
 */
export function RecoveryNotice() {
  const recovery = useDesigner((s) => s.recovery);
  const setRecovery = useDesigner((s) => s.setRecovery);
  const text = recovery?.text;
  const salvaged = useMemo(() => (text === undefined ? undefined : salvageFiles(text)), [text]);
  if (!recovery) return null;
  const download = () => {
    downloadJson(UNRESTORED_FILE, recovery.text);
    setRecovery({ ...recovery, downloaded: true });
  };
  return (
    <section className="recovery" aria-label="Saved pipeline not restored">
      <p role="alert">{recoveryText(recovery.problem, recovery.keptAs !== undefined)}</p>
      {salvaged && <p>{salvagedText(salvaged.left)}</p>}
      <div className="recovery-actions">
        {salvaged?.files.map((file, i) => (
          <button key={`${i}:${file.name}`} type="button" onClick={() => saveTextFile(file.name, file.text)}>
            Download {file.name}
          </button>
        ))}
        <button type="button" onClick={download}>
          Download the save as JSON
        </button>
        <button type="button" onClick={() => setRecovery(undefined)} disabled={recovery.keptAs === undefined && !recovery.downloaded}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
