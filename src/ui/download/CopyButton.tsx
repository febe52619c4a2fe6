import { useEffect, useState } from 'react';
import { useDesignerStore } from '../store/context';
import { copyText } from './save-file';

/**
 * Copies the shown file's text (read when clicked: a long workflow's text is built only then);
 * "Copied" appears beside the button for a moment (and is read out).
 */
export function CopyButton({ text }: { text: () => string }) {
  const store = useDesignerStore();
  const [copiedAt, setCopiedAt] = useState<number | undefined>();
  useEffect(() => {
    if (copiedAt === undefined) return;
    const timer = setTimeout(() => setCopiedAt(undefined), 2000);
    return () => clearTimeout(timer);
  }, [copiedAt]);
  const copy = () =>
    copyText(text()).then(
      () => setCopiedAt(Date.now()),
      (error: unknown) => store.getState().notify({ kind: 'error', text: `Could not copy: ${error instanceof Error ? error.message : String(error)}` }),
    );
  return (
    <span className="copy-button">
      <button type="button" onClick={copy}>
        Copy to clipboard
      </button>
      <span role="status" className="copy-status">
        {copiedAt !== undefined ? 'Copied' : ''}
      </span>
    </span>
  );
}
