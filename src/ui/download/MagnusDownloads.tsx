import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useDeferredPipeline, useDesigner, useDesignerStore } from '../store/context';
import { downloadFile, downloadNestedFile } from './download';
import { downloadFileName, nestedFileName, nestedFilePaths, type DownloadKind } from './file-names';
import './download.css';

const MAGNUS_FILES: readonly { kind: Exclude<DownloadKind, 'pipeline'>; file: string }[] = [
  { kind: 'dag', file: 'dag.yaml' },
  { kind: 'config', file: 'config.yaml' },
  { kind: 'parameters', file: 'parameters.yaml' },
];

/**
 * The magnus files the pipeline exports to — dag.yaml, config.yaml, parameters.yaml when there are
 * parameters, the nested dag files — in one small menu, each a "Download <file>" button (browsers
 * save files one at a time): the toolbar keeps one layout whichever files there are.
 */
export function MagnusDownloads() {
  const store = useDesignerStore();
  // Deferred, as the files and names shown need not follow a keystroke in a form before its field
  // does (a download reads the store when clicked). Only the graphs matter for the nested files: an
  // edit elsewhere does not walk a long pipeline again.
  const pipeline = useDeferredPipeline();
  const dag = useDeferredValue(useDesigner((s) => s.history.present.dag));
  const nested = useMemo(() => nestedFilePaths(dag), [dag]);
  const files = MAGNUS_FILES.filter(({ kind }) => kind !== 'parameters' || pipeline.parameters.length > 0);
  return (
    <DownloadMenu label="Magnus files" icon="↓ ">
      {files.map(({ kind, file }) => (
        <button key={kind} type="button" title={`Saves ${downloadFileName(pipeline, kind)}`} onClick={() => downloadFile(store, kind)}>
          Download {file}
        </button>
      ))}
      {nested.map((path) => (
        <button key={path} type="button" title={`Saves ${nestedFileName(path)}, the nested dag file a dag step names (dag_definition: ${path})`} onClick={() => downloadNestedFile(store, path)}>
          Download {path}
        </button>
      ))}
    </DownloadMenu>
  );
}

function DownloadMenu({ label, icon, children }: { label: string; icon: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const menuId = useId();
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <div className="download-menu" ref={box}>
      <button type="button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{icon}</span>
        {label}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div id={menuId} className="download-menu-list" role="group" aria-label={label}>
          {children}
        </div>
      )}
    </div>
  );
}
