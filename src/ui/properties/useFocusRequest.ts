import { useEffect, useRef } from 'react';
import { fieldIdCandidates } from '../forms/field-id';
import { useDesigner } from '../store/context';

const FOCUSABLE = 'input:not([type=hidden]), select, textarea, button';

/**
 * Focuses the field a focus request names (a click on a diagnostic, say). The store selects the
 * step in the same change, so the form is already rendered when this effect runs; a request for a
 * pipeline-wide field first clears the selection so the pipeline settings show.
 */
export function useFocusRequest() {
  const focus = useDesigner((s) => s.focus);
  const selection = useDesigner((s) => s.selection);
  const select = useDesigner((s) => s.select);
  // Undefined at first: a request made while the panel was loading (it loads after the first
  // paint, see App.tsx) is handled once it shows.
  const handled = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!focus || focus.nonce === handled.current) return;
    if (focus.step === undefined && selection.length > 0) return select([]); // runs again once the settings show
    if (focus.step !== undefined && !(selection.length === 1 && selection[0] === focus.step)) return;
    handled.current = focus.nonce;
    const target = fieldIdCandidates(focus.step, focus.field)
      .map((id) => document.getElementById(id))
      .find((element) => element !== null);
    if (!target) return;
    // A section (the field's row was renamed since, say) gives its first control the focus; an
    // item that is only shown (a profile, an ignored key) takes it itself.
    const control = target.matches(FOCUSABLE) || target.tagName !== 'FIELDSET' ? target : (target.querySelector<HTMLElement>(FOCUSABLE) ?? target);
    control.scrollIntoView({ block: 'center' });
    control.focus({ preventScroll: true });
  }, [focus, selection, select]);
}
