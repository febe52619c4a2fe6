import { useDesigner, useDesignerStore, usePipeline } from '../store/context';
import { downloadFile } from './download';
import { downloadFileName, type DownloadKind } from './file-names';

const KINDS: readonly { kind: DownloadKind; label: string }[] = [
  { kind: 'pipeline', label: 'Download pipeline.yaml' },
  { kind: 'dag', label: 'Download dag.yaml' },
  { kind: 'config', label: 'Download config.yaml' },
  { kind: 'parameters', label: 'Download parameters.yaml' },
];

/** One button per file; the tooltip says the name the file is saved under. */
export function DownloadButtons() {
  const store = useDesignerStore();
  const pipeline = usePipeline();
  const target = useDesigner((s) => s.target);
  const hasParameters = pipeline.parameters.length > 0;
  return (
    <>
      {KINDS.filter(({ kind }) => kind !== 'parameters' || hasParameters).map(({ kind, label }) => (
        <button
          key={kind}
          type="button"
          title={`Saves ${downloadFileName(pipeline, kind)}${kind === 'pipeline' ? ` (${target === 'kfp-v1' ? 'KFP v1' : 'KFP v2'})` : ''}`}
          onClick={() => downloadFile(store, kind)}
        >
          {label}
        </button>
      ))}
    </>
  );
}
