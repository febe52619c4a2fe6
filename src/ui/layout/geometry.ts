/**
 * Where everything sits on the canvas once composite steps are groups: pure geometry from the
 * model's positions and which groups the user collapsed (view state, never in the model).
 *
 * A composite step that is expanded is a group: a header, then one lane per branch graph side by
 * side (a parallel's branches, a map's branch, a nested dag's graph). A lane's steps are stored in
 * `pipeline.layout` relative to the lane's top-left corner, and a lane is as large as its content,
 * so groups grow and shrink with what is inside them, bottom-up, at any depth. A collapsed group,
 * and a dag step whose file was not loaded, is a node of the ordinary size.
 */
import { childGraphs, DAG_BRANCH, joinPath, MAP_BRANCH } from '../../core/model/paths';
import type { Graph, Pipeline, Position, Step } from '../../core/model/types';
import { ownValue } from '../../core/own';

/** The size every step node is drawn at; layout and canvas must agree on it. */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;

/** The group's own part above its lanes: type, name, summary, the collapse button. */
export const GROUP_HEADER = 54;
export const GROUP_PAD = 10;
export const LANE_GAP = 12;
/** A lane's title bar (branch name, "over x as y", the dag file). */
export const LANE_HEADER = 26;
export const LANE_PAD = 18;
/** Where a lane's content starts, in the lane's own coordinates (the layout places steps from here). */
export const CONTENT_LEFT = LANE_PAD;
export const CONTENT_TOP = LANE_HEADER + LANE_PAD;
export const LANE_MIN_WIDTH = NODE_WIDTH + 2 * LANE_PAD;
export const LANE_MIN_HEIGHT = CONTENT_TOP + NODE_HEIGHT + LANE_PAD;

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Position, Size {}

export type LaneKind = 'branch' | 'map' | 'dag';

export interface LaneView {
  /** `lane:<graph path>`: never a step path, so node ids of lanes and steps cannot collide. */
  id: string;
  graphPath: string;
  graph: Graph;
  kind: LaneKind;
  /** What the lane's title bar says. */
  title: string;
  /** Its accessible name. */
  label: string;
  /** Relative to its group. */
  position: Position;
  size: Size;
  /** Added to a stored position to draw it: content left of or above the lane's content corner is moved in. */
  shift: Position;
  steps: StepView[];
}

export interface StepView {
  step: Step;
  path: string;
  graphPath: string;
  /** Relative to the lane it sits in (or the canvas); undefined while the step has no place yet. */
  position: Position | undefined;
  size: Size;
  /** Drawn as a group with its lanes inside. */
  expanded: boolean;
  /** Has branch graphs to show (a dag step whose file was not loaded has none). */
  expandable: boolean;
  lanes: LaneView[];
}

export const laneId = (graphPath: string) => `lane:${graphPath}`;
export const NODE_SIZE: Size = { width: NODE_WIDTH, height: NODE_HEIGHT };

export const isComposite = (step: Step) => step.type === 'parallel' || step.type === 'map' || step.type === 'dag';

/** The accessible name of a lane: `Branch <branch> of <step>` (a map's and a dag's single lane: `Branch of <step>`). */
export function laneLabel(step: Step, branchName: string): string {
  return step.type === 'parallel' ? `Branch ${branchName} of ${step.name}` : `Branch of ${step.name}`;
}

function laneTitle(step: Step, branchName: string): string {
  switch (step.type) {
    case 'parallel':
      return branchName;
    case 'map':
      return `over ${step.iterate_on || '?'} as ${step.iterate_as || '?'}`;
    case 'dag':
      return step.dag_definition || '(no dag_definition)';
    default:
      return branchName;
  }
}

const laneKind = (step: Step, branchName: string): LaneKind =>
  step.type === 'map' || branchName === MAP_BRANCH ? 'map' : step.type === 'dag' && branchName === DAG_BRANCH ? 'dag' : 'branch';

/** The steps of a graph, drawn where the layout puts them, with their sizes (groups measured from their content). */
export function graphView(graph: Graph, graphPath: string, layout: Pipeline['layout'], collapsed: ReadonlySet<string>): StepView[] {
  return graph.steps.map((step) => stepView(step, joinPath(graphPath, step.name), graphPath, layout, collapsed));
}

export function stepView(step: Step, path: string, graphPath: string, layout: Pipeline['layout'], collapsed: ReadonlySet<string>): StepView {
  const position = ownValue(layout, path);
  const children = isComposite(step) ? childGraphs(step, path) : [];
  const expandable = children.length > 0;
  const expanded = expandable && !collapsed.has(path);
  if (!expanded) return { step, path, graphPath, position, size: NODE_SIZE, expanded, expandable, lanes: [] };
  const lanes = children.map((child) => laneView(step, child.name, child.graph, child.path, layout, collapsed));
  const height = Math.max(...lanes.map((l) => l.size.height));
  let x = GROUP_PAD;
  for (const lane of lanes) {
    lane.position = { x, y: GROUP_HEADER };
    lane.size = { width: lane.size.width, height };
    x += lane.size.width + LANE_GAP;
  }
  const size = { width: Math.max(NODE_WIDTH, x - LANE_GAP + GROUP_PAD), height: GROUP_HEADER + height + GROUP_PAD };
  return { step, path, graphPath, position, size, expanded, expandable, lanes };
}

function laneView(step: Step, branchName: string, graph: Graph, graphPath: string, layout: Pipeline['layout'], collapsed: ReadonlySet<string>): LaneView {
  const steps = graphView(graph, graphPath, layout, collapsed);
  const placed = steps.filter((s): s is StepView & { position: Position } => s.position !== undefined);
  const minX = Math.min(CONTENT_LEFT, ...placed.map((s) => s.position.x));
  const minY = Math.min(CONTENT_TOP, ...placed.map((s) => s.position.y));
  const shift = { x: CONTENT_LEFT - minX, y: CONTENT_TOP - minY };
  let right = 0;
  let bottom = 0;
  for (const s of placed) {
    right = Math.max(right, s.position.x + shift.x + s.size.width);
    bottom = Math.max(bottom, s.position.y + shift.y + s.size.height);
  }
  return {
    id: laneId(graphPath),
    graphPath,
    graph,
    kind: laneKind(step, branchName),
    title: laneTitle(step, branchName),
    label: laneLabel(step, branchName),
    position: { x: 0, y: 0 },
    size: { width: Math.max(LANE_MIN_WIDTH, right + LANE_PAD), height: Math.max(LANE_MIN_HEIGHT, bottom + LANE_PAD) },
    shift,
    steps,
  };
}

/** The size a step is drawn at (a group's from its content). */
export const stepSize = (step: Step, path: string, layout: Pipeline['layout'], collapsed: ReadonlySet<string>): Size =>
  isComposite(step) ? stepView(step, path, '', layout, collapsed).size : NODE_SIZE;

/** A lane's place on the canvas, for finding where something was dropped. */
export interface LaneArea extends Rect {
  graphPath: string;
  /** The lane's accessible name (`Branch b of p`). */
  label: string;
  /** The step path of the composite the lane belongs to. */
  owner: string;
  /** Every composite the lane is inside, outermost first (the owner last). */
  owners: string[];
  depth: number;
  /** Added to a stored position inside the lane to draw it. */
  shift: Position;
}

export interface StepArea extends Rect {
  graphPath: string;
}

export interface CanvasGeometry {
  /** Absolute rectangles of every placed step drawn (steps inside collapsed groups are not). */
  steps: Map<string, StepArea>;
  lanes: LaneArea[];
  lanesByGraph: Map<string, LaneArea>;
}

/** Absolute places of the steps and lanes of a view, walking it once. */
export function canvasGeometry(root: readonly StepView[]): CanvasGeometry {
  const steps = new Map<string, StepArea>();
  const lanes: LaneArea[] = [];
  const visit = (views: readonly StepView[], origin: Position, shift: Position, owners: string[]) => {
    for (const view of views) {
      if (!view.position) continue;
      const x = origin.x + view.position.x + shift.x;
      const y = origin.y + view.position.y + shift.y;
      steps.set(view.path, { x, y, ...view.size, graphPath: view.graphPath });
      for (const lane of view.lanes) {
        const lx = x + lane.position.x;
        const ly = y + lane.position.y;
        const inside = [...owners, view.path];
        lanes.push({ x: lx, y: ly, ...lane.size, graphPath: lane.graphPath, label: lane.label, owner: view.path, owners: inside, depth: inside.length, shift: lane.shift });
        visit(lane.steps, { x: lx, y: ly }, lane.shift, inside);
      }
    }
  };
  visit(root, { x: 0, y: 0 }, { x: 0, y: 0 }, []);
  return { steps, lanes, lanesByGraph: new Map(lanes.map((l) => [l.graphPath, l])) };
}

const contains = (r: Rect, p: Position) => p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;

/**
 * The innermost lane under a point, leaving out the lanes inside `exclude` (a step being dragged
 * carries its own lanes along, so they are always under it). Undefined: the pipeline's own graph.
 */
export function laneAt(lanes: readonly LaneArea[], point: Position, exclude?: string): LaneArea | undefined {
  let best: LaneArea | undefined;
  for (const lane of lanes) {
    if (exclude !== undefined && lane.owners.includes(exclude)) continue;
    if (contains(lane, point) && (!best || lane.depth > best.depth)) best = lane;
  }
  return best;
}
