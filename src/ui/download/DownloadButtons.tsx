import { useDeferredPipeline, useDesigner, useDesignerStore } from '../store/context';
import { downloadFile } from './download';
import { downloadFileName } from './file-names';
import { MagnusDownloads } from './MagnusDownloads';

const TARGET_LABELS = { 'kfp-v2': 'KFP v2', 'kfp-v1': 'KFP v1', argo: 'Argo' } as const;

/**
 * pipeline.yaml, the file this designer is for, as a button named "Download pipeline.yaml" (the
 * tooltip says the name it is saved under), and the magnus files in a menu — so the toolbar is one
 * row, the same whichever files the pipeline has.
 */
export function DownloadButtons() {
  const store = useDesignerStore();
  // For the tooltip only (a download reads the store when clicked): a keystroke in a form need not
  // render the toolbar before the field shows it.
  const pipeline = useDeferredPipeline();
  const target = useDesigner((s) => s.target);
  return (
    <>
      <button type="button" aria-label="Download pipeline.yaml" title={`Saves ${downloadFileName(pipeline, 'pipeline')} (${TARGET_LABELS[target]})`} onClick={() => downloadFile(store, 'pipeline')}>
        <span aria-hidden="true">↓ </span>pipeline.yaml
      </button>
      <MagnusDownloads />
    </>
  );
}
