import type { Pipeline } from '../model/types';
import { renderItem, type RenderedYaml } from '../yaml/stringify';
import { identity, pipelineContext, remember } from './fragment-cache';
import { executeSingleNode, fan, mapVariableJson } from './command';
import { argoContainerTemplate, TEMPLATE_INDENT, type ArgoOptions } from './argo-container';
import type { CompositeJob, Incoming, Job, PlannedGraph } from './graph-plan';

const RUN_ID = '{{workflow.parameters.run_id}}';
const input = (name: string) => `{{inputs.parameters.${name}}}`;

type Template = Record<string, unknown> & { name: string };

/**
 * The graph shape in Argo (docs/composite-emission.md): one DAG template per graph, a composite
 * DAG per parallel/map/dag step (fan-out, branches, fan-in), `depends` for next (`.Succeeded`) and
 * on_failure (`.Failed`). DAG templates first, then containers, each in plan order.
 */
export function argoGraphTemplates(pipeline: Pipeline, root: PlannedGraph, options: ArgoOptions): (Template | RenderedYaml)[] {
  const dags: Template[] = [];
  const containers: (Template | RenderedYaml)[] = [];
  const context = `${pipelineContext(pipeline)}|${options.kubeflow}`;
  const visitGraph = (graph: PlannedGraph) => {
    dags.push(dagTemplate(graph.name, graph.mapVariables, graph.jobs.map((job) => jobTask(job, graph.mapVariables))));
    for (const job of graph.jobs) {
      if (job.kind === 'step') {
        const key = `argo|${context}|${job.name}|${graph.mapVariables.join(',')}|${job.receivesParameters ? identity(pipeline.parameters) : '-'}`;
        const template = () =>
          argoContainerTemplate(
            pipeline,
            {
              name: job.name,
              command: executeSingleNode(pipeline, job.path, RUN_ID, mapVariableJson(graph.mapVariables, input)),
              settings: job.settings(),
              retries: job.retries,
              receivesParameters: job.receivesParameters,
              inputs: graph.mapVariables,
              failsTheRun: job.failsTheRun,
            },
            options,
          );
        containers.push(remember(job.step, key, () => renderItem(template(), TEMPLATE_INDENT)));
      } else {
        visitComposite(job, graph.mapVariables);
      }
    }
  };
  const visitComposite = (job: CompositeJob, mapVariables: string[]) => {
    dags.push({ ...dagTemplate(job.name, mapVariables, compositeTasks(job, mapVariables)), ...(job.parallelism ? { parallelism: job.parallelism } : {}) });
    for (const fanJob of [job.fanOut, job.fanIn]) {
      containers.push(
        argoContainerTemplate(
          pipeline,
          {
            name: fanJob.name,
            command: fan(pipeline, job.path, fanJob.mode, RUN_ID, mapVariableJson(mapVariables, input)),
            settings: fanJob.settings,
            retries: 0,
            receivesParameters: fanJob.receivesParameters,
            inputs: mapVariables,
            outputsIterateOn: fanJob.mode === 'out' && job.iterateAs !== undefined,
          },
          options,
        ),
      );
    }
    for (const branch of job.branches) visitGraph(branch.graph);
  };
  visitGraph(root);
  return [...dags, ...containers];
}

function dagTemplate(name: string, inputs: string[], tasks: Record<string, unknown>[]): Template {
  return {
    name,
    ...(inputs.length > 0 ? { inputs: { parameters: inputs.map((p) => ({ name: p })) } } : {}),
    // A failed task must not stop its on_failure target or a composite's fan-in from being scheduled.
    dag: { failFast: false, tasks },
  };
}

const passOn = (mapVariables: string[]) => mapVariables.map((name) => ({ name, value: input(name) }));

function jobTask(job: Job, mapVariables: string[]): Record<string, unknown> {
  const afterOmitted = job.kind === 'step' ? job.afterOmitted : [];
  const depends = afterOmitted.length > 0 ? `(${dependsOn(job.incoming)}) && ${afterOmitted.map((t) => `${t}.Omitted`).join(' && ')}` : dependsOn(job.incoming);
  return {
    name: job.name,
    template: job.name,
    ...(job.incoming.length > 0 ? { depends } : {}),
    ...(mapVariables.length > 0 ? { arguments: { parameters: passOn(mapVariables) } } : {}),
  };
}

const dependsOn = (incoming: Incoming[]) => incoming.map((edge) => `${edge.from}.${edge.on}`).join(' || ');

function compositeTasks(job: CompositeJob, mapVariables: string[]): Record<string, unknown>[] {
  const args = (extra: { name: string; value: string }[] = []) => {
    const parameters = [...passOn(mapVariables), ...extra];
    return parameters.length > 0 ? { arguments: { parameters } } : {};
  };
  const fanOut = { name: job.fanOut.name, template: job.fanOut.name, ...args() };
  const branches = job.branches.map((branch) => ({
    name: branch.name,
    template: branch.name,
    depends: `${job.fanOut.name}.Succeeded`,
    ...(job.iterateAs !== undefined
      ? { withParam: `{{tasks.${job.fanOut.name}.outputs.parameters.iterate-on}}`, ...args([{ name: job.iterateAs, value: '{{item}}' }]) }
      : args()),
  }));
  // Argo ≥3.2 marks a withParam task over an empty list Skipped; the fan-in must run then too.
  const finished = (branch: string) => `(${branch}.Succeeded || ${branch}.Failed${job.iterateAs !== undefined ? ` || ${branch}.Skipped` : ''})`;
  const fanIn = {
    name: job.fanIn.name,
    template: job.fanIn.name,
    // Runs whatever the branches did: it is the fan-in that fails the composite, the magnus way.
    depends: job.branches.map((b) => finished(b.name)).join(' && '),
    ...args(),
  };
  return [fanOut, ...branches, fanIn];
}
