import type { Pipeline } from '../model/types';
import { renderEntries, toYaml, yamlKey } from '../yaml/stringify';
import { executeSingleNode } from './command';
import { commandFriendlyName } from './names';
import { identity, pipelineContext, remember } from './fragment-cache';
import { needsGraphShape } from './graph-plan';
import {
  emptyParts,
  inputPlaceholder,
  LaterSteps,
  prefixedKey,
  renderContainerTask,
  renderV2Container,
  retryBackoff,
  RUN_ID_INPUT,
  SharedText,
  type StepText,
  type V2Parts,
} from './kfp-v2-container';
import { caching, emitV2Graphs, parameterExports } from './kfp-v2-graph';
import type { EmitOptions, EmitResult } from './options';
import { piecesResult } from './options';
import { parameterText } from './parameters';
import { planLinear, plannedVolumes, type PlannedTask, type PlannedVolume } from './plan';
import { stepKeys } from './step-keys';

export const SCHEMA_VERSION = '2.1.0';
/** Free text the backend does not read; says honestly who compiled the spec. */
export const SDK_VERSION = 'kfp-designer-0.1.0';

type Yaml = Record<string, unknown>;

/**
 * KFP v2: a PipelineSpec (IR) plus a kfp-kubernetes PlatformSpec, two YAML documents (format doc
 * §2, §4). One component/executor per container; both generations of resource fields and secret/PVC
 * name fields so that backends 2.0–2.4 and ≥2.5 read the same pipeline. Composite steps and
 * on_failure take the graph shape of docs/composite-emission.md (kfp-v2-graph.ts); a linear
 * pipeline is written as pieces of text straight away (linearPieces).
 */
export function emitKfpV2(pipeline: Pipeline, options: EmitOptions): EmitResult {
  void options;
  const volumes = plannedVolumes(pipeline);
  if (needsGraphShape(pipeline)) {
    const parts = emptyParts();
    const { rootName, rootTasks, diagnostics } = emitV2Graphs(pipeline, parts, volumes);
    return { text: objectShape(pipeline, parts, rootName, rootTasks), diagnostics };
  }
  const plan = planLinear(pipeline);
  if (plan.tasks.length === 0) return { text: objectShape(pipeline, emptyParts(), plan.rootName, {}), diagnostics: plan.diagnostics };
  return piecesResult(linearPieces(pipeline, plan.tasks, plan.rootName, volumes), plan.diagnostics);
}

/** The two documents from the parts and root tasks built as objects (the graph shape). */
function objectShape(pipeline: Pipeline, parts: V2Parts, rootName: string, rootTasks: Yaml): string {
  const spec = {
    components: parts.components,
    deploymentSpec: { executors: parts.executors },
    pipelineInfo: pipelineInfo(pipeline, rootName),
    root: { dag: { tasks: rootTasks }, ...rootInputs(pipeline) },
    schemaVersion: SCHEMA_VERSION,
    sdkVersion: SDK_VERSION,
  };
  const platform = { platforms: { kubernetes: { deploymentSpec: { executors: parts.platformExecutors } } } };
  return `${toYaml(spec)}---\n${toYaml(platform)}`;
}

function pipelineInfo(pipeline: Pipeline, rootName: string): Yaml {
  const description = pipeline.dag.description?.trim();
  return { ...(description ? { description } : {}), name: rootName };
}

const rootInputs = (pipeline: Pipeline): Yaml =>
  pipeline.parameters.length > 0
    ? {
        inputDefinitions: {
          parameters: Object.fromEntries(pipeline.parameters.map((p) => [p.name, { defaultValue: parameterText(p.value), isOptional: true, parameterType: 'STRING' }])),
        },
      }
    : {};

/**
 * The same text as objectShape would write for a linear plan, as an ordered list of pieces: the
 * documents' fixed lines and, per step, its component, executor, root task and kfp-kubernetes
 * config. A step's pieces are kept per step object and context (fragment-cache.ts), so an edit
 * renders the changed step again and the others' pieces are the same strings as before.
 */
function linearPieces(pipeline: Pipeline, tasks: PlannedTask[], rootName: string, volumes: PlannedVolume[]): string[] {
  const shared = new SharedText();
  const context = pipelineContext(pipeline);
  const parameters = identity(pipeline.parameters);
  // Made when a step is rendered, not on a keystroke that reuses every unchanged step.
  let later: { writer?: LaterSteps } | undefined;
  const keys = stepKeys(tasks, `v2|${context}|`, parameters);
  const steps = tasks.map((task, i) => {
    return remember(task.step, keys[i], () => {
      const writer = task.isStart ? undefined : (later ??= { writer: laterSteps(pipeline, shared) }).writer;
      return writer ? renderLaterStep(task, volumes, writer) : renderStep(pipeline, task, shared, volumes);
    });
  });
  const pieces: string[] = ['components:\n'];
  for (const step of steps) pieces.push(step.component);
  pieces.push('deploymentSpec:\n  executors:\n');
  for (const step of steps) pieces.push(step.executor);
  pieces.push(`${renderEntries({ pipelineInfo: pipelineInfo(pipeline, rootName) }, 0)}root:\n  dag:\n    tasks:\n`);
  for (const step of steps) pieces.push(step.task);
  const inputs = rootInputs(pipeline);
  pieces.push(
    `${Object.keys(inputs).length > 0 ? renderEntries(inputs, 2) : ''}${renderEntries({ schemaVersion: SCHEMA_VERSION, sdkVersion: SDK_VERSION }, 0)}---\n` +
      'platforms:\n  kubernetes:\n    deploymentSpec:\n      executors:\n',
  );
  for (const step of steps) pieces.push(step.platformKey, step.platform);
  return pieces;
}

/** Stands for a step's name in the words of `execute_single_node`, to find where it goes. */
const NAME_SLOT = '\u0000';

/**
 * The writer of a linear pipeline's steps after the start, whose commands are `execute_single_node`
 * with the same words but the step's name; undefined should a word of the pipeline's own be the
 * slot (those steps then take renderStep's way).
 */
function laterSteps(pipeline: Pipeline, shared: SharedText): LaterSteps | undefined {
  const argv = executeSingleNode(pipeline, NAME_SLOT, inputPlaceholder(RUN_ID_INPUT));
  const index = argv.indexOf(commandFriendlyName(NAME_SLOT));
  return index >= 0 && argv.lastIndexOf(argv[index]) === index ? new LaterSteps(shared, argv, index, caching(pipeline)) : undefined;
}

/**
 * A step after the start: renderStep's text from the parts such steps share. It has no inputs
 * but the run id and its command is magnus's as it is (only the start step exports the
 * pipeline's parameters).
 */
function renderLaterStep(task: PlannedTask, volumes: PlannedVolume[], later: LaterSteps): StepText {
  const settings = task.settings();
  const retries = task.retries;
  return later.render(
    {
      name: task.name,
      word: task.commandName ?? commandFriendlyName(task.path),
      settings,
      retries,
      backoff: retries > 0 ? retryBackoff(settings) : undefined,
      displayName: task.step.name,
      after: task.after,
    },
    volumes,
  );
}

function renderStep(pipeline: Pipeline, task: PlannedTask, shared: SharedText, volumes: PlannedVolume[]): StepText {
  const parameters = task.isStart ? pipeline.parameters.map((p) => p.name) : [];
  const settings = task.settings();
  const rendered = renderV2Container(
    shared,
    {
      name: task.name,
      argv: executeSingleNode(pipeline, task.path, inputPlaceholder(RUN_ID_INPUT)),
      settings,
      exports: task.isStart ? parameterExports(pipeline) : [],
      inputs: parameters,
    },
    volumes,
  );
  const retries = task.retries;
  const taskText = renderContainerTask(shared, task.name, {
    retries,
    backoff: retries > 0 ? retryBackoff(settings) : undefined,
    caching: caching(pipeline),
    displayName: task.step.name,
    inputs: Object.fromEntries(parameters.map((name) => [name, { componentInputParameter: name }])),
    dependentTasks: task.after ? [task.after] : [],
  });
  return {
    component: `  ${prefixedKey('comp-', task.name)}:${rendered.component.text}`,
    executor: `    ${prefixedKey('exec-', task.name)}:${rendered.executor.text}`,
    task: `      ${yamlKey(task.name)}:\n${taskText}`,
    platformKey: `        ${prefixedKey('exec-', task.name)}:`,
    platform: rendered.platform.text,
  };
}
