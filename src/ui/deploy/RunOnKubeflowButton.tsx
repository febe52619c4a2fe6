import { lazy, Suspense, useState } from 'react';
import { refusedWhileErrors } from '../download/download';
import { Modal } from '../import/Modal';
import { useDesignerStore } from '../store/context';
import { deploySource, type DeploySource } from './deploy-source';

// The form, the deploy client and its YAML reading load when the dialog first opens, not with the page.
const DeployForm = lazy(() => import('./DeployForm').then((m) => ({ default: m.DeployForm })));

/** "Run on Kubeflow…": refused, like the download, while the pipeline has errors. */
export function RunOnKubeflowButton() {
  const store = useDesignerStore();
  // Taken when the dialog opens: the modal dialog keeps the pipeline from changing under it.
  const [source, setSource] = useState<DeploySource | undefined>();
  const close = () => setSource(undefined);
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        title="Upload this pipeline to Kubeflow Pipelines and start a run"
        onClick={() => {
          if (!refusedWhileErrors(store, 'Not sent to Kubeflow')) setSource(deploySource(store));
        }}
      >
        Run on Kubeflow…
      </button>
      <Modal open={source !== undefined} title="Run on Kubeflow" onClose={close}>
        <Suspense fallback={<p role="status">Loading…</p>}>{source && <DeployForm source={source} onDone={close} />}</Suspense>
      </Modal>
    </>
  );
}
