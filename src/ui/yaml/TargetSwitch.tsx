import type { EmitTarget } from '../../core/emit/index';
import { useDesigner } from '../store/context';

const TARGETS: readonly { target: EmitTarget; label: string }[] = [
  { target: 'kfp-v2', label: 'KFP v2' },
  { target: 'kfp-v1', label: 'KFP v1' },
];

/** Which Kubeflow Pipelines version pipeline.yaml is generated for. */
export function TargetSwitch() {
  const target = useDesigner((s) => s.target);
  const setTarget = useDesigner((s) => s.setTarget);
  return (
    <div role="radiogroup" aria-label="Target" className="target-switch">
      {TARGETS.map((t) => (
        <label key={t.target}>
          <input type="radio" name="yaml-target" value={t.target} checked={target === t.target} onChange={() => setTarget(t.target)} />
          {t.label}
        </label>
      ))}
    </div>
  );
}
