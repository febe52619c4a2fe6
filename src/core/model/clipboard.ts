/**
 * Copy and paste of steps as magnus YAML: what goes to the system clipboard is a small magnus
 * pipeline file (`dag: {start_at, steps}` plus the designer block with their positions), so it
 * pastes into another tab, another pipeline, or a text editor and back.
 */
import { importMagnus } from '../magnus/import';
import { exportMagnus } from '../magnus/export';
import { isMapping } from '../magnus/import-context';
import { ownValue, setOwn } from '../own';
import { parseYamlSource, type YamlSource } from '../yaml/source';
import { ActionError, locateStep } from './actions';
import { COPIED_STEPS_HEADER } from './clipboard-header';
import { pipelineOf } from './defaults';
import { joinPath } from './paths';
import { placeCopiedSteps, type CopiedSteps, type PasteOptions, type PasteResult } from './place-steps';
import type { Pipeline, Position, Step } from './types';

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
export type { CopiedSteps, PasteResult } from './place-steps';

/**
 * The steps of a copied magnus fragment, read: the slow half of a paste (the designer runs it in
 * its reader worker), throwing ActionError with the reason when the text holds none.
 */
export function readCopiedSteps(text: string): CopiedSteps {
  const source = parseYamlSource(text);
  const names = namesIn(source);
  if (names.length === 0) {
    // A text too large, or an alias bomb, says so rather than "no steps".
    const broken = source.problems.find((p) => p.severity === 'error');
    if (broken) throw new ActionError(`the clipboard is not a magnus pipeline: ${broken.message}${broken.pos ? ` (line ${broken.pos.line})` : ''}`);
    throw new ActionError('the clipboard holds no magnus steps (a YAML mapping with dag: steps:)');
  }
  const imported = importMagnus({ dag: { text } });
  if (!imported.pipeline) {
    const first = imported.diagnostics.find((d) => d.severity === 'error');
    throw new ActionError(`the clipboard is not a magnus pipeline${first ? `: ${first.message}${first.line ? ` (line ${first.line})` : ''}` : ''}`);
  }
  const { dag, layout } = imported.pipeline;
  return { names, steps: dag.steps.filter((s) => names.includes(s.name)), layout };
}

/**
 * Adds the steps of a copied magnus fragment to a graph. Names are made unique there (`train` →
 * `train 2`) and edges between pasted steps follow the renames; an edge to a step outside the
 * fragment is kept if the target graph has a step of that name, else dropped.
 */
export function pasteSteps(pipeline: Pipeline, text: string, options: PasteOptions = {}): PasteResult {
  return placeCopiedSteps(pipeline, readCopiedSteps(text), options);
}

/** The step names a clipboard text lists under `dag.steps`, in its order (implicit terminals excluded). */
export const stepNamesIn = (text: string): string[] => namesIn(parseYamlSource(text));

function namesIn(source: YamlSource): string[] {
  const root = source.value;
  if (!isMapping(root) || !isMapping(root.dag) || !isMapping(root.dag.steps)) return [];
  return source.entries(['dag', 'steps'], root.dag.steps).map(([name]) => name);
}


