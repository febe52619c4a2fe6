/**
 * The part of a text shown in a <pre> while the editor loads (or after it failed): a pane's worth
 * and more, never the whole of a long one — laying out the 10 MB pipeline.yaml of 5,000 steps in a
 * <pre> took the page seconds, once when shown and once when replaced. Copy takes the whole text.
 */
import { describeCount } from '../../core/limits';

/** Far more than a pane shows: ~1,500 lines of pipeline.yaml. */
export const PREVIEW_CHARS = 64 * 1024;

export function textPreview(text: string, most = PREVIEW_CHARS): { shown: string; more?: string } {
  if (text.length <= most) return { shown: text };
  const lineEnd = text.lastIndexOf('\n', most - 1);
  const cut = lineEnd > 0 ? lineEnd + 1 : most;
  return { shown: text.slice(0, cut), more: `… ${describeCount(text.length - cut)} more characters (Copy takes the whole text)` };
}
