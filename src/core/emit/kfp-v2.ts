import type { Pipeline } from '../model/types';
import { toYaml } from '../yaml/stringify';
import { executeSingleNode } from './command';
import { needsGraphShape } from './graph-plan';
import type { EmitOptions, EmitResult } from './options';
import { addCachedV2Container, cachedRootTask, emptyParts, inputPlaceholder, retryBackoff, RUN_ID_INPUT, type V2Parts } from './kfp-v2-container';
import { caching, emitV2Graphs, parameterExports } from './kfp-v2-graph';
import { parameterText } from './parameters';
import { planLinear, plannedVolumes, type PlannedVolume } from './plan';
import { identity, pipelineContext } from './fragment-cache';

export const SCHEMA_VERSION = '2.1.0';
/** Free text the backend does not read; says honestly who compiled the spec. */
export const SDK_VERSION = 'kfp-designer-0.1.0';

type Yaml = Record<string, unknown>;

/**
 * KFP v2: a PipelineSpec (IR) plus a kfp-kubernetes PlatformSpec, two YAML documents (format doc
 * §2, §4). One component/executor per container; both generations of resource fields and secret/PVC
 * name fields so that backends 2.0–2.4 and ≥2.5 read the same pipeline. Composite steps and
 * on_failure take the graph shape of docs/composite-emission.md (kfp-v2-graph.ts).
 */
export function emitKfpV2(pipeline: Pipeline, options: EmitOptions): EmitResult {
  void options;
  const parts = emptyParts();
  const volumes = plannedVolumes(pipeline);
  const { rootName, rootTasks, diagnostics } = needsGraphShape(pipeline) ? emitV2Graphs(pipeline, parts, volumes) : legacyShape(pipeline, parts, volumes);
  const description = pipeline.dag.description?.trim();
  const spec = {
    components: parts.components,
    deploymentSpec: { executors: parts.executors },
    pipelineInfo: { ...(description ? { description } : {}), name: rootName },
    root: {
      dag: { tasks: rootTasks },
      ...(pipeline.parameters.length > 0
        ? {
            inputDefinitions: {
              parameters: Object.fromEntries(
                pipeline.parameters.map((p) => [p.name, { defaultValue: parameterText(p.value), isOptional: true, parameterType: 'STRING' }]),
              ),
            },
          }
        : {}),
    },
    schemaVersion: SCHEMA_VERSION,
    sdkVersion: SDK_VERSION,
  };
  const platform = { platforms: { kubernetes: { deploymentSpec: { executors: parts.platformExecutors } } } };
  return { text: `${toYaml(spec)}---\n${toYaml(platform)}`, diagnostics };
}


function legacyShape(pipeline: Pipeline, parts: V2Parts, volumes: PlannedVolume[]) {
  const plan = planLinear(pipeline);
  const tasks: Yaml = {};
  const context = pipelineContext(pipeline);
  for (const task of plan.tasks) {
    const parameters = task.isStart ? pipeline.parameters.map((p) => p.name) : [];
    const key = `v2|${context}|${task.name}|${task.isStart ? identity(pipeline.parameters) : '-'}`;
    addCachedV2Container(
      parts,
      task.step,
      key,
      task.name,
      () => ({
        name: task.name,
        argv: executeSingleNode(pipeline, task.path, inputPlaceholder(RUN_ID_INPUT)),
        settings: task.settings(),
        exports: task.isStart ? parameterExports(pipeline) : [],
        inputs: parameters,
      }),
      volumes,
    );
    // own-keys: a Kubernetes name, [-a-z0-9]
    tasks[task.name] = cachedRootTask(parts, task.step, `${key}|${task.after ?? ''}`, task.name, () => ({
      retries: task.retries,
      backoff: task.retries > 0 ? retryBackoff(task.settings()) : undefined,
      caching: caching(pipeline),
      displayName: task.step.name,
      inputs: Object.fromEntries(parameters.map((name) => [name, { componentInputParameter: name }])),
      dependentTasks: task.after ? [task.after] : [],
    }));
  }
  return { rootName: plan.rootName, rootTasks: tasks, diagnostics: plan.diagnostics };
}

