import type { Parameter, Pipeline, Step } from '../src/core/model/types';

/**
 * A linear pipeline of `size` steps (plus success/fail) with the variety real ones have: overrides
 * on some steps, secrets, retries, parameters. Deterministic, so runs compare.
 */
export function generatePipeline(size: number): Pipeline {
  const steps: Step[] = [];
  for (let i = 0; i < size; i++) {
    const next = i + 1 < size ? `step ${i + 1}` : 'success';
    const step: Step =
      i % 5 === 4
        ? { name: `step ${i}`, type: 'stub', next }
        : { name: `step ${i}`, type: 'task', command_type: 'shell', command: `python -m job.part_${i}`, next, ...(i % 3 === 0 ? { max_attempts: 3 } : {}) };
    if (i % 7 === 0) step.kfp = [{ key: 'memory_limit', value: `${1 + (i % 4)}Gi` }, { key: 'gpu_limit', value: '1' }];
    if (i % 11 === 0) step.kfp = [...(step.kfp ?? []), { key: 'secrets_from_k8s', value: [{ env: 'TOKEN', ref: `tok-${i}:value` }] }];
    steps.push(step);
  }
  steps.push({ name: 'success', type: 'success' }, { name: 'fail', type: 'fail' });
  const parameters: Parameter[] = [
    { name: 'lr', value: 0.01 },
    { name: 'epochs', value: 10 },
  ];
  return {
    dag: { start_at: 'step 0', description: `generated pipeline of ${size} steps`, steps },
    executor: {
      docker_image: 'registry.example.com/team/job:1.0',
      cpu_limit: '1',
      memory_limit: '2Gi',
      secrets_from_k8s: [{ env: 'AWS_KEY', ref: 'aws:key' }],
      persistent_volumes: [{ claim: 'data', mountPath: '/mnt/data' }],
      profiles: [],
    },
    services: [{ key: 'run_log_store', type: 'k8s-pvc', config: { persistent_volume_name: 'logs', mount_path: '/mnt/logs' } }],
    parameters,
    variables: [],
    files: { dag: 'pipeline/dag.yaml', config: 'pipeline/config.yaml', parameters: 'pipeline/params.yaml' },
    layout: {},
  };
}

/** A canvas position for every step, as a pipeline drawn (or saved) by the designer has. */
export const withPositions = (pipeline: Pipeline): Pipeline => ({
  ...pipeline,
  layout: Object.fromEntries(pipeline.dag.steps.map((s, i) => [s.name, { x: (i % 2) * 260, y: i * 110 }])),
});

/** A chain of tasks inside one graph, ending in its own success/fail steps. */
function chainGraph(prefix: string, length: number, tail?: Step): { start_at: string; steps: Step[] } {
  const steps: Step[] = [];
  for (let i = 0; i < length; i++) {
    const next = i + 1 < length ? `${prefix} ${i + 1}` : (tail?.name ?? 'success');
    steps.push({ name: `${prefix} ${i}`, type: 'task', command_type: 'shell', command: `python -m job.${prefix}_${i}`, next });
  }
  if (tail) steps.push(tail);
  steps.push({ name: 'success', type: 'success' }, { name: 'fail', type: 'fail' });
  return { start_at: steps[0].name, steps };
}

/**
 * About `size` steps spread over nested composites: a chain of parallel steps of three branches,
 * each branch a chain of tasks followed by a map whose branch is another chain of tasks.
 */
export function generateNestedPipeline(size: number): Pipeline {
  const base = generatePipeline(1);
  const perParallel = 3 * (10 + 1 + 20 + 4) + 3;
  const parallels = Math.max(1, Math.round(size / perParallel));
  const steps: Step[] = [];
  for (let p = 0; p < parallels; p++) {
    const branches = [0, 1, 2].map((b) => {
      const map: Step = {
        name: 'fan out items',
        type: 'map',
        iterate_on: 'items',
        iterate_as: 'item',
        next: 'success',
        branch: chainGraph('item step', 20),
      };
      return { name: `branch_${b}`, graph: chainGraph('prepare', 10, map) };
    });
    steps.push({ name: `stage ${p}`, type: 'parallel', next: p + 1 < parallels ? `stage ${p + 1}` : 'success', branches });
  }
  steps.push({ name: 'success', type: 'success' }, { name: 'fail', type: 'fail' });
  return { ...base, parameters: [...base.parameters, { name: 'items', value: ['a', 'b'] }], dag: { start_at: 'stage 0', description: `about ${size} steps in nested parallel and map steps`, steps } };
}

/**
 * The linear pipeline of `size` steps with on_failure on every tenth step, all into one handler
 * (a step several steps lead to) that ends at the fail step: KFP v2's status-wrapped steps,
 * conditions and a region called from each of them.
 */
export function generateOnFailurePipeline(size: number): Pipeline {
  const pipeline = generatePipeline(size);
  const steps = pipeline.dag.steps.map((step, i): Step => (i % 10 === 0 && step.type === 'task' ? { ...step, on_failure: 'notify' } : step));
  steps.splice(size, 0, { name: 'notify', type: 'task', command_type: 'shell', command: 'python -m job.notify', next: 'fail' });
  return { ...pipeline, dag: { ...pipeline.dag, description: `generated pipeline of ${size} steps, every tenth with on_failure`, steps } };
}
