import { lazy, Suspense, useState } from 'react';
import { Modal } from './Modal';
import { usePasteToImport } from './usePasteToImport';

// The importer (YAML parser, magnus import, classification) loads when the dialog first opens.
const ImportForm = lazy(() => import('./ImportForm').then((m) => ({ default: m.ImportForm })));

/** "Import…" and its dialog; a pipeline pasted onto the page opens the dialog with it filled in. */
export function ImportButton() {
  const [request, setRequest] = useState<{ prefill?: string } | undefined>();
  usePasteToImport((text) => setRequest({ prefill: text }));
  const close = () => setRequest(undefined);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setRequest({})}>
        Import…
      </button>
      <Modal open={request !== undefined} title="Import magnus pipeline" onClose={close}>
        <Suspense fallback={<p role="status">Loading…</p>}>
          <ImportForm prefill={request?.prefill} onDone={close} />
        </Suspense>
      </Modal>
    </>
  );
}
