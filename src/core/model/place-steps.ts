/**
 * The quick half of a paste: steps already read from a copied fragment (clipboard.ts) added to a
 * graph. No YAML here, so the page can place what its reader worker read without loading the parser.
 */
import { ownValue, setOwn } from '../own';
import { isFlowing, uniqueStepName, updateGraph } from './actions';
import { joinPath } from './paths';
import type { Graph, Pipeline, Position, Step } from './types';

/** What a copied fragment holds: its step names in the text's order, the steps, and their positions relative to the first. */
export interface CopiedSteps {
  names: string[];
  steps: Step[];
  layout: Record<string, Position>;
}

export interface PasteOptions {
  graphPath?: string;
  at?: Position;
}

export interface PasteResult {
  pipeline: Pipeline;
  /** Paths of the pasted steps, in the target graph. */
  paths: string[];
}

/**
 * Adds copied steps to a graph. Names are made unique there (`train` → `train 2`) and edges
 * between pasted steps follow the renames; an edge to a step outside the fragment is kept if the
 * target graph has a step of that name, else dropped.
 */
export function placeCopiedSteps(pipeline: Pipeline, copied: CopiedSteps, options: PasteOptions = {}): PasteResult {
  const graphPath = options.graphPath ?? '';
  const { steps } = copied;
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
  next = { ...next, layout: { ...next.layout, ...pastedLayout(copied, renames, graphPath, options.at) } };
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

function pastedLayout({ steps, layout: copiedLayout }: CopiedSteps, renames: Map<string, string>, graphPath: string, at: Position | undefined): Record<string, Position> {
  const layout: Record<string, Position> = {};
  const base = at ?? { x: 40, y: 40 };
  steps.forEach((step, index) => {
    const newPath = joinPath(graphPath, renames.get(step.name)!);
    const relative = ownValue(copiedLayout, step.name) ?? { x: 0, y: index * 96 };
    setOwn(layout, newPath, { x: base.x + relative.x, y: base.y + relative.y });
    for (const [path, position] of Object.entries(copiedLayout)) {
      if (path.startsWith(`${step.name}.`)) setOwn(layout, newPath + path.slice(step.name.length), position);
    }
  });
  return layout;
}
