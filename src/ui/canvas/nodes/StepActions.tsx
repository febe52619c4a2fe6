import { deleteSteps, setStartStep } from '../../../core/model/actions';
import { useDesigner, useDesignerStore } from '../../store/context';
import type { StepNodeData } from '../derive-flow';

/**
 * Small buttons over the one selected step, at its right end: the middle of its top is where the
 * label of the incoming next sits. Inside the node so Tab reaches them right after the node;
 * `nokey` keeps React Flow's node keys (Enter selects) out of them, `nodrag` keeps clicks clicks.
 */
export function StepActions({ id, data }: { id: string; data: StepNodeData }) {
  const store = useDesignerStore();
  const onlySelected = useDesigner((s) => s.selection.length === 1);
  if (!onlySelected) return null;
  const makeStart = () => store.getState().apply((p) => setStartStep(p, id));
  const remove = () => {
    const { apply, select, selection } = store.getState();
    if (apply((p) => deleteSteps(p, [id]))) select(selection.filter((path) => path !== id && !path.startsWith(id + '.')));
  };
  return (
    <div className="step-actions nodrag nopan nokey" role="toolbar" aria-label={`Actions for ${data.name}`}>
      {data.flowing && !data.isStart && (
        <button type="button" aria-label="Make start step" title="Make start step" onClick={makeStart}>
          <span aria-hidden="true">⚑</span>
        </button>
      )}
      <button type="button" aria-label="Delete step" title="Delete step" onClick={remove}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
