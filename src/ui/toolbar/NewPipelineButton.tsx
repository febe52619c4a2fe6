import { useState } from 'react';
import { Modal } from '../import/Modal';
import { useDesignerStore } from '../store/context';
import { newPipeline } from './new-pipeline';

/** Starts over, after asking; the old pipeline is one Undo away. */
export function NewPipelineButton() {
  const store = useDesignerStore();
  const [asking, setAsking] = useState(false);
  const create = () => {
    setAsking(false);
    store.getState().replace(newPipeline());
  };
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setAsking(true)}>
        New pipeline
      </button>
      <Modal open={asking} title="Discard current pipeline?" onClose={() => setAsking(false)}>
        <p className="modal-lead">It is replaced by a new pipeline with a single task. Undo brings the current one back.</p>
        <div className="modal-actions">
          <button type="button" onClick={create}>
            Create new pipeline
          </button>
          <button type="button" data-autofocus onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      </Modal>
    </>
  );
}
