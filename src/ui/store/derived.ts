/**
 * Everything the UI shows about a pipeline besides the pipeline itself — diagnostics, the emitted
 * Kubeflow YAML, the exported magnus files — computed from the model and cached, so each is
 * computed once per change, however many components ask.
 *
 * Validation and emission never read the canvas layout, so they are cached by the pipeline's
 * semantic parts: moving a node (a new pipeline whose only new part is `layout`) re-runs neither,
 * which on a 1,000-step pipeline is most of a second. The magnus export carries the positions, so
 * it is cached by the whole pipeline. Actions share the parts they do not change (see
 * core/model/actions), so comparing the parts by identity is exact and costs nothing.
 */
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics';
import type { EmitResult, EmitTarget } from '../../core/emit/index';
import type { MagnusExport } from '../../core/magnus/export';
import { walkSteps } from '../../core/model/paths';
import type { Pipeline } from '../../core/model/types';
import type { DerivedSeed } from './derive-seed';
import { engine, loadEngine } from './engine';
import { afterCanvasShows } from '../common/canvas-shown';

export type { DerivedSeed };

/** What validation and emission read; `layout` is the one part they never do. */
const SEMANTIC_PARTS = ['dag', 'executor', 'services', 'parameters', 'variables', 'files', 'tag'] as const satisfies readonly (keyof Pipeline)[];

export const sameSemantics = (a: Pipeline, b: Pipeline): boolean => a === b || SEMANTIC_PARTS.every((part) => a[part] === b[part]);

/**
 * `compute` once per pipeline object, and once per semantic version: a value is reused for any
 * pipeline that differs only in its layout from one computed (or primed) before, whatever was asked
 * in between — a pasted dag is primed, the canvas validates the old pipeline while it catches up,
 * then the pasted one laid out, which shares the primed one's semantics. Older versions stay cached
 * while their pipeline objects live (in the undo history), so undo and redo cost nothing either.
 */
interface Memoized<T> {
  (pipeline: Pipeline): T;
  /** Gives the value computed elsewhere (in a worker) for this pipeline. */
  prime: (pipeline: Pipeline, value: T) => void;
}

/** Semantic versions remembered per `dag` object (edits of the executor or parameters share one). */
const VERSIONS_PER_DAG = 8;

function memoizeSemantic<T>(compute: (pipeline: Pipeline) => T): Memoized<T> {
  const byPipeline = new WeakMap<Pipeline, { value: T }>();
  const byDag = new WeakMap<Pipeline['dag'], { pipeline: Pipeline; value: T }[]>();
  const remember = (pipeline: Pipeline, value: T) => {
    byPipeline.set(pipeline, { value });
    const versions = byDag.get(pipeline.dag) ?? [];
    if (versions.length === 0) byDag.set(pipeline.dag, versions);
    versions.unshift({ pipeline, value });
    if (versions.length > VERSIONS_PER_DAG) versions.pop();
  };
  const memoized = (pipeline: Pipeline) => {
    const entry = byPipeline.get(pipeline);
    if (entry) return entry.value;
    const same = byDag.get(pipeline.dag)?.find((version) => sameSemantics(version.pipeline, pipeline));
    const value = same ? same.value : compute(pipeline);
    remember(pipeline, value);
    return value;
  };
  memoized.prime = remember;
  return memoized;
}

function memoizeByIdentity<T>(compute: (pipeline: Pipeline) => T): Memoized<T> {
  const cache = new WeakMap<Pipeline, { value: T }>();
  const memoized = (pipeline: Pipeline) => {
    let entry = cache.get(pipeline);
    if (!entry) cache.set(pipeline, (entry = { value: compute(pipeline) }));
    return entry.value;
  };
  memoized.prime = (pipeline: Pipeline, value: T) => void cache.set(pipeline, { value });
  return memoized;
}

/**
 * The list computed last, again, for a change that leaves the diagnostics as they were (most
 * keystrokes): the canvas derives its nodes from the pipeline and its diagnostics, and a new but
 * equal list made it walk a long pipeline's steps a second time after every keystroke, when the
 * diagnostics caught up; the Problems list and the forms skip their render too. (The comparison
 * is the engine's: only lists the engine made are compared.)
 */
function unlessUnchanged(): (next: Diagnostic[]) => Diagnostic[] {
  let last: Diagnostic[] | undefined;
  return (next) => (last !== undefined && engine().sameDiagnostics(last, next) ? last : (last = next));
}

const lastValidation = unlessUnchanged();
export const validation: Memoized<Diagnostic[]> = memoizeSemantic((pipeline) => lastValidation(engine().validate(pipeline)));

/** Per pipeline, the targets emitted so far: switching back to a target does not emit again. */
const emissions = memoizeSemantic(() => new Map<EmitTarget, EmitResult>());

export function emitted(pipeline: Pipeline, target: EmitTarget): EmitResult {
  const byTarget = emissions(pipeline);
  let result = byTarget.get(target);
  if (!result) byTarget.set(target, (result = engine().emitPipeline(pipeline, { target })));
  return result;
}

/**
 * Takes a seed as the derived values of `pipeline` (the object the store will hold, which shares the
 * seed's semantics), and warms the emitter for the edits to come (see warmUpWhenIdle).
 */
export function primeDerived(pipeline: Pipeline, seed: DerivedSeed) {
  validation.prime(pipeline, seed.validation);
  emissions.prime(pipeline, new Map([[seed.target, seed.emission]]));
  if (seed.exported) exported.prime(pipeline, seed.exported);
  warmUpWhenIdle(pipeline, seed.target);
}

/**
 * Up to this many steps a cold emission fits the page's budget for one task (~100 ms, measured
 * ~65 ms at 1,000 KFP v2 steps on a 2-core machine), and so does the export; longer pipelines are
 * left to their first edit.
 */
export const WARM_UP_MAX_STEPS = 1_500;

/**
 * A seed carries the emitted text but not the rendered steps an edit reuses (the emitter keeps them
 * per step object, and the seed was emitted in the worker): without them the first keystroke
 * after an import re-renders every step (~0.1 s at 1,000 steps, the slowest keystroke). Emitting
 * the pipeline once while the page is idle renders them (once the engine is loaded), not before the
 * canvas shows it (canvas-shown.ts). Exported for tests.
 */
export function warmUpWhenIdle(pipeline: Pipeline, target: EmitTarget, whenIdle: (work: () => void) => void = (work) => void afterCanvasShows(pipeline).then(() => idle(work))): boolean {
  if (!warmsUp(pipeline)) return false;
  whenIdle(
    () =>
      void loadEngine().then((loaded) => {
        loaded.emitPipeline(pipeline, { target });
        // The magnus export keeps its written steps the same way (the dag.yaml tab after an edit): in a task of its own.
        whenIdle(() => loaded.exportMagnus(pipeline));
      }),
  );
  return true;
}

/** Whether the emitter is warmed for `pipeline` when it is taken (WARM_UP_MAX_STEPS). */
export function warmsUp(pipeline: Pipeline): boolean {
  let steps = 0;
  for (const _ of walkSteps(pipeline.dag)) if (++steps > WARM_UP_MAX_STEPS) return false;
  return true;
}

export const idle = (work: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(work, { timeout: 2_000 }) : setTimeout(work, 200));

export const exported: Memoized<MagnusExport> = memoizeByIdentity((pipeline) => engine().exportMagnus(pipeline));

const combined = memoizeSemantic(() => new Map<EmitTarget, Diagnostic[]>());
const lastCombined = new Map<EmitTarget, (next: Diagnostic[]) => Diagnostic[]>();

/**
 * Validation and the current target's emitter findings together, errors first. The same array for
 * the same pipeline and target, so components that memoize on it do not recompute.
 */
export function allDiagnostics(pipeline: Pipeline, target: EmitTarget): Diagnostic[] {
  const byTarget = combined(pipeline);
  let diagnostics = byTarget.get(target);
  if (!diagnostics) {
    const emitterFindings = emitted(pipeline, target).diagnostics;
    let unlessSame = lastCombined.get(target);
    if (!unlessSame) lastCombined.set(target, (unlessSame = unlessUnchanged()));
    diagnostics = unlessSame(emitterFindings.length === 0 ? validation(pipeline) : sortDiagnostics([...validation(pipeline), ...emitterFindings]));
    byTarget.set(target, diagnostics);
  }
  return diagnostics;
}

/** The diagnostics of a pipeline as the page first shows them, computed ahead (at build time for the built-in example). */
export interface DiagnosticsSeed {
  target: EmitTarget;
  validation: Diagnostic[];
  all: Diagnostic[];
}

export const diagnosticsSeed = (pipeline: Pipeline, target: EmitTarget): DiagnosticsSeed => ({ target, validation: validation(pipeline), all: allDiagnostics(pipeline, target) });

/**
 * Takes a seed as the diagnostics of `pipeline`: the page draws its badges without the validator
 * and the emitters (its Kubeflow YAML is emitted when the YAML pane, which comes with them, asks).
 */
export function primeDiagnostics(pipeline: Pipeline, seed: DiagnosticsSeed) {
  validation.prime(pipeline, seed.validation);
  combined.prime(pipeline, new Map([[seed.target, seed.all]]));
}

/**
 * Diagnostics per step path (a composite's include its branches'), for node badges. One about a
 * branch graph as a whole (its start_at, an emitter's refusal of it) counts for the composite
 * that owns the branch: the canvas finds the nearest drawn step of the graph's path.
 */
export function diagnosticsByStep(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byStep = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const path = d.step ?? (d.graph ? d.graph : undefined);
    if (path === undefined || d.severity === 'info') continue;
    const list = byStep.get(path) ?? [];
    list.push(d);
    byStep.set(path, list);
  }
  return byStep;
}
