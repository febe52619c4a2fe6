import { memo, startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { connect, disconnect, type EdgeKind } from '../../../core/model/actions';
import { joinPath } from '../../../core/model/paths';
import type { Step } from '../../../core/model/types';
import { afterNextFrame } from '../../common/next-frame';
import { SelectField } from '../../forms/ChoiceFields';
import { fieldId } from '../../forms/field-id';
import { sameMessages, type FieldMessage } from '../../forms/field-messages';
import { useDesignerStore } from '../../store/context';
import { edgeChoices } from './edge-choices';
import type { StepFormProps } from './step-form-props';

const sameNamesAndTypes = (a: readonly Step[], b: readonly Step[]) =>
  a === b || (a.length === b.length && a.every((s, i) => s === b[i] || (s.name === b[i].name && s.type === b[i].type)));

/**
 * The graph's steps as last rendered while their names and types are the same: a keystroke in the
 * form changes `graph.steps` (one step replaced), which must not rebuild a thousand options.
 */
function useStepChoices(steps: readonly Step[]): readonly Step[] {
  const kept = useRef(steps);
  if (!sameNamesAndTypes(kept.current, steps)) kept.current = steps;
  return kept.current;
}

/** `next` / `on_failure`: a step of the same graph, drawn through connect so a cycle is refused with the reason. */
export function EdgePicker({ visit, messages, kind, label, hint }: StepFormProps & { kind: EdgeKind; label: string; hint: string }) {
  const { step, path, graph, graphPath } = visit;
  const current = (step.type !== 'success' && step.type !== 'fail' ? step[kind] : undefined) ?? '';
  const steps = useStepChoices(graph.steps);
  return <EdgeField path={path} graphPath={graphPath} name={step.name} steps={steps} current={current} kind={kind} label={label} hint={hint} found={messages(kind)} />;
}

interface EdgeFieldProps {
  path: string;
  graphPath: string;
  name: string;
  steps: readonly Step[];
  current: string;
  kind: EdgeKind;
  label: string;
  hint: string;
  found: FieldMessage[];
}

/**
 * False until the field is painted (edge-choices.ts says why), then true for as long as it is shown.
 * The options are rendered as a transition, in slices between which keystrokes are handled: at
 * 5,000 steps in one task they took ~180 ms.
 */
function useTrueAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => (painted ? undefined : afterNextFrame(() => startTransition(() => setPainted(true)))), [painted]);
  return painted;
}

/** Skipped by React while nothing it shows changed: a keystroke elsewhere in the form leaves it alone. */
const EdgeField = memo(
  function EdgeField({ path, graphPath, name, steps, current, kind, label, hint, found }: EdgeFieldProps) {
    const store = useDesignerStore();
    const [refused, setRefused] = useState<{ path: string; target: string; message: string }>();
    const listed = useTrueAfterFirstPaint();
    const options = useMemo(() => edgeChoices(steps, name, current, listed), [steps, name, current, listed]);
    const choose = (target: string) => {
      const { apply } = store.getState();
      const ok = apply((p) => (target === '' ? disconnect(p, path, kind) : connect(p, path, joinPath(graphPath, target), kind)));
      setRefused(ok ? undefined : { path, target, message: store.getState().notice?.text ?? 'refused' });
    };
    const shownRefusal = refused?.path === path ? [{ severity: 'error' as const, text: `${refused.target} was not set: ${refused.message}` }] : [];
    return <SelectField id={fieldId(path, kind)} label={label} value={current} options={options} hint={hint} messages={[...shownRefusal, ...found]} onChange={choose} />;
  },
  (before, after) =>
    before.path === after.path &&
    before.graphPath === after.graphPath &&
    before.name === after.name &&
    before.steps === after.steps &&
    before.current === after.current &&
    before.kind === after.kind &&
    before.label === after.label &&
    before.hint === after.hint &&
    sameMessages(before.found, after.found),
);
