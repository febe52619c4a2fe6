import { useDesignerStore } from '../store/context';
import { copyText } from '../download/save-file';
import { copiedNotice, shareUrl } from './share-link';

/** Puts the whole pipeline, compressed, into a link (its fragment, which never reaches a server) and copies it. */
export function CopyLinkButton() {
  const store = useDesignerStore();
  const copy = async () => {
    const { notify, history } = store.getState();
    try {
      const { encodeShareFragment } = await import('../../core/share');
      const url = shareUrl(window.location.href, await encodeShareFragment(history.present));
      await copyText(url);
      notify({ kind: 'info', text: copiedNotice(url) });
    } catch (error) {
      notify({ kind: 'error', text: `Could not copy the link: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  return (
    <button type="button" onClick={() => void copy()} title="Copy a link that holds this whole pipeline">
      Copy link
    </button>
  );
}
