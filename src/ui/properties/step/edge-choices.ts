import type { Step } from '../../../core/model/types';
import { withCurrent, type Option } from '../../forms/ChoiceFields';

const NONE: Option = { value: '', label: '(none)' };

/**
 * The choices of a `next` / `on_failure` picker: every other step of the graph, or — `listed`
 * false — only the one chosen now, with the same label. A `<select>` of a thousand options costs
 * the task that opens the form ~30 ms to create and style them; the form is painted with the
 * current choice shown, and the rest are listed in a task of their own.
 */
export function edgeChoices(steps: readonly Step[], name: string, current: string, listed: boolean): Option[] {
  const choices = steps.filter((s) => s.name !== name && (listed || s.name === current)).map((s) => ({ value: s.name, label: `${s.name} (${s.type})` }));
  return withCurrent([NONE, ...choices], current, (other) => `${other} (no such step)`);
}
