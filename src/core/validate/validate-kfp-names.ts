import type { Diagnostic } from '../diagnostics';
import { capName, commandFriendlyName, kfpName, MAX_NAME_LENGTH, NameAllocator } from '../emit/names';
import { PIPELINE_NAME } from '../emit/plan';
import type { Graph, Pipeline, Step } from '../model/types';
import { quote, stepTarget, warning } from './report';

/**
 * The Kubernetes names the pipeline's own steps get in the output (kfp-output-format §1.4):
 * sanitising can make two names equal (the second gets `-2`), take the pipeline template's name,
 * or exceed 63 characters (capped). Legal, but the names in the KFP UI then surprise.
 */
export function validateKfpNames(pipeline: Pipeline): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const allocator = new NameAllocator();
  const holders = new Map<string, Step>();
  for (const step of emissionOrder(pipeline.dag)) {
    const target = stepTarget({ path: step.name, graphPath: '' }, 'name');
    const base = kfpName(commandFriendlyName(step.name));
    const wanted = capName(base);
    const name = allocator.allocate(base);
    holders.set(name, step);
    if (base.length > MAX_NAME_LENGTH) {
      diagnostics.push(
        warning(
          'W_KFP_NAME_LONG',
          `step ${quote(step.name)} becomes a ${base.length}-character Kubernetes name, capped at ${MAX_NAME_LENGTH} as ${quote(wanted)}; a shorter step name keeps it readable`,
          target,
        ),
      );
    }
    const holder = holders.get(wanted);
    // Two steps of one name are reported as duplicates already.
    if (name !== wanted && holder && holder.name !== step.name) {
      diagnostics.push(
        warning(
          'W_KFP_NAME_COLLISION',
          `steps ${quote(holder.name)} and ${quote(step.name)} both become the Kubernetes name ${quote(wanted)}, so ${quote(step.name)} is emitted as ${quote(name)}; rename one to keep the names predictable`,
          target,
        ),
      );
    }
  }
  const pipelineTemplate = kfpName(PIPELINE_NAME);
  const clash = holders.get(pipelineTemplate);
  if (clash) {
    const renamed = new NameAllocator(holders.keys()).allocate(pipelineTemplate);
    diagnostics.push(
      warning(
        'W_KFP_NAME_PIPELINE_CLASH',
        `step ${quote(clash.name)} becomes ${quote(pipelineTemplate)}, the name of the pipeline's own template, which is then called ${quote(renamed)}; rename the step to keep them apart`,
        stepTarget({ path: clash.name, graphPath: '' }, 'name'),
      ),
    );
  }
  return diagnostics;
}

/**
 * The emitters name the `next` chain from start_at first (§9.3), so that order decides which of two
 * colliding steps keeps the plain name; steps off the chain follow in the order written.
 */
function emissionOrder(graph: Graph): Step[] {
  const byName = new Map<string, Step>();
  for (const step of graph.steps) if (!byName.has(step.name)) byName.set(step.name, step);
  const chain = new Set<Step>();
  let current = graph.start_at !== undefined ? byName.get(graph.start_at) : undefined;
  while (current && !chain.has(current)) {
    chain.add(current);
    if (current.type === 'success' || current.type === 'fail') break;
    current = current.next !== undefined ? byName.get(current.next) : undefined;
  }
  return [...chain, ...graph.steps.filter((s) => !chain.has(s))];
}
