import { useEffect, useRef, useState } from 'react';
import type { Pipeline } from '../../core/model/types';
import { Modal } from '../import/Modal';
import { withAutoLayout } from '../layout/auto-layout';
import { useDesignerStore } from '../store/context';
import type { SharedLink } from './open-shared';
import { CORRUPT_LINK_NOTICE, isShareHash, withoutFragment } from './share-link';
import './share.css';

type Offer = { pipeline: Pipeline; summary: string };

/** Once the link has been dealt with, a reload must not ask again. */
const dropFragment = () => window.history.replaceState(window.history.state, '', withoutFragment(window.location.href));

/**
 * A page opened with a shared link (or a link pasted into the address bar of an open page) offers
 * the link's pipeline instead of replacing the work at hand: nothing changes (nor is saved over)
 * until the user chooses, and Open is one undo step.
 */
export function SharedLinkPrompt() {
  const store = useDesignerStore();
  const [offer, setOffer] = useState<Offer>();
  const reading = useRef<string | undefined>(undefined);

  useEffect(() => {
    const check = async () => {
      const hash = window.location.hash;
      if (!isShareHash(hash) || reading.current === hash) return;
      reading.current = hash;
      let link: SharedLink = { ok: false };
      try {
        // The importer is loaded only for pages opened with a link.
        const { readSharedLink } = await import('./open-shared');
        link = await readSharedLink(hash);
      } catch {
        // the importer could not be loaded: said below like any unreadable link
      }
      if (reading.current !== hash) return; // another link arrived meanwhile
      reading.current = undefined;
      if (!link.ok) {
        dropFragment();
        store.getState().notify({ kind: 'error', text: CORRUPT_LINK_NOTICE });
        return;
      }
      setOffer({ pipeline: link.pipeline, summary: link.summary });
    };
    void check();
    const onHashChange = () => void check();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [store]);

  const keep = () => {
    dropFragment();
    setOffer(undefined);
  };
  const open = async () => {
    if (!offer) return;
    // A layout that fails (worker blocked) is no reason to lose the pipeline: the canvas places unplaced steps itself.
    const placed = await withAutoLayout(offer.pipeline, { onlyMissing: true }).catch(() => offer.pipeline);
    store.getState().replace(placed);
    dropFragment();
    setOffer(undefined);
    store.getState().notify({ kind: 'info', text: 'Opened the shared pipeline. Undo brings yours back.' });
  };

  return (
    <Modal open={offer !== undefined} title="Open shared pipeline" onClose={keep}>
      {offer && (
        <div className="share-offer">
          <p>This link holds a pipeline: {offer.summary}.</p>
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
