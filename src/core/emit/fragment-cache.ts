import type { Pipeline } from '../model/types';

/**
 * Rendered parts of emitted pipelines, kept per step object. The model is immutable and shares
 * what an edit does not touch, so an unchanged step is the same object after an edit: its part of
 * a 1,000-step pipeline is reused instead of being rebuilt and re-rendered on every keystroke.
 */
const parts = new WeakMap<object, Kept>();
/** Old contexts of a step (before its settings or neighbours changed) are few and useless. */
const CONTEXTS_PER_STEP = 8;

/**
 * A step's parts under its first key, and under others (a step in several contexts) in a Map made
 * only then: a cold emission of 1,000 steps made 1,000 Maps that nearly all held one entry.
 */
interface Kept {
  key: string;
  value: unknown;
  others?: Map<string, unknown>;
}

export function remember<T>(owner: object, key: string, build: () => T): T {
  const kept = parts.get(owner);
  if (kept === undefined) {
    const value = build();
    parts.set(owner, { key, value });
    return value;
  }
  if (kept.key === key) return kept.value as T;
  let others = kept.others;
  if (others?.has(key)) return others.get(key) as T;
  if (others === undefined) kept.others = others = new Map();
  else if (others.size >= CONTEXTS_PER_STEP - 1) others.clear();
  const value = build();
  others.set(key, value);
  return value;
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A number standing for an object's identity, to build cache keys from (0 for none). */
export function identity(object: object | undefined): number {
  if (object === undefined) return 0;
  let id = ids.get(object);
  if (id === undefined) ids.set(object, (id = nextId++));
  return id;
}

/** What every container of a pipeline depends on besides its own step: settings, variables, files, volumes. */
export const pipelineContext = (pipeline: Pipeline) =>
  `${identity(pipeline.executor)},${identity(pipeline.variables)},${identity(pipeline.files)},${identity(pipeline.services)},${pipeline.tag ?? ''}`;
