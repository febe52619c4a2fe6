// The cross-reference rules of src/core/check/kfp-v2-rules.ts and kfp-v2-triggers.ts, applied to
// the facts the vouch kept (facts.ts) once the whole text is read.
import {
  COMPONENT_WORDS, COMPONENTS, DEFINITION_WORDS, DEFINITIONS, definitionScope, EXECUTOR_WORDS, EXECUTORS, EXIT, HAS_ITEMS, ITERATES, REF_COMPONENT_INPUT, REF_CONDITION, REF_DEPENDENCY, REF_FINAL_STATUS, REF_ITEMS_INPUT, REF_PLACEHOLDER, REF_PLATFORM_EXECUTOR, REF_PRODUCER, REF_SUPPLIED, REFERENCE_WORDS, REFERENCES, SCOPE_COMPONENTS, SCOPE_EXECUTORS, setTaskFlag, suppliedScope, TASK_WORDS, TASKS, tasksScope, taskWord,
} from './facts';
import { count, find, fnv, NONE, rec, sameBytes } from './memory';

/**
 * Whether every rule holds, given whether the header did (schemaVersion and the pipeline's name);
 * `textLength` sets the rules' budget.
 */
export function rulesHold(headerOk: bool, textLength: u32): bool {
  budget = <i64>textLength * 4;
  // Root (component 0) is a DAG.
  if (!headerOk || load<u32>(rec(COMPONENTS, COMPONENT_WORDS, 0, 1)) == 0) return false;
  // The other components: each runs an executor that exists, or is a DAG.
  for (let c: u32 = 1; c < count(COMPONENTS); c++) {
    const labelAt = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 3));
    if (labelAt == NONE) {
      if (load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 1)) == 0) return false;
      continue;
    }
    const e = find(SCOPE_EXECUTORS, load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 5)), <usize>labelAt, load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 4)));
    if (e == NONE) return false;
    // The components that run executor e, a list through word 0.
    store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 0), load<u32>(rec(EXECUTORS, EXECUTOR_WORDS, e, 0)));
    store<u32>(rec(EXECUTORS, EXECUTOR_WORDS, e, 0), c);
  }
  // Tasks: each names a component; each DAG's tasks and exit tasks counted.
  for (let t: u32 = 0; t < count(TASKS); t++) {
    const refAt = taskWord(t, 0);
    if (refAt == NONE) return false;
    const c = find(SCOPE_COMPONENTS, taskWord(t, 2), <usize>refAt, taskWord(t, 1));
    if (c == NONE || c == 0) return false;
    store<u32>(rec(TASKS, TASK_WORDS, t, 3), c);
    const dag = taskWord(t, 4);
    const tasks = rec(COMPONENTS, COMPONENT_WORDS, dag, 8);
    store<u32>(tasks, load<u32>(tasks) + 1);
    if (taskWord(t, 5) & EXIT) {
      // An ALL_UPSTREAM_TASKS_COMPLETED task is an exit hook of the one task it waits for (kfp-v2-triggers.ts).
      if (taskWord(t, 9) != 1) return false;
      const exits = rec(COMPONENTS, COMPONENT_WORDS, dag, 9);
      store<u32>(exits, load<u32>(exits) + 1);
    }
  }
  for (let c: u32 = 0; c < count(COMPONENTS); c++) {
    const tasks = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 8));
    if (tasks > 0 && load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 9)) == tasks) return false;
  }
  for (let r: u32 = 0; r < count(REFERENCES); r++) if (!referenceHolds(r)) return false;
  // Every required input of a task's component is supplied (but a loop's item).
  for (let t: u32 = 0; t < count(TASKS); t++) {
    const flags = taskWord(t, 5);
    const c = taskWord(t, 3);
    const itemAt = taskWord(t, 6);
    const itemLength = taskWord(t, 7);
    if (flags & ITERATES) {
      if (itemAt == NONE || !(flags & HAS_ITEMS) || find(definitionScope(c, 0, 0), fnv(<usize>itemAt, <usize>(itemAt + itemLength)), <usize>itemAt, itemLength) == NONE) return false;
    }
    const from = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 6));
    const to = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 7));
    if (!spend(to - from)) return false;
    for (let i = from; i < to; i++) {
      if (load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 0)) != 0 || load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 5)) == 0) continue;
      const kind = load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 1));
      const at = load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 2));
      const length = load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 3));
      if (kind == 0 && itemAt != NONE && length == itemLength && sameBytes(<usize>at, <usize>itemAt, length)) continue;
      if (find(suppliedScope(t, kind), load<u32>(rec(DEFINITIONS, DEFINITION_WORDS, i, 4)), <usize>at, length) == NONE) return false;
    }
  }
  return true;
}

/**
 * What the rules may still do, in lookups: a few per byte of the text. Each task's component's
 * inputs, and each placeholder's components, are products a hostile text could make quadratic
 * (10,000 tasks of one component of 10,000 optional inputs); past the budget the full check decides.
 */
let budget: i64 = 0;

function spend(lookups: u32): bool {
  budget -= <i64>lookups;
  return budget >= 0;
}

/**
 * The task of `owner`'s DAG named by reference `r`, when it is written before `owner` and is no exit
 * hook: then no wait can close a cycle, and nothing waits for a hook. NONE otherwise.
 */
function earlierTask(owner: u32, r: u32): u32 {
  const at = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 2));
  const t = find(tasksScope(taskWord(owner, 4)), load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 4)), <usize>at, load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 3)));
  return t == NONE || t >= owner || taskWord(t, 5) & EXIT ? NONE : t;
}

/** Whether the rule reference `r` is about holds (kfp-v2-rules.ts, kfp-v2-triggers.ts). */
export function referenceHolds(r: u32): bool {
  const what = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 0));
  const owner = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 1));
  const at = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 2));
  const length = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 3));
  const hash = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 4));
  const kind = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 5));
  switch (what) {
    case REF_DEPENDENCY: {
      const t = earlierTask(owner, r);
      if (t == NONE) return false;
      if (taskWord(owner, 5) & EXIT) {
        // One hook per task, and none on a loop.
        if (taskWord(t, 8) != NONE || taskWord(t, 5) & ITERATES) return false;
        store<u32>(rec(TASKS, TASK_WORDS, t, 8), owner);
      }
      return true;
    }
    case REF_PRODUCER:
    case REF_FINAL_STATUS: {
      if (at == NONE) return true; // no producerTask: nothing to check, no edge
      const t = earlierTask(owner, r);
      if (t == NONE) return false;
      const keyAt = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 6));
      if (what == REF_FINAL_STATUS || keyAt == NONE) return true;
      const keyHash = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 8));
      return find(definitionScope(taskWord(t, 3), 1, kind), keyHash, <usize>keyAt, load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 7))) != NONE;
    }
    case REF_COMPONENT_INPUT:
      return find(definitionScope(taskWord(owner, 4), 0, kind), hash, <usize>at, length) != NONE;
    case REF_SUPPLIED:
      return find(definitionScope(taskWord(owner, 3), 0, kind), hash, <usize>at, length) != NONE;
    case REF_ITEMS_INPUT:
      if (find(suppliedScope(owner, 0), hash, <usize>at, length) == NONE) return false;
      setTaskFlag(owner, HAS_ITEMS);
      return true;
    case REF_CONDITION: {
      // The input it reads is the task's; the KFP backend refuses a condition on an importer.
      if (find(suppliedScope(owner, 0), hash, <usize>at, length) == NONE) return false;
      const labelAt = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, taskWord(owner, 3), 3));
      if (labelAt == NONE) return true;
      const c = taskWord(owner, 3);
      const e = find(SCOPE_EXECUTORS, load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 5)), <usize>labelAt, load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 4)));
      return e != NONE && load<u32>(rec(EXECUTORS, EXECUTOR_WORDS, e, 1)) == 0;
    }
    case REF_PLATFORM_EXECUTOR:
      return find(SCOPE_EXECUTORS, hash, <usize>at, length) != NONE;
    case REF_PLACEHOLDER: {
      const direction = load<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 6));
      for (let c = load<u32>(rec(EXECUTORS, EXECUTOR_WORDS, owner, 0)); c != NONE; c = load<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 0)))
        if (!spend(1) || find(definitionScope(c, direction, kind), hash, <usize>at, length) == NONE) return false;
      return true;
    }
  }
  return false;
}
