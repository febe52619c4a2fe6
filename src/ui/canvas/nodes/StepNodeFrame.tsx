import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import { problemTextId, type StepNodeData } from '../derive-flow';
import { GroupToggleButton } from './GroupToggle';
import { StepActions } from './StepActions';

interface Props {
  id: string;
  data: StepNodeData;
  selected: boolean;
  /** The second line: what this kind of step does. */
  children: ReactNode;
}

/**
 * What every step node has: name, type, markers, problem badge, handles, and actions when
 * selected. A composite has a collapse/expand button; expanded, it is a group whose header is
 * this node's head and body, with its lanes (child nodes) below and its handles on its border.
 */
export function StepNodeFrame({ id, data, selected, children }: Props) {
  const { name, type, problems } = data;
  const severity = problems ? (problems.errors > 0 ? 'error' : 'warning') : undefined;
  const classes = ['step-node', `step-node-${type}`, severity ? `step-node-has-${severity}` : '', data.expanded ? 'step-group' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <Handle type="target" position={Position.Top} id="in" className="step-handle step-handle-in" aria-label={`into ${name}`} title={`Drop a next or on failure here: ${name} runs after that step`} />
      <div className="step-node-head">
        {data.expandable && <GroupToggleButton id={id} name={name} expanded={data.expanded} />}
        <span className="step-node-type">{type}</span>
        <span className="step-node-name" title={name}>
          {name}
        </span>
        {data.isStart && (
          <span className="step-node-start" title="Start step: the graph begins here">
            start
          </span>
        )}
        {problems && (
          <span className={`step-node-problems step-node-problems-${severity}`} role="img" aria-label={`${problems.count} ${problems.count === 1 ? 'problem' : 'problems'}`} title={problems.text}>
            {problems.count}
          </span>
        )}
        {/* The node's accessible description (aria-describedby in derive-flow). */}
        {problems && (
          <span id={problemTextId('node', id)} hidden>
            {problems.text}
          </span>
        )}
      </div>
      <div className="step-node-body">
        <span className="step-node-summary">{children}</span>
        {data.overrides.length > 0 && (
          <span className="step-node-overrides" role="img" aria-label={`kfp overrides: ${data.overrides.join(', ')}`} title={`Overrides the kfp settings ${data.overrides.join(', ')}`}>
            ⚙ {data.overrides.length}
          </span>
        )}
      </div>
      {data.flowing && (
        <>
          <Handle type="source" position={Position.Bottom} id="next" className="step-handle step-handle-next" aria-label={`next of ${name}`} title={`next: drag to the step that runs after ${name}`} />
          <Handle
            type="source"
            position={Position.Right}
            id="on_failure"
            className="step-handle step-handle-failure"
            aria-label={`on failure of ${name}`}
            title={`on failure: drag to the step that runs if ${name} fails`}
          />
        </>
      )}
      {selected && <StepActions id={id} data={data} />}
    </div>
  );
}
