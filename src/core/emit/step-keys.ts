import type { PlannedTask } from './plan';

/**
 * The cache keys of a linear KFP v2 emission's steps (kfp-v2.ts), from the last emission's where
 * a task's name, predecessor and start are the same: after a keystroke the unchanged steps' keys
 * are the same strings as before, so each step's kept parts are found by one pointer comparison
 * (fragment-cache.ts). Building 1,000 keys again and comparing them with the kept ones by
 * content was ~0.4 ms of a keystroke's emission.
 */
interface StepKeys {
  prefix: string;
  parameters: number;
  tasks: readonly PlannedTask[];
  keys: string[];
}

let last: StepKeys | undefined;

export function stepKeys(tasks: readonly PlannedTask[], prefix: string, parameters: number): string[] {
  const before = last !== undefined && last.prefix === prefix && last.parameters === parameters && last.tasks.length === tasks.length ? last : undefined;
  const keys = tasks.map((task, i) => {
    const old = before?.tasks[i];
    if (old !== undefined && old.name === task.name && old.after === task.after && old.isStart === task.isStart) return before!.keys[i];
    return `${prefix}${task.name}|${task.isStart ? parameters : '-'}|${task.after ?? ''}`;
  });
  last = { prefix, parameters, tasks, keys };
  return keys;
}
