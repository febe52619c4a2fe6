import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useDesigner, useDesignerStore } from '../store/context';
import { downloadNestedFile } from './download';
import { nestedFileName, nestedFilePaths } from './file-names';
import './download.css';

/**
 * The nested dag files that go with dag.yaml: browsers save files one at a time, so each has its
 * own "Download <path>" button (in a small menu), saved under the file's name.
 */
export function NestedDownloads() {
  const store = useDesignerStore();
  // Only the graphs matter: an edit elsewhere does not walk a long pipeline again.
  const dag = useDesigner((s) => s.history.present.dag);
  const paths = useMemo(() => nestedFilePaths(dag), [dag]);
  if (paths.length === 0) return null;
  const buttons = paths.map((path) => (
    <button key={path} type="button" title={`Saves ${nestedFileName(path)}, the nested dag file a dag step names (dag_definition: ${path})`} onClick={() => downloadNestedFile(store, path)}>
      Download {path}
    </button>
  ));
  // A menu: paths are long, and the toolbar has no room for a button each.
  return <NestedMenu count={paths.length}>{buttons}</NestedMenu>;
}

function NestedMenu({ count, children }: { count: number; children: ReactNode }) {
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
    <div className="nested-downloads" ref={box}>
      <button type="button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        Nested dag files ({count}) ▾
      </button>
      {open && (
        <div id={menuId} className="nested-downloads-menu" role="group" aria-label="Nested dag files">
          {children}
        </div>
      )}
    </div>
  );
}
