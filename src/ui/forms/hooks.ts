import { useMemo, useState } from 'react';
import type { Pipeline } from '../../core/model/types';
import { variableMap } from '../../core/model/variables';
import { useDesigner } from '../store/context';

/**
 * Commits for one form: every keystroke is applied at once (the YAML follows live), and the
 * keystrokes of one field in a row are one undo step until the field loses focus. A choice
 * (checkbox, select, reset button) is one undo step of its own.
 */
export function useFieldEditor(scope: string | undefined) {
  const apply = useDesigner((s) => s.apply);
  const endEdit = useDesigner((s) => s.endEdit);
  return useMemo(
    () => ({
      commit: (field: string, change: (pipeline: Pipeline) => Pipeline) => apply(change, { coalesce: `field:${scope ?? 'global'}:${field}` }),
      once: (change: (pipeline: Pipeline) => Pipeline) => apply(change),
      end: endEdit,
    }),
    [apply, endEdit, scope],
  );
}

export function useVariableMap(): ReadonlyMap<string, string> {
  const variables = useDesigner((s) => s.history.present.variables);
  return useMemo(() => variableMap(variables), [variables]);
}

/**
 * Text being typed for a value the model stores parsed (a number, a list, a typed parameter):
 * shown as typed while the model still holds what it parsed to, so `1.` or a trailing newline
 * survive the round trip; anything else (undo, another step) shows the model's value again.
 */
export function useDraft(scope: string, modelText: string) {
  const [draft, setDraft] = useState<{ scope: string; text: string; committed: string; error?: string }>();
  const live = draft && draft.scope === scope && draft.committed === modelText ? draft : undefined;
  return {
    text: live ? live.text : modelText,
    error: live?.error,
    /** `committed`: the model's text after this edit (unchanged when the text did not parse). */
    typed: (text: string, committed: string, error?: string) => setDraft({ scope, text, committed, error }),
    /** On blur: keep text that did not parse, so it can be fixed; otherwise show the model's. */
    settle: () => setDraft((d) => (d?.error ? d : undefined)),
  };
}
