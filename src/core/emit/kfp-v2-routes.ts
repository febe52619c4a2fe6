import type { Incoming, Job, PlannedGraph } from './graph-plan';

/**
 * How one graph's steps are routed in KFP v2, which has only AND-ed `dependentTasks` (a task runs
 * when every upstream task succeeded) and conditions over input values (docs/composite-emission.md,
 * "KFP v2"). Independent of how the tasks are spelled.
 *
 * - A *wrapped* job records magnus's outcome in a `status` output and always succeeds, so a
 *   failure can be followed: a step with on_failure, and every step of an *absorbing* graph — a
 *   branch whose failure some enclosing composite with on_failure must be able to follow (a failed
 *   task would fail every DAG around it, up to the run).
 * - A step with one predecessor step runs in that step's DAG, gated by it; a step more than one
 *   step leads to (a join: magnus runs it once, whichever way the run came) heads a *region*: a
 *   DAG component of its own, called from each way in, of which only the one taken runs.
 */
export interface GraphRoutes {
  wrapped: ReadonlySet<string>;
  /** Region heads by job name; the graph's start step heads the graph's own DAG. */
  heads: readonly Job[];
  /** The region (head's job name) each job is in. */
  regionOf: ReadonlyMap<string, string>;
  /** The one way into a job that is not a head. */
  into: ReadonlyMap<string, Route>;
  /** The ways out of each job, in plan order of their targets. */
  out: ReadonlyMap<string, Route[]>;
}

/** From one job to another, on success, on failure or both (`next` and `on_failure` naming the same step). */
export interface Route {
  from: string;
  to: string;
  on: Incoming['on'][];
}

export function routesOf(graph: PlannedGraph, absorbing: boolean): GraphRoutes {
  const wrapped = new Set(graph.jobs.filter((job) => canFail(job) && (absorbing || hasOnFailure(job))).map((job) => job.name));
  const into = new Map<string, Route[]>();
  const out = new Map<string, Route[]>();
  for (const job of graph.jobs) {
    const routes: Route[] = [];
    for (const edge of job.incoming) {
      const known = routes.find((r) => r.from === edge.from);
      if (known) known.on.push(edge.on);
      else routes.push({ from: edge.from, to: job.name, on: [edge.on] });
    }
    into.set(job.name, routes);
    for (const route of routes) out.set(route.from, [...(out.get(route.from) ?? []), route]);
  }
  const heads = graph.jobs.filter((job, i) => i === 0 || into.get(job.name)!.length > 1);
  const headNames = new Set(heads.map((h) => h.name));
  const regionOf = new Map<string, string>();
  // Plan order is the order first reached from the start: a job's one predecessor comes before it.
  for (const job of graph.jobs) {
    regionOf.set(job.name, headNames.has(job.name) ? job.name : regionOf.get(into.get(job.name)![0].from)!);
  }
  const single = new Map([...into].filter(([name]) => !headNames.has(name)).map(([name, routes]) => [name, routes[0]]));
  return { wrapped, heads, regionOf, into: single, out };
}

/** Success and fail steps never fail: magnus's terminal nodes only set their branch's status. */
const canFail = (job: Job) => job.step.type !== 'success' && job.step.type !== 'fail';
const hasOnFailure = (job: Job) => 'on_failure' in job.step && !!job.step.on_failure;
