import { useDesigner, useDesignerStore, usePipeline } from '../store/context';
import { downloadFile } from './download';
import { downloadFileName, type DownloadKind } from './file-names';
import { NestedDownloads } from './NestedDownloads';

const KINDS: readonly { kind: DownloadKind; file: string }[] = [
  { kind: 'pipeline', file: 'pipeline.yaml' },
  { kind: 'dag', file: 'dag.yaml' },
  { kind: 'config', file: 'config.yaml' },
  { kind: 'parameters', file: 'parameters.yaml' },
];

const TARGET_LABELS = { 'kfp-v2': 'KFP v2', 'kfp-v1': 'KFP v1', argo: 'Argo' } as const;

/**
 * One button per file (nested dag files after dag.yaml) under a "Download" caption, each showing
 * its file name (so the toolbar fits one row) and named "Download <file>"; the tooltip says the
 * name the file is saved under.
 */
export function DownloadButtons() {
  const store = useDesignerStore();
  const pipeline = usePipeline();
  const target = useDesigner((s) => s.target);
  const hasParameters = pipeline.parameters.length > 0;
  return (
    <>
      <span className="toolbar-caption" aria-hidden="true">
        Download
      </span>
      {KINDS.filter(({ kind }) => kind !== 'parameters' || hasParameters).flatMap(({ kind, file }) => [
        <button
          key={kind}
          type="button"
          aria-label={`Download ${file}`}
          title={`Saves ${downloadFileName(pipeline, kind)}${kind === 'pipeline' ? ` (${TARGET_LABELS[target]})` : ''}`}
          onClick={() => downloadFile(store, kind)}
        >
          {file}
        </button>,
        ...(kind === 'dag' ? [<NestedDownloads key="nested" />] : []),
      ])}
    </>
  );
}
