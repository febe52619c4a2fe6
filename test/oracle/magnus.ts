import { childGraphs, joinPath } from '../../src/core/model/paths';
import type { Graph, Pipeline, Step } from '../../src/core/model/types';
import { attemptFails, OracleUnsupported, type Run, type Scenario } from './scenario';

/**
 * The reference: magnus's own traversal (magnus-dag-spec §4.8) applied to the model, with nothing
 * of any emitter in between. Branches run one after the other here; the emitted documents may run
 * them concurrently, which changes only the order of `ran`.
 *
 * Retries are those of magnus's orchestrated executors (§9.5, §10): a task or stub gets up to
 * `max_attempts` attempts, each one `execute_single_node` in a container, listed in `ran` each
 * time. A failed attempt of a step without `on_failure` runs the graph's fail step in the same
 * container (the implicit fail) — also when a later attempt succeeds, which then goes on to `next`.
 */
export function runMagnus(pipeline: Pipeline, scenario: Scenario): Run {
  const ran: string[] = [];
  const succeeded = runGraph(pipeline.dag, '', { scenario, ran });
  return { ran, succeeded };
}

interface Traversal {
  scenario: Scenario;
  ran: string[];
}

/** Runs one graph from start_at; true iff it reached its success step. `runtimePath` is the branch's runtime name. */
function runGraph(graph: Graph, runtimePath: string, traversal: Traversal): boolean {
  const byName = new Map(graph.steps.map((s) => [s.name, s]));
  const where = runtimePath === '' ? 'the pipeline' : `branch ${runtimePath}`;
  const failStep = graph.steps.find((s) => s.type === 'fail');
  let current = graph.start_at;
  // Acyclic graphs end within |steps| moves; more means the model is not a valid magnus graph.
  for (let moves = 0; moves <= graph.steps.length; moves++) {
    const step = current === undefined ? undefined : byName.get(current);
    if (!step) throw new OracleUnsupported(where, `no step named ${JSON.stringify(current)}`);
    const runtimeName = joinPath(runtimePath, step.name);
    if (step.type === 'success' || step.type === 'fail') {
      traversal.ran.push(runtimeName);
      return step.type === 'success';
    }
    const failed = !runStep(step, runtimeName, traversal, failStep && joinPath(runtimePath, failStep.name));
    if (failed && !step.on_failure && !failStep) throw new OracleUnsupported(where, 'a step failed and the graph has no fail step');
    current = failed ? step.on_failure || failStep!.name : step.next;
  }
  throw new OracleUnsupported(where, 'the steps loop');
}

/** Runs a task, stub or composite step; true iff it succeeded. `implicitFail` is the runtime name of its graph's fail step. */
function runStep(step: Step, runtimeName: string, traversal: Traversal, implicitFail: string | undefined): boolean {
  switch (step.type) {
    case 'task':
    case 'stub': {
      const attempts = step.max_attempts ?? 1;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        traversal.ran.push(runtimeName);
        if (!attemptFails(traversal.scenario, runtimeName, attempt)) return true;
        // The last failed attempt's implicit fail is the traversal's own move to the fail step.
        if (attempt < attempts && !step.on_failure && implicitFail !== undefined) traversal.ran.push(implicitFail);
      }
      return false;
    }
    case 'parallel':
    case 'dag': {
      if (step.type === 'dag' && !step.graph) throw new OracleUnsupported(runtimeName, 'the nested dag file was not supplied');
      // Every branch runs even after one failed; the step then fails (§4.8).
      const results = childGraphs(step, runtimeName).map((child) => runGraph(child.graph, child.path, traversal));
      return results.every(Boolean);
    }
    case 'map': {
      const items = step.iterate_on === undefined ? undefined : traversal.scenario.items[step.iterate_on];
      if (!items) throw new OracleUnsupported(runtimeName, `the scenario gives no list for iterate_on ${JSON.stringify(step.iterate_on)}`);
      const results = items.map((item) => runGraph(step.branch, joinPath(runtimeName, item), traversal));
      return results.every(Boolean);
    }
    default:
      throw new OracleUnsupported(runtimeName, `step type ${step.type} in the middle of a graph`);
  }
}
