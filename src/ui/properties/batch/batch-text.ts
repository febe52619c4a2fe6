import type { StepType } from '../../../core/model/types';
import type { BatchValue } from './batch-edit';

/** "overridden on 2 of 3 steps", "inherited on all 3 steps": the badge word and the rest. */
export function batchStatus(value: Pick<BatchValue, 'overridden' | 'total' | 'mixed'>): { badge: 'inherited' | 'overridden'; from: string } {
  const { overridden, total } = value;
  const differ = value.mixed ? '; the values differ' : '';
  const all = total === 1 ? 'the one step' : total === 2 ? 'both steps' : `all ${total} steps`;
  if (overridden === 0) return { badge: 'inherited', from: `on ${all}${differ}` };
  if (overridden === total) return { badge: 'overridden', from: `on ${all}${differ}` };
  return { badge: 'overridden', from: `on ${overridden} of ${total} steps${differ}` };
}

/** The placeholder of an empty batch field: that the steps differ, else the value they all run with. */
export const batchPlaceholder = (value: Pick<BatchValue, 'mixed' | 'common'>, fallback?: string): string | undefined =>
  value.mixed ? 'mixed' : value.common || fallback;

const WHY: Partial<Record<StepType, string>> = {
  parallel: 'runs no container of its own',
  map: 'runs no container of its own',
  dag: 'runs no container of its own',
  success: 'has no retries',
  fail: 'has no retries',
};

export const stepsText = (n: number) => `${n} ${n === 1 ? 'step' : 'steps'}`;

/** "Skipped: `p` (parallel, runs no container of its own)." — or nothing when every step takes the setting. */
export function skippedText(what: string, skipped: readonly { path: string; type: StepType }[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const list = skipped.map((s) => `${s.path} (${s.type}${WHY[s.type] ? `: ${WHY[s.type]}` : ''})`).join(', ');
  return `${what} skip ${skipped.length === 1 ? 'one selected step' : `${skipped.length} selected steps`}: ${list}.`;
}
