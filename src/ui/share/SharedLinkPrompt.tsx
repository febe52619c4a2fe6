import { useEffect, useState } from 'react';
import { Modal } from '../import/Modal';
import { useDesignerStore } from '../store/context';
import { isReadableShareHash, isShareHash, sizeText, unreadableLinkNotice, withoutFragment } from './share-link';
import './share.css';

/** Once the link has been dealt with, a reload must not ask again. */
const dropFragment = () => window.history.replaceState(window.history.state, '', withoutFragment(window.location.href));

/**
 * A page opened with a shared link (or a link pasted into the address bar of an open page) asks
 * before anything is read: a link is input from anyone, and reading it is the expensive part.
 * Nothing changes (nor is saved over) until the user chooses; Open reads the link off the page's
 * thread, with progress and Cancel, and is one undo step.
 */
export function SharedLinkPrompt() {
  const store = useDesignerStore();
  const [offer, setOffer] = useState<string>();

  useEffect(() => {
    const check = () => {
      const hash = window.location.hash;
      if (!isShareHash(hash)) return;
      if (isReadableShareHash(hash)) return setOffer(hash);
      dropFragment();
      store.getState().notify({ kind: 'error', text: unreadableLinkNotice('it was made by another version of the designer') });
    };
    check();
    window.addEventListener('hashchange', check);
    return () => window.removeEventListener('hashchange', check);
  }, [store]);

  const keep = () => {
    dropFragment();
    setOffer(undefined);
  };
  const open = async () => {
    if (!offer) return;
    dropFragment();
    setOffer(undefined);
    try {
      // The reader is loaded only for links that are opened.
      const { openSharedLink } = await import('./open-link');
      await openSharedLink(offer, store);
    } catch (error) {
      store.getState().notify({ kind: 'error', text: unreadableLinkNotice(`the reader could not be loaded (${String(error)})`) });
    }
  };

  return (
    <Modal open={offer !== undefined} title="Open shared pipeline" onClose={keep}>
      {offer && (
        <div className="share-offer">
          <p>This link holds a pipeline ({sizeText(offer.length)} compressed).</p>
          <p>Opening it replaces the pipeline you are working on; Undo brings yours back.</p>
          <div className="modal-actions">
            <button type="button" onClick={() => void open()}>
              Open
            </button>
            <button type="button" data-autofocus onClick={keep}>
              Keep my pipeline
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
