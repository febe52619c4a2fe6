import { useDesigner, useDesignerStore, usePipeline } from '../store/context';
import { downloadFile } from './download';
import { downloadFileName, type DownloadKind } from './file-names';
import { NestedDownloads } from './NestedDownloads';

const KINDS: readonly { kind: DownloadKind; label: string }[] = [
  { kind: 'pipeline', label: 'Download pipeline.yaml' },
  { kind: 'dag', label: 'Download dag.yaml' },
  { kind: 'config', label: 'Download config.yaml' },
  { kind: 'parameters', label: 'Download parameters.yaml' },
];

const TARGET_LABELS = { 'kfp-v2': 'KFP v2', 'kfp-v1': 'KFP v1', argo: 'Argo' } as const;

/** One button per file (nested dag files after dag.yaml); the tooltip says the name the file is saved under. */
export function DownloadButtons() {
  const store = useDesignerStore();
  const pipeline = usePipeline();
  const target = useDesigner((s) => s.target);
  const hasParameters = pipeline.parameters.length > 0;
  return (
    <>
      {KINDS.filter(({ kind }) => kind !== 'parameters' || hasParameters).flatMap(({ kind, label }) => [
        <button
          key={kind}
          type="button"
          title={`Saves ${downloadFileName(pipeline, kind)}${kind === 'pipeline' ? ` (${TARGET_LABELS[target]})` : ''}`}
          onClick={() => downloadFile(store, kind)}
        >
          {label}
        </button>,
        ...(kind === 'dag' ? [<NestedDownloads key="nested" />] : []),
      ])}
    </>
  );
}
