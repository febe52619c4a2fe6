import type { EmitTarget } from '../../core/emit/index';
import { useDesigner } from '../store/context';

const TARGETS: readonly { target: EmitTarget; label: string }[] = [
  { target: 'kfp-v2', label: 'KFP v2' },
  { target: 'kfp-v1', label: 'KFP v1' },
  { target: 'argo', label: 'Argo' },
];

/** What pipeline.yaml is generated for: a Kubeflow Pipelines version, or plain Argo Workflows. */
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
