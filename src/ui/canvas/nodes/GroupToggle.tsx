import type { MouseEvent } from 'react';
import { useGroupToggle } from '../view-state';

/**
 * The button that collapses or expands a group. `nokey` keeps React Flow's node keys out of it,
 * `nodrag` keeps a click a click; the click does not select the step.
 */
export function GroupToggleButton({ id, name, expanded }: { id: string; name: string; expanded: boolean }) {
  const toggle = useGroupToggle();
  const onClick = (event: MouseEvent) => {
    event.stopPropagation();
    toggle(id);
  };
  return (
    <button
      type="button"
      className="group-toggle nodrag nopan nokey"
      aria-label={`${expanded ? 'Collapse' : 'Expand'} ${name}`}
      aria-expanded={expanded}
      title={expanded ? `Collapse ${name} to one node (−)` : `Show the branches of ${name} (+)`}
      onClick={onClick}
    >
      <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
    </button>
  );
}
