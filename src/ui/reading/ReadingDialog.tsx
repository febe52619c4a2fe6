import { useEffect, useState } from 'react';
import { Modal } from '../import/Modal';
import { useDesigner } from '../store/context';
import './reading.css';

/** Reads that end sooner are not worth a dialog flashing by. */
export const SHOW_AFTER_MS = 300;

/**
 * A long read (an import, a shared link) under way: how far it got, and Cancel (or Escape), which
 * stops it and leaves the pipeline as it was. The page answers meanwhile: the reading runs in a worker.
 */
export function ReadingDialog() {
  const reading = useDesigner((s) => s.reading);
  const [shownFor, setShownFor] = useState<() => void>();
  const cancel = reading?.cancel;
  useEffect(() => {
    if (!cancel) return;
    const timer = setTimeout(() => setShownFor(() => cancel), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [cancel]);
  const open = reading !== undefined && shownFor === cancel;
  const progress = reading?.progress;
  return (
    <Modal open={open} title={reading?.title ?? ''} onClose={() => cancel?.()}>
      {reading && (
        <div className="reading">
          <progress aria-label="Progress" max={progress?.of ?? 1} value={progress ? progress.step - 1 : undefined} aria-valuetext={progress?.label} />
          <p role="status">{progress ? `${progress.label}… (step ${progress.step} of ${progress.of})` : 'Starting…'}</p>
          <p className="reading-hint">The designer answers meanwhile; Cancel stops the reading and leaves your pipeline as it is.</p>
          <div className="modal-actions">
            <button type="button" data-autofocus onClick={() => cancel?.()}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
