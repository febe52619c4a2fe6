import { useMemo, useState } from 'react';
import { connect, disconnect, type EdgeKind } from '../../../core/model/actions';
import { joinPath } from '../../../core/model/paths';
import { SelectField, withCurrent } from '../../forms/ChoiceFields';
import { fieldId } from '../../forms/field-id';
import { useDesignerStore } from '../../store/context';
import type { StepFormProps } from './step-form-props';

/** `next` / `on_failure`: a step of the same graph, drawn through connect so a cycle is refused with the reason. */
export function EdgePicker({ visit, messages, kind, label, hint }: StepFormProps & { kind: EdgeKind; label: string; hint: string }) {
  const store = useDesignerStore();
  const [refused, setRefused] = useState<{ path: string; target: string; message: string }>();
  const { step, path, graph, graphPath } = visit;
  const current = (step.type !== 'success' && step.type !== 'fail' ? step[kind] : undefined) ?? '';
  // Rebuilt only when a step is added, removed, renamed or retyped, not on every keystroke in the
  // form (which changes graph.steps too), so SelectField can skip its options.
  const names = graph.steps.map((s) => `${s.name}\n${s.type}`).join('\n');
  const options = useMemo(() => {
    const choices = graph.steps.filter((s) => s.name !== step.name).map((s) => ({ value: s.name, label: `${s.name} (${s.type})` }));
    return withCurrent([{ value: '', label: '(none)' }, ...choices], current, (name) => `${name} (no such step)`);
  }, [names, step.name, current]);
  const choose = (target: string) => {
    const { apply } = store.getState();
    const ok = apply((p) => (target === '' ? disconnect(p, path, kind) : connect(p, path, joinPath(graphPath, target), kind)));
    setRefused(ok ? undefined : { path, target, message: store.getState().notice?.text ?? 'refused' });
  };
  const shownRefusal = refused?.path === path ? [{ severity: 'error' as const, text: `${refused.target} was not set: ${refused.message}` }] : [];
  return (
    <SelectField
      id={fieldId(path, kind)}
      label={label}
      value={current}
      options={options}
      hint={hint}
      messages={[...shownRefusal, ...messages(kind)]}
      onChange={choose}
    />
  );
}
