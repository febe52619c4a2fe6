import { deleteSteps, setStartStep } from '../../../core/model/actions';
import { useDesigner, useDesignerStore } from '../../store/context';
import type { StepNodeData } from '../derive-flow';

/**
 * Buttons over the one selected step. Inside the node so Tab reaches them right after the node;
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
        <button type="button" onClick={makeStart}>
          Make start step
        </button>
      )}
      <button type="button" onClick={remove}>
        Delete step
      </button>
    </div>
  );
}
