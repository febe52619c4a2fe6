import type { Diagnostic } from '../diagnostics';
import { childGraphs, joinPath } from '../model/paths';
import type { FlowStep, Graph, Pipeline, Step } from '../model/types';
import { describeGraph, error, graphTarget, listNames, quote, stepTarget, warning } from './report';

/**
 * The structure magnus checks per graph (§3.1), for the pipeline's graph and recursively every
 * parallel branch, map branch and loaded nested dag: start_at, next/on_failure targets, cycles,
 * exactly one success and one fail step; plus steps that can never run.
 */
export function validateGraphs(pipeline: Pipeline): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (graph: Graph, path: string, ancestors: GraphAt[]) => {
    diagnostics.push(...checkGraph({ graph, path }, ancestors));
    for (const step of graph.steps) {
      for (const child of childGraphs(step, joinPath(path, step.name))) visit(child.graph, child.path, [{ graph, path }, ...ancestors]);
    }
  };
  visit(pipeline.dag, '', []);
  return diagnostics;
}

interface GraphAt {
  graph: Graph;
  path: string;
}

type EdgeField = 'next' | 'on_failure';

interface Edge {
  from: FlowStep;
  field: EdgeField;
  to: string;
}

const isFlowing = (step: Step): step is FlowStep => step.type !== 'success' && step.type !== 'fail';

function checkGraph(at: GraphAt, ancestors: GraphAt[]): Diagnostic[] {
  const byName = firstByName(at.graph.steps);
  const edges = edgesOf(at.graph);
  const missing = edges.filter((edge) => !byName.has(edge.to));
  return [
    ...checkStartAt(at, byName),
    ...checkNextPresent(at),
    ...missing.map((edge) => missingTarget(at, edge, ancestors)),
    // Like magnus, cycles are looked for only once every edge leads somewhere.
    ...(missing.length === 0 ? checkCycles(at, edges) : []),
    ...checkTerminals(at, 'success'),
    ...checkTerminals(at, 'fail'),
    ...checkReachable(at, byName),
  ];
}

/** With duplicate names (reported elsewhere), the first step is the one a name refers to. */
function firstByName(steps: readonly Step[]): Map<string, Step> {
  const byName = new Map<string, Step>();
  for (const step of steps) if (!byName.has(step.name)) byName.set(step.name, step);
  return byName;
}

function edgesOf(graph: Graph): Edge[] {
  const edges: Edge[] = [];
  for (const step of graph.steps) {
    if (!isFlowing(step)) continue;
    if (step.next) edges.push({ from: step, field: 'next', to: step.next });
    if (step.on_failure) edges.push({ from: step, field: 'on_failure', to: step.on_failure });
  }
  return edges;
}

const stepAt = (at: GraphAt, step: Step, field?: string) => stepTarget({ path: joinPath(at.path, step.name), graphPath: at.path }, field);

function checkStartAt(at: GraphAt, byName: Map<string, Step>): Diagnostic[] {
  const { start_at: startAt } = at.graph;
  const first = at.graph.steps.find(isFlowing)?.name;
  if (startAt === undefined || startAt === '') {
    const example = first !== undefined ? ` (e.g. start_at: ${first})` : '';
    return [error('E_START_AT_MISSING', `${describeGraph(at.path)} has no start_at; name the step that runs first${example}`, graphTarget(at.path, 'start_at'))];
  }
  if (byName.has(startAt)) return [];
  return [
    error(
      'E_START_AT_UNKNOWN',
      `start_at ${quote(startAt)} names no step of ${describeGraph(at.path)}${suggestion(startAt, at.graph.steps)}`,
      graphTarget(at.path, 'start_at'),
    ),
  ];
}

function checkNextPresent(at: GraphAt): Diagnostic[] {
  const success = at.graph.steps.find((s) => s.type === 'success')?.name ?? 'success';
  return at.graph.steps
    .filter(isFlowing)
    .filter((step) => !step.next)
    .map((step) =>
      error(
        'E_NEXT_MISSING',
        `${step.type} step ${quote(step.name)} has no next; say which step runs after it succeeds (e.g. next: ${success})`,
        stepAt(at, step, 'next'),
      ),
    );
}

function missingTarget(at: GraphAt, edge: Edge, ancestors: GraphAt[]): Diagnostic {
  const target = stepAt(at, edge.from, edge.field);
  const owner = ancestors.find((a) => namesOf(a.graph).has(edge.to));
  if (owner) {
    return error(
      'E_TARGET_IN_PARENT_GRAPH',
      `${edge.field}: ${quote(edge.to)} is a step of ${describeGraph(owner.path)}, but next and on_failure can only name steps of the same graph (${describeGraph(at.path)}); so end it at this graph's own success or fail step`,
      target,
    );
  }
  return error(
    'E_TARGET_MISSING',
    `${edge.field}: ${quote(edge.to)} names no step of ${describeGraph(at.path)}${suggestion(edge.to, at.graph.steps)}`,
    target,
  );
}

/**
 * The names of a graph's steps, and the same loosened (case and spacing), built once per graph:
 * a graph of 20,000 steps whose every edge dangles must not search them all for every edge.
 */
const names = new WeakMap<readonly Step[], { exact: Set<string>; loose: Map<string, string> }>();
const loose = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
function namesIn(steps: readonly Step[]) {
  let found = names.get(steps);
  if (!found) {
    found = { exact: new Set(steps.map((s) => s.name)), loose: new Map() };
    for (const s of steps) if (!found.loose.has(loose(s.name))) found.loose.set(loose(s.name), s.name);
    names.set(steps, found);
  }
  return found;
}
const namesOf = (graph: Graph) => namesIn(graph.steps).exact;

/** "; did you mean `Step 2`?" for a name that differs only in case or spacing; else the names there are. */
function suggestion(name: string, steps: readonly Step[]): string {
  const close = namesIn(steps).loose.get(loose(name));
  if (close !== undefined) return `; did you mean ${quote(close)}?`;
  const names = steps.map((s) => s.name);
  return names.length > 0 && names.length <= 12 ? ` (its steps: ${listNames(names)})` : '';
}

/**
 * Depth-first over next ∪ on_failure; every edge back onto the current path closes a cycle, which is
 * reported on the step owning that edge, once per distinct loop.
 */
function checkCycles(at: GraphAt, edges: Edge[]): Diagnostic[] {
  const outgoing = new Map<string, Edge[]>();
  for (const edge of edges) outgoing.set(edge.from.name, [...(outgoing.get(edge.from.name) ?? []), edge]);
  const state = new Map<string, 'open' | 'done'>();
  const seenLoops = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const roots = [at.graph.start_at, ...at.graph.steps.map((s) => s.name)].filter((n): n is string => !!n && outgoing.has(n));

  for (const root of roots) {
    if (state.has(root)) continue;
    // An explicit stack: a long chain of steps must not overflow the call stack.
    const path: { name: string; next: number }[] = [{ name: root, next: 0 }];
    state.set(root, 'open');
    while (path.length > 0) {
      const frame = path[path.length - 1];
      const edge = (outgoing.get(frame.name) ?? [])[frame.next++];
      if (!edge) {
        state.set(frame.name, 'done');
        path.pop();
        continue;
      }
      const seen = state.get(edge.to);
      if (seen === 'open') {
        const loop = path.slice(path.findIndex((f) => f.name === edge.to)).map((f) => f.name);
        const key = canonicalLoop(loop);
        if (!seenLoops.has(key)) {
          seenLoops.add(key);
          diagnostics.push(cycleDiagnostic(at, edge, loop));
        }
      } else if (seen === undefined) {
        state.set(edge.to, 'open');
        path.push({ name: edge.to, next: 0 });
      }
    }
  }
  return diagnostics;
}

/** The same loop entered at another step is the same loop. */
function canonicalLoop(loop: string[]): string {
  const smallest = loop.reduce((best, name, i) => (name < loop[best] ? i : best), 0);
  return [...loop.slice(smallest), ...loop.slice(0, smallest)].join('\u0000');
}

function cycleDiagnostic(at: GraphAt, closing: Edge, loop: string[]): Diagnostic {
  const shown = [...loop, loop[0]].map(quote).join(' → ');
  return error(
    'E_CYCLE',
    `the steps loop: ${shown} (${quote(closing.from.name)}'s ${closing.field} leads back to ${quote(loop[0])}); every path must end at a success or fail step`,
    stepAt(at, closing.from, closing.field),
  );
}

function checkTerminals(at: GraphAt, type: 'success' | 'fail'): Diagnostic[] {
  const terminals = at.graph.steps.filter((s) => s.type === type);
  if (terminals.length === 0) {
    return [
      error(
        type === 'success' ? 'E_SUCCESS_STEP_MISSING' : 'E_FAIL_STEP_MISSING',
        `${describeGraph(at.path)} has no ${type} step; every graph needs exactly one (a step with type: ${type}, usually named ${type})`,
        graphTarget(at.path),
      ),
    ];
  }
  return terminals
    .slice(1)
    .map((extra) =>
      error(
        type === 'success' ? 'E_SUCCESS_STEP_DUPLICATE' : 'E_FAIL_STEP_DUPLICATE',
        `${describeGraph(at.path)} has more than one ${type} step (${listNames(terminals.map((s) => s.name))}); keep only ${quote(terminals[0].name)} and point next/on_failure at it`,
        stepAt(at, extra, 'type'),
      ),
    );
}

/** Legal in magnus (§3.1), but such steps never run, which is rarely what was meant. */
function checkReachable(at: GraphAt, byName: Map<string, Step>): Diagnostic[] {
  const startAt = at.graph.start_at;
  if (!startAt || !byName.has(startAt)) return [];
  const reached = new Set<string>([startAt]);
  const queue = [startAt];
  while (queue.length > 0) {
    const step = byName.get(queue.shift()!);
    if (!step || !isFlowing(step)) continue;
    for (const to of [step.next, step.on_failure]) {
      if (to && byName.has(to) && !reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  return at.graph.steps
    .filter(isFlowing)
    .filter((step) => !reached.has(step.name))
    .map((step) =>
      warning(
        'W_STEP_UNREACHABLE',
        `${quote(step.name)} is never reached from start_at ${quote(startAt)}: no next or on_failure leads to it, so it will not run`,
        stepAt(at, step),
      ),
    );
}
