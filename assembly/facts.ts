// The facts the vouch keeps as it reads (kfp-v2-vouch.ts) for the cross-reference rules (rules.ts):
// components, their input and output definitions, tasks, executors, and the references to check
// once everything is read, in record tables (memory.ts), and the scopes their names are entered in.
import { add, count, fnv, NONE, rec } from './memory';

// Name scopes of the hash table: fixed ones, then per component and direction and kind, per task
// and kind, and one per other mapping (its keys must not repeat).
export const SCOPE_COMPONENTS: u32 = 1;
export const SCOPE_EXECUTORS: u32 = 2;
export const SCOPE_DEFINITIONS: u32 = 16;
export const SCOPE_TASKS: u32 = 0x20000000;
export const SCOPE_SUPPLIED: u32 = 0x40000000;
export const SCOPE_MAPPINGS: u32 = 0x80000000;
export const COMPONENT_WORDS: u32 = 10; // next component of its executor, has a DAG, -, label at, length, hash, first definition, definitions end, tasks, exit tasks
export const DEFINITION_WORDS: u32 = 6; // direction, kind, name at, length, hash, required
export const TASK_WORDS: u32 = 10; // reference at, length, hash, component, DAG (its component), flags, item input at, length, hooked by, dependencies
export const ITERATES: u32 = 1;
export const EXIT: u32 = 2;
export const HAS_ITEMS: u32 = 4;
export const EXECUTOR_WORDS: u32 = 2; // the first component that runs it (then each component's next), is an importer
export const REFERENCE_WORDS: u32 = 9; // what, task or executor, name at, length, hash, kind, key at, key length, key hash

// What each reference is checked for once everything is read.
export const REF_DEPENDENCY: u32 = 1;
export const REF_PRODUCER: u32 = 2;
export const REF_FINAL_STATUS: u32 = 3;
export const REF_COMPONENT_INPUT: u32 = 4;
export const REF_SUPPLIED: u32 = 5;
export const REF_PLATFORM_EXECUTOR: u32 = 6;
export const REF_PLACEHOLDER: u32 = 7;
export const REF_ITEMS_INPUT: u32 = 8;
export const REF_CONDITION: u32 = 9;

// Record tables, each growing as it fills: per table its address, count, capacity and words per record.
export const COMPONENTS: u32 = 0;
export const DEFINITIONS: u32 = 1;
export const TASKS: u32 = 2;
export const EXECUTORS: u32 = 3;
export const REFERENCES: u32 = 4;

/** Words per record of each table, by its index above. */
export const RECORD_WORDS: StaticArray<u32> = [COMPONENT_WORDS, DEFINITION_WORDS, TASK_WORDS, EXECUTOR_WORDS, REFERENCE_WORDS];

@inline export function definitionScope(component: u32, direction: u32, kind: u32): u32 {
  return SCOPE_DEFINITIONS + component * 4 + direction * 2 + kind;
}

@inline export function tasksScope(component: u32): u32 {
  return SCOPE_TASKS + component;
}

@inline export function suppliedScope(task: u32, kind: u32): u32 {
  return SCOPE_SUPPLIED + task * 2 + kind;
}

/** Adds a reference record; its index. */
export function reference(what: u32, owner: u32, at: usize, end: usize, kind: u32): u32 {
  const r = add(REFERENCES);
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 0), what);
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 1), owner);
  storeName(REFERENCES, REFERENCE_WORDS, r, 2, at, end);
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 5), kind);
  store<u32>(rec(REFERENCES, REFERENCE_WORDS, r, 6), NONE);
  return r;
}

export function setTaskFlag(task: u32, flag: u32): void {
  const flags = rec(TASKS, TASK_WORDS, task, 5);
  store<u32>(flags, load<u32>(flags) | flag);
}

@inline export function taskWord(task: u32, field: u32): u32 {
  return load<u32>(rec(TASKS, TASK_WORDS, task, field));
}

/** A new component record, with no label, DAG, definitions or tasks yet; its index. */
export function newComponent(): u32 {
  const c = add(COMPONENTS);
  memory.fill(rec(COMPONENTS, COMPONENT_WORDS, c, 0), 0, COMPONENT_WORDS << 2);
  store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 3), NONE);
  store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 6), count(DEFINITIONS));
  store<u32>(rec(COMPONENTS, COMPONENT_WORDS, c, 7), count(DEFINITIONS));
  return c;
}

/** Name [at, end) into words `field`, `field + 1` and `field + 2` of a record: its offset, length and hash. */
export function storeName(table: u32, words: u32, index: u32, field: u32, at: usize, end: usize): void {
  store<u32>(rec(table, words, index, field), <u32>at);
  store<u32>(rec(table, words, index, field + 1), <u32>(end - at));
  store<u32>(rec(table, words, index, field + 2), fnv(at, end));
}
