/**
 * Copy and paste of steps as magnus YAML: what goes to the system clipboard is a small magnus
 * pipeline file (`dag: {start_at, steps}` plus the designer block with their positions), so it
 * pastes into another tab, another pipeline, or a text editor and back.
 */
import { importMagnus } from '../magnus/import';
import { exportMagnus } from '../magnus/export';
import { isMapping } from '../magnus/import-context';
import { ownValue, setOwn } from '../own';
import { parseYamlSource } from '../yaml/source';
import { ActionError, isFlowing, locateStep, uniqueStepName, updateGraph } from './actions';
import { COPIED_STEPS_HEADER } from './clipboard-header';
import { pipelineOf } from './defaults';
import { joinPath } from './paths';
import type { Graph, Pipeline, Position, Step } from './types';

/** The selected steps of one graph (the first selected step's) as magnus YAML. */
export function copySteps(pipeline: Pipeline, stepPaths: readonly string[]): string {
  if (stepPaths.length === 0) throw new ActionError('select the steps to copy first');
  const { graphPath } = locateStep(pipeline, stepPaths[0]);
  const names = new Set(stepPaths.map((path) => locateStep(pipeline, path)).filter((l) => l.graphPath === graphPath).map((l) => l.name));
  const graph = locateStep(pipeline, stepPaths[0]).graph;
  const steps = graph.steps.filter((s) => names.has(s.name));
  const fragment: Pipeline = {
    ...pipelineOf({ start_at: steps[0].name, steps }),
    layout: relativeLayout(pipeline, graphPath, steps),
  };
  const { dag } = exportMagnus(fragment);
  return COPIED_STEPS_HEADER + dag;
}

/**
 * The selected steps pasted again into their own graph, as one change: the copy gets new names
 * and sits at `at` (the first step; the others keep their places relative to it).
 */
export function duplicateSteps(pipeline: Pipeline, stepPaths: readonly string[], at?: Position): PasteResult {
  if (stepPaths.length === 0) throw new ActionError('select the steps to duplicate first');
  const { graphPath } = locateStep(pipeline, stepPaths[0]);
  return pasteSteps(pipeline, copySteps(pipeline, stepPaths), { graphPath, ...(at ? { at } : {}) });
}

/** Positions of the copied steps (and everything inside them), relative to the first one. */
function relativeLayout(pipeline: Pipeline, graphPath: string, steps: Step[]): Record<string, Position> {
  const origin = ownValue(pipeline.layout, joinPath(graphPath, steps[0].name)) ?? { x: 0, y: 0 };
  const layout: Record<string, Position> = {};
  for (const step of steps) {
    const prefix = joinPath(graphPath, step.name);
    for (const [path, position] of Object.entries(pipeline.layout)) {
      if (path !== prefix && !path.startsWith(`${prefix}.`)) continue;
      const local = path.slice(graphPath === '' ? 0 : graphPath.length + 1);
      setOwn(layout, local, path === prefix ? { x: position.x - origin.x, y: position.y - origin.y } : position);
    }
  }
  return layout;
}

export { COPIED_STEPS_HEADER, isCopiedSteps } from './clipboard-header';

export interface PasteResult {
  pipeline: Pipeline;
  /** Paths of the pasted steps, in the target graph. */
  paths: string[];
}

/**
 * Adds the steps of a copied magnus fragment to a graph. Names are made unique there (`train` →
 * `train 2`) and edges between pasted steps follow the renames; an edge to a step outside the
 * fragment is kept if the target graph has a step of that name, else dropped.
 */
export function pasteSteps(pipeline: Pipeline, text: string, options: { graphPath?: string; at?: Position } = {}): PasteResult {
  const graphPath = options.graphPath ?? '';
  const pastedNames = stepNamesIn(text);
  if (pastedNames.length === 0) throw new ActionError('the clipboard holds no magnus steps (a YAML mapping with dag: steps:)');
  const imported = importMagnus({ dag: { text } });
  if (!imported.pipeline) {
    const first = imported.diagnostics.find((d) => d.severity === 'error');
    throw new ActionError(`the clipboard is not a magnus pipeline${first ? `: ${first.message}${first.line ? ` (line ${first.line})` : ''}` : ''}`);
  }
  const source = imported.pipeline;
  const steps = source.dag.steps.filter((s) => pastedNames.includes(s.name));
  const renames = new Map<string, string>();
  const paths: string[] = [];
  let next = updateGraph(pipeline, graphPath, (graph) => {
    const taken: Graph = { ...graph, steps: [...graph.steps] };
    for (const step of steps) {
      const name = pastedName(taken, step.name);
      renames.set(step.name, name);
      taken.steps.push({ ...step, name });
    }
    const existing = new Set(graph.steps.map((s) => s.name));
    const retarget = (target: string | undefined) => (target === undefined ? undefined : (renames.get(target) ?? (existing.has(target) ? target : undefined)));
    const pasted = steps.map((step) => {
      const renamed: Step = { ...step, name: renames.get(step.name)! };
      if (!isFlowing(renamed)) return renamed;
      const copy = { ...renamed, next: retarget(renamed.next), on_failure: retarget(renamed.on_failure) };
      if (copy.next === undefined) delete copy.next;
      if (copy.on_failure === undefined) delete copy.on_failure;
      return copy;
    });
    paths.push(...pasted.map((s) => joinPath(graphPath, s.name)));
    return { ...graph, steps: [...graph.steps, ...pasted], ...(graph.start_at === undefined && pasted[0] && isFlowing(pasted[0]) ? { start_at: pasted[0].name } : {}) };
  });
  next = { ...next, layout: { ...next.layout, ...pastedLayout(source, steps, renames, graphPath, options.at) } };
  return { pipeline: next, paths };
}

/** A free name for a pasted step: a copy of `train 2` is `train 3`, not `train 2 2`. */
function pastedName(graph: Graph, name: string): string {
  if (!graph.steps.some((s) => s.name === name)) return name;
  const numbered = /^(.*\S) (\d+)$/.exec(name);
  if (!numbered) return uniqueStepName(graph, name);
  const used = new Set(graph.steps.map((s) => s.name));
  for (let n = Number(numbered[2]) + 1; ; n++) if (!used.has(`${numbered[1]} ${n}`)) return `${numbered[1]} ${n}`;
}

function pastedLayout(source: Pipeline, steps: Step[], renames: Map<string, string>, graphPath: string, at: Position | undefined): Record<string, Position> {
  const layout: Record<string, Position> = {};
  const base = at ?? { x: 40, y: 40 };
  steps.forEach((step, index) => {
    const newPath = joinPath(graphPath, renames.get(step.name)!);
    const relative = ownValue(source.layout, step.name) ?? { x: 0, y: index * 96 };
    setOwn(layout, newPath, { x: base.x + relative.x, y: base.y + relative.y });
    for (const [path, position] of Object.entries(source.layout)) {
      if (path.startsWith(`${step.name}.`)) setOwn(layout, newPath + path.slice(step.name.length), position);
    }
  });
  return layout;
}

/** The step names a clipboard text lists under `dag.steps`, in its order (implicit terminals excluded). */
export function stepNamesIn(text: string): string[] {
  const source = parseYamlSource(text);
  const root = source.value;
  if (!isMapping(root) || !isMapping(root.dag) || !isMapping(root.dag.steps)) return [];
  return source.entries(['dag', 'steps'], root.dag.steps).map(([name]) => name);
}


