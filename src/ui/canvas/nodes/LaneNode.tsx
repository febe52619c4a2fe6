import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { LaneNode as LaneNodeType } from '../derive-flow';
import { useDropTarget } from '../view-state';

const ICONS = { branch: '⎇', map: '↻', dag: '↪' } as const;

/**
 * One branch graph inside a group: its title bar (branch name, "over x as y", or the dag file)
 * and the area its steps (child nodes) sit in. Steps are dropped onto it to go into that graph.
 */
export const LaneNode = memo(function LaneNode({ data }: NodeProps<LaneNodeType>) {
  const target = useDropTarget() === data.graphPath;
  return (
    <div className={`lane lane-${data.ownerType}${target ? ' lane-drop-target' : ''}`}>
      <div className="lane-title" title={data.title}>
        <span aria-hidden="true" className="lane-icon">
          {ICONS[data.kind]}
        </span>
        {data.kind === 'dag' ? <code>{data.title}</code> : <span>{data.title}</span>}
      </div>
      {data.empty && <p className="lane-empty">Drop steps here</p>}
    </div>
  );
});
