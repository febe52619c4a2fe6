/**
 * What only the canvas knows: which groups are collapsed (view state — never in the pipeline, so
 * collapsing makes no undo step) and which lane a drag is over. Two contexts, so a drag that
 * moves the highlight re-renders the lanes only.
 */
import { createContext, useCallback, useContext, useState } from 'react';

export interface GroupToggle {
  /** Collapses or expands the group of a composite step; `expand` forces one way. */
  toggle: (path: string, expand?: boolean) => void;
}

export const GroupToggleContext = createContext<GroupToggle>({ toggle: () => {} });
/** The graph path of the lane a dragged step or palette entry would land in, if it changes graph. */
export const DropTargetContext = createContext<string | undefined>(undefined);

export const useGroupToggle = () => useContext(GroupToggleContext).toggle;
export const useDropTarget = () => useContext(DropTargetContext);

export function useCollapsedGroups() {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((path: string, expand?: boolean) => {
    setCollapsed((current) => {
      const expanding = expand ?? current.has(path);
      if (expanding !== current.has(path)) return current;
      const next = new Set(current);
      if (expanding) next.delete(path);
      else next.add(path);
      return next;
    });
  }, []);
  /** Expands every group that hides one of these step paths. */
  const reveal = useCallback((paths: readonly string[]) => {
    setCollapsed((current) => {
      const hiding = [...current].filter((group) => paths.some((p) => p.startsWith(group + '.')));
      if (hiding.length === 0) return current;
      const next = new Set(current);
      for (const group of hiding) next.delete(group);
      return next;
    });
  }, []);
  return { collapsed, toggle, reveal };
}
