import { findStep } from '../../core/model/paths';
import { useDesigner, usePipeline } from '../store/context';

/** Several steps selected: what they are. Batch editing of their shared settings goes here later. */
export function SelectionSummary({ paths }: { paths: readonly string[] }) {
  const pipeline = usePipeline();
  const select = useDesigner((s) => s.select);
  return (
    <div className="properties-form">
      <h2>{paths.length} steps selected</h2>
      <ul className="selection-list">
        {paths.map((path) => (
          <li key={path}>
            <button type="button" className="link-button" onClick={() => select([path])}>
              {path}
            </button>{' '}
            <span className="field-hint">({findStep(pipeline, path)?.step.type})</span>
          </li>
        ))}
      </ul>
      <p className="field-hint">Select one step to edit it.</p>
    </div>
  );
}
