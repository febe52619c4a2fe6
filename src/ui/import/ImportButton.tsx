import { useState } from 'react';
import { ImportForm } from './ImportForm';
import { Modal } from './Modal';
import { usePasteToImport } from './usePasteToImport';

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
        <ImportForm prefill={request?.prefill} onDone={close} />
      </Modal>
    </>
  );
}
