import { useEffect, useState } from 'react';
import { saveTextFile } from '../download/save-file';
import { inputReader } from '../reading/readers';
import { useDesigner } from '../store/context';
import { downloadJson, recoveryText, salvagedText, UNRESTORED_FILE } from './recovery';
import type { SalvagedFiles } from './salvage';
import './recovery.css';

/**
 * The magnus files the save still holds, worked out in the reader worker: checking and exporting a
 * save of thousands of steps stopped the page for most of a second. Undefined until then, or when
 * there are none.
 */
function useSalvaged(text: string | undefined): SalvagedFiles | undefined {
  const [salvaged, setSalvaged] = useState<{ text: string; files: SalvagedFiles | null }>();
  useEffect(() => {
    if (text === undefined) return;
    let current = true;
    inputReader.run({ read: 'salvage', text }).then(
      (files) => current && setSalvaged({ text, files }),
      // Past the reading budget, or the reader failed: the save stays downloadable as JSON.
      () => current && setSalvaged({ text, files: null }),
    );
    return () => {
      current = false;
    };
  }, [text]);
  return salvaged !== undefined && salvaged.text === text ? (salvaged.files ?? undefined) : undefined;
}

/**
 * A save that could not be restored: said at the top of the page until dismissed, with its
 * download as it was stored (JSON, lossless) and as the magnus files it still holds, where it can.
 */
export function RecoveryNotice() {
  const recovery = useDesigner((s) => s.recovery);
  const setRecovery = useDesigner((s) => s.setRecovery);
  const text = recovery?.text;
  const salvaged = useSalvaged(text);
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
