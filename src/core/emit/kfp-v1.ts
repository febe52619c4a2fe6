import type { Pipeline } from '../model/types';
import { renderItem, toYaml } from '../yaml/stringify';
import { identity, pipelineContext, remember } from './fragment-cache';
import { argoContainerTemplate, KFP_V1_SDK_VERSION, TEMPLATE_INDENT, type ArgoOptions } from './argo-container';
import { argoGraphTemplates } from './argo-graph';
import { executeSingleNode } from './command';
import { needsGraphShape, planGraphShape } from './graph-plan';
import type { EmitOptions, EmitResult } from './options';
import { parameterText } from './parameters';
import { PIPELINE_NAME, planLinear, plannedVolumes } from './plan';
import { compareNames, pythonJson } from './python-json';
import { toMapping, workflowSettings } from './workflow-settings';

export { KFP_V1_SDK_VERSION };
const RUN_ID = '{{workflow.parameters.run_id}}';
/** The legacy pipeline function's docstring, which kfp put into the pipeline_spec annotation. */
const LEGACY_DESCRIPTION = 'The function that makes the workflow';

type Yaml = Record<string, unknown>;

/**
 * KFP v1: the Argo Workflow the magnus kfp executor produced (§9.3, format doc §1.6), with two
 * deliberate corrections — N attempts become N − 1 retries, and every quantity, retry limit and
 * parameter value is a string. `kubeflow: false` gives the plain Argo Workflow (no KFP metadata).
 * Pipelines with composite steps or on_failure take the graph shape (docs/composite-emission.md).
 */
export function emitKfpV1(pipeline: Pipeline, options: EmitOptions, kubeflow = true): EmitResult {
  const argoOptions: ArgoOptions = { kubeflow, caching: pipeline.executor.enable_caching === true, volumes: plannedVolumes(pipeline) };
  const { entrypoint, templates, diagnostics } = needsGraphShape(pipeline) ? graphShape(pipeline, argoOptions) : legacyShape(pipeline, argoOptions);
  const parameters = pipeline.parameters.map((p) => ({ name: p.name, value: parameterText(p.value) }));
  const workflowParameters = [...parameters, { name: 'run_id', value: '{{workflow.uid}}' }];

  const workflow = workflowSettings(pipeline);
  const metadata: Yaml = { generateName: workflow.generateName ?? `${entrypoint}-` };
  // KFP picks the namespace (the run's profile or experiment): only plain Argo is told one.
  if (!kubeflow && workflow.namespace !== undefined) metadata.namespace = workflow.namespace;
  if (workflow.labels.length > 0) metadata.labels = toMapping(workflow.labels);
  if (workflow.annotations.length > 0) metadata.annotations = toMapping(workflow.annotations);
  if (kubeflow) {
    const description = pipeline.dag.description?.trim().split('\n')[0] || LEGACY_DESCRIPTION;
    metadata.annotations = {
      ...(metadata.annotations as Yaml | undefined),
      'pipelines.kubeflow.org/kfp_sdk_version': KFP_V1_SDK_VERSION,
      ...(options.timestamp ? { 'pipelines.kubeflow.org/pipeline_compilation_time': options.timestamp.toISOString().replace('Z', '') } : {}),
      'pipelines.kubeflow.org/pipeline_spec': pythonJson({
        description,
        inputs: workflowParameters.map((p) => ({ default: p.value, name: p.name })),
        name: PIPELINE_NAME,
      }),
    };
    metadata.labels = { ...(metadata.labels as Yaml | undefined), 'pipelines.kubeflow.org/kfp_sdk_version': KFP_V1_SDK_VERSION };
  }
  // KFP runs every workflow as the run's service account (pipeline-runner unless the run names one).
  const serviceAccount = kubeflow ? 'pipeline-runner' : workflow.serviceAccount;
  const document = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata,
    spec: {
      entrypoint,
      templates,
      arguments: { parameters: workflowParameters },
      ...(serviceAccount !== undefined ? { serviceAccountName: serviceAccount } : {}),
      ...(workflow.parallelism !== undefined ? { parallelism: workflow.parallelism } : {}),
      ...(workflow.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: workflow.activeDeadlineSeconds } : {}),
    },
  };
  return { text: toYaml(document), diagnostics };
}

/** The old plugin's output: the `next` chain as one DAG with `dependencies`, templates sorted by name as kfp did. */
function legacyShape(pipeline: Pipeline, options: ArgoOptions) {
  const plan = planLinear(pipeline);
  const context = `${pipelineContext(pipeline)}|${options.kubeflow}`;
  const containers = plan.tasks.map((task) => {
    const key = `v1|${context}|${task.name}|${task.isStart ? identity(pipeline.parameters) : '-'}`;
    const template = remember(task.step, key, () =>
      renderItem(
        argoContainerTemplate(
          pipeline,
          { name: task.name, command: executeSingleNode(pipeline, task.path, RUN_ID), settings: task.settings(), retries: task.retries, receivesParameters: task.isStart, inputs: [] },
          options,
        ),
        TEMPLATE_INDENT,
      ),
    );
    return { name: task.name, template };
  });
  const dag = {
    name: plan.rootName,
    dag: {
      tasks: [...plan.tasks]
        .sort((a, b) => compareNames(a.name, b.name))
        .map((t) => ({ name: t.name, template: t.name, ...(t.after ? { dependencies: [t.after] } : {}) })),
    },
  };
  const templates = [{ name: dag.name, template: dag }, ...containers].sort((a, b) => compareNames(a.name, b.name)).map((t) => t.template);
  return { entrypoint: plan.rootName, templates, diagnostics: plan.diagnostics };
}

function graphShape(pipeline: Pipeline, options: ArgoOptions) {
  const plan = planGraphShape(pipeline);
  return { entrypoint: plan.root.name, templates: argoGraphTemplates(pipeline, plan.root, options), diagnostics: plan.diagnostics };
}
