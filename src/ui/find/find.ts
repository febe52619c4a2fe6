/**
 * Finding steps by name or command, at any depth (inside parallel, map and dag steps). Pure: the
 * find box shows the matches and selects them; the canvas brings a selected step into view.
 */
import { walkSteps } from '../../core/model/paths';
import type { Pipeline, StepType } from '../../core/model/types';

export interface StepMatch {
  path: string;
  name: string;
  type: StepType;
  /** Where the query was found: the name wins over the command. */
  field: 'name' | 'command';
  /** The task's command, shown when it is what matched. */
  command?: string;
  /** The groups the step is inside, outermost first (empty for the pipeline's own steps). */
  within: string[];
}

/** Steps whose name or command contains the query (case and surrounding spaces ignored), in list order. */
export function findSteps(pipeline: Pipeline, query: string): StepMatch[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const matches: StepMatch[] = [];
  const groups: { path: string; name: string }[] = [];
  for (const { step, path, graphPath } of walkSteps(pipeline.dag)) {
    while (groups.length > 0 && !graphPath.startsWith(groups[groups.length - 1].path + '.')) groups.pop();
    const field = step.name.toLowerCase().includes(needle)
      ? 'name'
      : step.type === 'task' && step.command?.toLowerCase().includes(needle)
        ? 'command'
        : undefined;
    if (field) {
      const command = field === 'command' && step.type === 'task' ? { command: step.command } : {};
      matches.push({ path, name: step.name, type: step.type, field, ...command, within: groups.map((g) => g.name) });
    }
    if (step.type === 'parallel' || step.type === 'map' || step.type === 'dag') groups.push({ path, name: step.name });
  }
  return matches;
}

/** The index `delta` places on from `current` in a list of `count`, wrapping around (-1: none yet). */
export function cycleIndex(current: number, count: number, delta: number): number {
  if (count === 0) return -1;
  if (current < 0) return delta >= 0 ? 0 : count - 1;
  return (((current + delta) % count) + count) % count;
}
