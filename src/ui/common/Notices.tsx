import { useDesigner } from '../store/context';

/** One live region for messages (a refused connection, a failed save), read out by screen readers. */
export function Notices() {
  const notice = useDesigner((s) => s.notice);
  const notify = useDesigner((s) => s.notify);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notice && (
        <div className={`notice notice-${notice.kind}`}>
          <span>{notice.text}</span>
          <button type="button" aria-label="Dismiss message" onClick={() => notify(undefined)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
