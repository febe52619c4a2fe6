import { containerSecrets, type EffectiveSettings } from '../model/effective';
import { besidesSecrets } from '../model/step-settings';
import type { SecretEntry, Toleration } from '../model/types';
import { parseSecretRef } from '../validate/names';
import { quantityToCores, quantityToDecimalGigabytes } from '../validate/quantity';
import { flat, pad, renderEntries, RenderedYaml, yamlKey, yamlScalar } from '../yaml/stringify';
import { wrapInShell } from './command';
import { remember } from './fragment-cache';
import type { PlannedVolume } from './plan';

/** Whether `a` and `b` (of the same length) have the same words but perhaps at `index`. */
function sameBut(a: string[], b: string[], index: number): boolean {
  for (let i = 0; i < a.length; i++) if (i !== index && a[i] !== b[i]) return false;
  return true;
}

/** KFP substitutes the run's UUID only where this is the whole constant of a task input (driver/resolve.go). */
export const JOB_UUID = '{{$.pipeline_job_uuid}}';
export const RUN_ID_INPUT = 'run_id';
export const ITERATE_ON_OUTPUT = 'iterate_on';
/** The output of a status-wrapped container: `succeeded` or `failed` (docs/composite-emission.md). */
export const STATUS_OUTPUT = 'status';
export const inputPlaceholder = (name: string) => `{{$.inputs.parameters['${name}']}}`;
const outputFile = (name: string) => `{{$.outputs.parameters['${name}'].output_file}}`;

type Yaml = Record<string, unknown>;

export interface V2ContainerJob {
  name: string;
  /** The magnus argv, with KFP input placeholders where run-time values go. */
  argv: string[];
  settings: EffectiveSettings;
  /** Environment variables to export from inputs of the same name (the run's `MAGNUS_PRM_*`). */
  exports: { env: string; input: string }[];
  /** Input parameters of the component besides run_id (pipeline parameters, map variables). */
  inputs: string[];
  /** A map's fan-out: its list, copied from magnus's /tmp/output.txt to the KFP output parameter. */
  outputsIterateOn?: boolean;
  /** An explicit fail step, which must fail the run (see StepJob.failsTheRun). */
  failsTheRun?: boolean;
  /**
   * Runs magnus this many times at most, waiting between attempts as KFP's retryPolicy would,
   * records the outcome in the `status` output and succeeds.
   */
  recordsStatus?: { attempts: number; backoff?: RetryBackoff };
}

/** What of a job its component is made from. */
type ComponentJob = Pick<V2ContainerJob, 'name' | 'inputs' | 'outputsIterateOn' | 'recordsStatus'>;

export interface V2Parts {
  components: Yaml;
  executors: Yaml;
  platformExecutors: Yaml;
  /** Text that many containers of one emission share (see SharedText). */
  shared: SharedText;
}

export const emptyParts = (): V2Parts => ({ components: {}, executors: {}, platformExecutors: {}, shared: new SharedText() });

/** Where the parts of one container sit in the two documents (the keys' indentation + 2). */
const INDENT = { component: 4, executor: 6, platform: 10, rootTask: 8 } as const;
/** The container's keys (command, env, …), under `exec-<name>:` and `container:`. */
const CONTAINER_KEYS = INDENT.executor + 2;

/**
 * YAML that the containers of one emission have in common, rendered once: the words of their
 * commands (all but the step's name are the same in every container), the inputs a component
 * declares, and what follows from a step's settings (steps that set the same things share one
 * settings object, see StepSettings): resources, image, env and the kfp-kubernetes config.
 */
export class SharedText {
  private readonly words = new Map<string, string>();
  private readonly componentTails = new Map<string, string>();
  private readonly taskPieces = new Map<string, string>();
  /** Per settings object, then per content: steps whose settings differ elsewhere (a secret) share these. */
  private readonly containerTails = new Map<EffectiveSettings, string>();
  private readonly containerTailsByContent = new Map<string, string>();
  private readonly platforms = new Map<EffectiveSettings, string>();
  private readonly platformHeads = new Map<EffectiveSettings, { head: string; tolerations: string }>();
  private readonly platformEntries = new Map<string, string>();
  private plainTail?: string;
  private lastArgv?: string[];
  /** The index of the word that differs between commands, and the lines before and after it; -1 for none. */
  private varying = -1;
  private head = '';
  private tail = '';

  /**
   * What of a container follows from its settings (env, image, resources), kept per settings object
   * and, as steps with settings of their own (a secret, a profile) mostly run with the same
   * resources, per what it is made of. Flat: every container's text walks it when joined.
   */
  containerTail(ownSettings: EffectiveSettings): string {
    // The secrets are not in a container's text: what StepSettings made from other settings but them shares theirs.
    const settings = besidesSecrets(ownSettings);
    let text = this.containerTails.get(settings);
    if (text === undefined) {
      const key = containerTailKey(settings);
      text = this.containerTailsByContent.get(key);
      if (text === undefined) this.containerTailsByContent.set(key, (text = flat(renderEntries(containerSettings(settings), CONTAINER_KEYS))));
      this.containerTails.set(settings, text);
    }
    return text;
  }

  /**
   * The kfp-kubernetes config of a container (what follows `exec-<name>:`), kept per settings
   * object. Its entries but the secrets are kept per content too (volumes, pull policy, node
   * selector and pod metadata, tolerations: the same in most containers); the secrets, which differ
   * from step to step, are written straight away (secretAsEnvText).
   */
  platform(settings: EffectiveSettings, volumes: PlannedVolume[]): string {
    let text = this.platforms.get(settings);
    if (text === undefined) {
      const { head, tolerations } = this.platformParts(besidesSecrets(settings), volumes);
      text = head;
      const secretAsEnv = secretAsEnvOf(settings);
      if (secretAsEnv !== undefined) text += secretAsEnvText(secretAsEnv) ?? renderEntries({ secretAsEnv }, INDENT.platform);
      this.platforms.set(settings, (text = flat(text + tolerations)));
    }
    return text;
  }

  /**
   * platformConfig's entries before and after the secrets, rendered, per settings object: settings
   * that differ only by their secrets (besidesSecrets) share them.
   */
  private platformParts(settings: EffectiveSettings, volumes: PlannedVolume[]): { head: string; tolerations: string } {
    let parts = this.platformHeads.get(settings);
    if (parts === undefined) {
      const { secretAsEnv, tolerations, ...head } = platformConfig(settings, volumes);
      void secretAsEnv;
      this.platformHeads.set(settings, (parts = { head: `\n${this.entries(head)}`, tolerations: tolerations === undefined ? '' : this.entries({ tolerations }) }));
    }
    return parts;
  }

  /** The entries of a kfp-kubernetes config, rendered once per content (JSON tells apart what renders differently). */
  private entries(mapping: Yaml): string {
    const key = JSON.stringify(mapping);
    let text = this.platformEntries.get(key);
    if (text === undefined) this.platformEntries.set(key, (text = renderEntries(mapping, INDENT.platform)));
    return text;
  }

  /**
   * A container's `command:` with its words. The containers of a pipeline run the same command but
   * for one word (the step's name), so the lines before and after the word that differs from the
   * last command are rendered once and reused while only that word changes.
   */
  command(argv: string[]): string {
    const last = this.lastArgv;
    this.lastArgv = argv;
    if (last !== undefined && last.length === argv.length) {
      if (this.varying >= 0 && sameBut(argv, last, this.varying)) return this.head + commandWord(argv[this.varying]) + this.tail;
      const differing = argv.findIndex((word, i) => word !== last[i]);
      if (differing >= 0 && sameBut(argv, last, differing)) {
        this.varying = differing;
        this.head = flat(this.lines(argv.slice(0, differing), `${pad(CONTAINER_KEYS)}command:\n`));
        this.tail = flat(this.lines(argv.slice(differing + 1), ''));
        return this.head + commandWord(argv[differing]) + this.tail;
      }
    }
    this.varying = -1;
    return this.lines(argv, `${pad(CONTAINER_KEYS)}command:\n`);
  }

  /** `text` and then the words of `argv` as items of a container's `command:`. */
  lines(argv: string[], text: string): string {
    for (const word of argv) text += this.word(word);
    return text;
  }

  /** `- word` as an item of a container's `command:`, kept: the words but the step's name repeat in every command. */
  word(word: string): string {
    let line = this.words.get(word);
    if (line === undefined) this.words.set(word, (line = commandWord(word)));
    return line;
  }

  /** A component's inputDefinitions and outputDefinitions. */
  componentTail(job: ComponentJob): string {
    const key = `${job.outputsIterateOn === true}|${job.recordsStatus !== undefined}|${job.inputs.length === 0 ? '' : JSON.stringify(job.inputs)}`;
    let text = this.componentTails.get(key);
    if (text === undefined) {
      const { executorLabel, ...tail } = componentOf(job);
      void executorLabel;
      this.componentTails.set(key, (text = flat(renderEntries(tail, INDENT.component))));
    }
    return text;
  }

  /** componentTail of a container with no inputs but the run id and no outputs, flat (every step's component holds it). */
  plainComponentTail(): string {
    return (this.plainTail ??= this.componentTail({ name: '', inputs: [] }));
  }

  /** A piece of a container task rendered from a small mapping, kept under `key` (what it is made from) and its indentation. */
  taskPiece(key: string, piece: () => Yaml, at: number = INDENT.rootTask): string {
    const kept = at === INDENT.rootTask ? key : `${at}|${key}`;
    let text = this.taskPieces.get(kept);
    if (text === undefined) this.taskPieces.set(kept, (text = flat(renderEntries(piece(), at))));
    return text;
  }
}

/**
 * `- word` as an item of a container's `command:` (what renderItem writes for a string), rendered
 * straight away: the word that differs between commands is the step's own, written once.
 */
const commandWord = (word: string) => `${pad(CONTAINER_KEYS + 2)}- ${yamlScalar(word, CONTAINER_KEYS + 4)}\n`;

/**
 * `addV2Container` for a step's container, reusing its rendered parts while the step and its
 * context (the cache key) are unchanged; `job` is only called when they have to be built.
 */
export function addCachedV2Container(parts: V2Parts, owner: object, key: string, name: string, job: () => V2ContainerJob, volumes: PlannedVolume[]): void {
  const rendered = remember(owner, `container|${key}`, () => renderV2Container(parts.shared, job(), volumes));
  parts.components[`comp-${name}`] = rendered.component;
  parts.executors[`exec-${name}`] = rendered.executor;
  parts.platformExecutors[`exec-${name}`] = rendered.platform;
}

/** Adds the component, executor and kfp-kubernetes config of one container to the spec being built. */
export function addV2Container(parts: V2Parts, job: V2ContainerJob, volumes: PlannedVolume[]): void {
  const rendered = renderV2Container(parts.shared, job, volumes);
  // own-keys: `comp-`/`exec-` and a Kubernetes name
  parts.components[`comp-${job.name}`] = rendered.component;
  parts.executors[`exec-${job.name}`] = rendered.executor;
  parts.platformExecutors[`exec-${job.name}`] = rendered.platform;
}

/**
 * The three parts of a container written as text straight away, the same text as rendering
 * componentOf, executorOf and platformConfig would give (kfp-v2-text.test.ts checks it): only the step's
 * own words are rendered per container, the rest is shared.
 */
export function renderV2Container(shared: SharedText, job: V2ContainerJob, volumes: PlannedVolume[]) {
  const settings = job.settings;
  const component = `\n${pad(INDENT.component)}executorLabel: ${prefixedName('exec-', job.name, INDENT.component + 2)}\n${shared.componentTail(job)}`;
  const command = isWrapped(job) || job.argv.length === 0 ? renderEntries(commandOf(job), CONTAINER_KEYS) : shared.command(job.argv);
  return {
    component: new RenderedYaml(component, 'value', false),
    executor: new RenderedYaml(`\n${pad(INDENT.executor)}container:\n${command}${shared.containerTail(settings)}`, 'value', false),
    platform: new RenderedYaml(shared.platform(settings, volumes), 'value', false),
  };
}

/** One step of a linear pipeline as text: its part of each list of the two documents, each with its key line. */
export interface StepText {
  component: string;
  executor: string;
  task: string;
  platformKey: string;
  /** Shared by the steps whose settings are the same object (see StepSettings). */
  platform: string;
}

/** What makes a step after the start differ from the others (see LaterSteps). */
export interface LaterStep {
  name: string;
  /** Its word in the command (`execute_single_node`'s step name). */
  word: string;
  settings: EffectiveSettings;
  retries: number;
  backoff?: RetryBackoff;
  displayName: string;
  after?: string;
}

/**
 * The text of a linear pipeline's steps after the start, which all run the same command but for
 * one word (the step's name; `argv[index]`), have no inputs but the run id and are cached alike:
 * the lines between a step's own words are joined once per emission, so each piece is the step's
 * words between a few shared flat strings — what renderV2Container and renderContainerTask write
 * (kfp-v2-text.test.ts checks it), in fewer rope cells to allocate, keep for the next keystroke
 * and walk when the text is joined.
 */
export class LaterSteps {
  private readonly executorHead: string;
  private readonly commandTail: string;
  private readonly componentEnd: string;
  private readonly taskHead: string;
  private readonly executorEnds = new Map<EffectiveSettings, string>();
  private readonly taskEnds = new Map<string, string>();
  private lastName?: string;
  private lastKey = '';

  constructor(
    private readonly shared: SharedText,
    argv: string[],
    index: number,
    private readonly caching: boolean,
  ) {
    this.executorHead = flat(shared.lines(argv.slice(0, index), `:\n${pad(INDENT.executor)}container:\n${pad(CONTAINER_KEYS)}command:\n`) + `${pad(CONTAINER_KEYS + 2)}- `);
    this.commandTail = flat(shared.lines(argv.slice(index + 1), '\n'));
    this.componentEnd = flat(`\n${shared.plainComponentTail()}`);
    this.taskHead = flat(`:\n${shared.taskPiece(caching ? 'caching|true' : 'caching|false', () => ({ cachingOptions: cachingOptions(caching) }))}${TASK_LINES.componentRef}`);
  }

  render(step: LaterStep, volumes: PlannedVolume[]): StepText {
    const { name, settings } = step;
    const plain = KUBERNETES_NAME.test(name);
    const component = `comp-${name}`;
    const executor = `exec-${name}`;
    const executorKey = plain ? executor : yamlKey(executor);
    const key = yamlKey(name);
    let task = `${pad(INDENT.rootTask - 2)}${key}${this.taskHead}${plain ? component : yamlScalar(component, INDENT.rootTask + 4)}`;
    // The task before is mostly the step rendered last, whose name (a Kubernetes name) reads the same as a key.
    if (step.after !== undefined) task += `${AFTER_LINES}${step.after === this.lastName ? this.lastKey : yamlScalar(step.after, INDENT.rootTask + 4)}`;
    this.lastName = plain ? name : undefined;
    this.lastKey = key;
    return {
      component: `${pad(INDENT.component - 2)}${plain ? component : yamlKey(component)}${COMPONENT_LINES}${plain ? executor : yamlScalar(executor, INDENT.component + 2)}${this.componentEnd}`,
      executor: `${pad(INDENT.executor - 2)}${executorKey}${this.executorHead}${yamlScalar(step.word, CONTAINER_KEYS + 4)}${this.executorEnd(settings)}`,
      task: `${task}${this.taskEnd(step.retries, step.backoff)}${yamlScalar(step.displayName, INDENT.rootTask + 4)}\n`,
      platformKey: `${pad(INDENT.platform - 2)}${executorKey}:`,
      platform: this.shared.platform(settings, volumes),
    };
  }

  /** What follows a step's word in its executor: the rest of the command and what its settings make. */
  private executorEnd(ownSettings: EffectiveSettings): string {
    const settings = besidesSecrets(ownSettings);
    let text = this.executorEnds.get(settings);
    if (text === undefined) this.executorEnds.set(settings, (text = flat(this.commandTail + this.shared.containerTail(settings))));
    return text;
  }

  /** What follows the names of a step's root task up to its display name: inputs, retry policy, taskInfo. */
  private taskEnd(retries: number, backoff: RetryBackoff | undefined): string {
    const key = retries > 0 ? (backoff === undefined ? `retry|${retries}` : `retry|${retries}|${JSON.stringify(backoff)}`) : '';
    let text = this.taskEnds.get(key);
    if (text === undefined) {
      text = `\n${this.shared.taskPiece('inputs|', () => ({ inputs: taskInputs({}) }))}`;
      if (retries > 0) text += this.shared.taskPiece(key, () => ({ retryPolicy: retryPolicy(retries, backoff) }));
      this.taskEnds.set(key, (text = flat(text + TASK_LINES.taskInfo)));
    }
    return text;
  }
}

const COMPONENT_LINES = `:\n${pad(INDENT.component)}executorLabel: `;
const AFTER_LINES = `\n${pad(INDENT.rootTask)}dependentTasks:\n${pad(INDENT.rootTask + 2)}- `;

/** The fixed lines of a container task whose entries are indented by `at`, up to where its own words go. */
function taskLines(at: number) {
  let lines = taskLinesAt.get(at);
  if (lines === undefined)
    taskLinesAt.set(
      at,
      (lines = {
        componentRef: `${pad(at)}componentRef:\n${pad(at + 2)}name: `,
        dependentTasks: `${pad(at)}dependentTasks:\n`,
        item: `${pad(at + 2)}- `,
        taskInfo: `${pad(at)}taskInfo:\n${pad(at + 2)}name: `,
      }),
    );
  return lines;
}
const taskLinesAt = new Map<number, { componentRef: string; dependentTasks: string; item: string; taskInfo: string }>();
/** A root task's (under `root.dag.tasks`). */
const TASK_LINES = taskLines(INDENT.rootTask);

/** Where the entries of a task in a DAG component go (`components.comp-<dag>.dag.tasks.<task>`), and of a root task. */
export const COMPONENT_TASK_INDENT = 10;
export const ROOT_TASK_INDENT = INDENT.rootTask;

/** A container task as the value of its key in the tasks of a DAG, its entries indented by `at` (renderContainerTask). */
export const containerTaskText = (shared: SharedText, name: string, options: ContainerTaskOptions, at: number) =>
  new RenderedYaml(`\n${renderContainerTask(shared, name, options, at)}`, 'value', false);

/**
 * The entries of `containerTask(name, options)` in a DAG's tasks, indented by `at` (a root task's by
 * default), written straight away: only the task's names are rendered per task, the pieces its
 * options make are shared.
 */
export function renderContainerTask(shared: SharedText, name: string, options: ContainerTaskOptions, at: number = INDENT.rootTask): string {
  const { caching, dependentTasks = [], inputs, retries, backoff, triggerPolicy } = options;
  const lines = taskLines(at);
  // Constant keys where they can be: a key built per task is a string to hash per task.
  let text = shared.taskPiece(caching ? 'caching|true' : 'caching|false', () => ({ cachingOptions: cachingOptions(caching) }), at);
  text += `${lines.componentRef}${prefixedName('comp-', name, at + 4)}\n`;
  if (dependentTasks.length > 0) {
    text += lines.dependentTasks;
    for (const task of dependentTasks) text += `${lines.item}${yamlScalar(task, at + 4)}\n`;
  }
  text += shared.taskPiece(Object.keys(inputs).length > 0 ? `inputs|${JSON.stringify(inputs)}` : 'inputs|', () => ({ inputs: taskInputs(inputs) }), at);
  if (retries > 0)
    text += shared.taskPiece(backoff === undefined ? `retry|${retries}` : `retry|${retries}|${JSON.stringify(backoff)}`, () => ({ retryPolicy: retryPolicy(retries, backoff) }), at);
  text += `${lines.taskInfo}${yamlScalar(options.displayName, at + 4)}\n`;
  if (triggerPolicy) text += renderEntries({ triggerPolicy }, at);
  return text;
}

/** The component of a container, as the KFP SDK writes it. */
export function componentOf(job: ComponentJob): Yaml {
  return {
    executorLabel: `exec-${job.name}`,
    inputDefinitions: { parameters: Object.fromEntries([RUN_ID_INPUT, ...job.inputs].map((name) => [name, { parameterType: 'STRING' }])) },
    ...(job.outputsIterateOn ? { outputDefinitions: { parameters: { [ITERATE_ON_OUTPUT]: { parameterType: 'LIST' } } } } : {}),
    ...(job.recordsStatus ? { outputDefinitions: { parameters: { [STATUS_OUTPUT]: { parameterType: 'STRING' } } } } : {}),
  };
}

/** The executor of a container (`deploymentSpec.executors.exec-<name>`). */
export function executorOf(job: V2ContainerJob): Yaml {
  return { container: { ...commandOf(job), ...containerSettings(job.settings) } };
}

/** What of a container follows from its settings. */
function containerSettings(settings: EffectiveSettings): Yaml {
  const env = settings.env.value;
  return {
    // Literal values: the KFP driver copies env verbatim (no placeholders), as magnus needs them.
    ...(env.length > 0 ? { env: env.map((e) => ({ name: e.name, value: e.value })) } : {}),
    ...(settings.docker_image.value !== undefined ? { image: settings.docker_image.value } : {}),
    resources: resourceSpec(settings),
  };
}

/** What containerSettings reads, unambiguously (JSON): settings that differ elsewhere share the text. */
function containerTailKey(settings: EffectiveSettings): string {
  const words: (string | undefined)[] = [
    settings.docker_image.value,
    settings.gpu_limit.value,
    settings.cpu_limit.value,
    settings.cpu_request.value,
    settings.memory_limit.value,
    settings.memory_request.value,
  ];
  for (const { name, value } of settings.env.value) words.push(name, value);
  return JSON.stringify(words);
}

/** `comp-`/`exec-` and a task name: plain YAML as it is when the name is a Kubernetes name (always, but for a test's odd names). */
const prefixedName = (prefix: string, name: string, indent: number) => (KUBERNETES_NAME.test(name) ? prefix + name : yamlScalar(prefix + name, indent));
const KUBERNETES_NAME = /^[a-z0-9][-a-z0-9]*$/;
/** `comp-`/`exec-` and a task name as a mapping's key. */
export const prefixedKey = (prefix: string, name: string) => (KUBERNETES_NAME.test(name) ? prefix + name : yamlKey(prefix + name));

const isWrapped = (job: V2ContainerJob) => job.exports.length > 0 || job.outputsIterateOn === true || job.failsTheRun === true || job.recordsStatus !== undefined;

function commandOf(job: V2ContainerJob): Yaml {
  if (!isWrapped(job)) return { command: job.argv };
  const { command, args } = wrapInShell(job.argv, {
    exports: job.exports.map((e) => ({ env: e.env, value: inputPlaceholder(e.input) })),
    ...(job.outputsIterateOn ? { copyOutputTo: outputFile(ITERATE_ON_OUTPUT) } : {}),
    ...(job.recordsStatus ? { recordStatus: { file: outputFile(STATUS_OUTPUT), waits: backoffWaits(job.recordsStatus.attempts, job.recordsStatus.backoff) } } : {}),
    failAfterwards: job.failsTheRun,
  });
  return { args, command };
}

function resourceSpec(settings: EffectiveSettings): Yaml {
  const gpu = Number(settings.gpu_limit.value);
  const cpu = (text: string) => safeNumber('cpu', text);
  const memory = (text: string) => safeNumber('memory', text);
  return {
    ...(gpu > 0
      ? {
          accelerator: {
            count: settings.gpu_limit.value,
            resourceCount: settings.gpu_limit.value,
            resourceType: 'nvidia.com/gpu',
            type: 'nvidia.com/gpu',
          },
        }
      : {}),
    ...numeric('cpuLimit', cpu(settings.cpu_limit.value)),
    ...numeric('cpuRequest', cpu(settings.cpu_request.value)),
    ...numeric('memoryLimit', memory(settings.memory_limit.value)),
    ...numeric('memoryRequest', memory(settings.memory_request.value)),
    resourceCpuLimit: settings.cpu_limit.value,
    resourceCpuRequest: settings.cpu_request.value,
    resourceMemoryLimit: settings.memory_limit.value,
    resourceMemoryRequest: settings.memory_request.value,
  };
}

/** The deprecated numeric fields are left out when the text is no quantity; validation reports it. */
const numeric = (key: string, value: number | undefined) => (value === undefined ? {} : { [key]: value });

/** Exact conversions are costly and pipelines repeat a handful of values, so each text is converted once. */
const conversions = new Map<string, number | undefined>();
function safeNumber(kind: 'cpu' | 'memory', text: string): number | undefined {
  const key = `${kind}:${text}`;
  if (!conversions.has(key)) {
    if (conversions.size > 10_000) conversions.clear();
    const value = kind === 'cpu' ? quantityToCores(text) : quantityToDecimalGigabytes(text);
    conversions.set(key, Number.isFinite(value) ? value : undefined);
  }
  return conversions.get(key);
}

/** The kfp-kubernetes executor config (KubernetesExecutorConfig), keys in alphabetical order as the SDK writes them; int64 as strings (proto3 JSON). */
export function platformConfig(settings: EffectiveSettings, volumes: PlannedVolume[]): Yaml {
  const secretAsEnv = secretAsEnvOf(settings);
  const labels = settings.workflowLabels;
  const annotations = settings.workflowAnnotations;
  return {
    ...(settings.active_deadline_seconds.value !== '' ? { activeDeadlineSeconds: settings.active_deadline_seconds.value } : {}),
    imagePullPolicy: settings.image_pull_policy.value,
    ...(settings.node_selector.value.length > 0 ? { nodeSelector: { labels: Object.fromEntries(settings.node_selector.value.map((l) => [l.name, l.value])) } } : {}),
    ...(labels.length > 0 || annotations.length > 0
      ? {
          podMetadata: {
            ...(annotations.length > 0 ? { annotations: Object.fromEntries(annotations.map((a) => [a.name, a.value])) } : {}),
            ...(labels.length > 0 ? { labels: Object.fromEntries(labels.map((l) => [l.name, l.value])) } : {}),
          },
        }
      : {}),
    ...(volumes.length > 0
      ? { pvcMount: volumes.map((v) => ({ constant: v.claim, mountPath: v.mountPath, pvcNameParameter: { runtimeValue: { constant: v.claim } } })) }
      : {}),
    ...(secretAsEnv !== undefined ? { secretAsEnv } : {}),
    ...(settings.tolerations.value.length > 0 ? { tolerations: settings.tolerations.value.map(v2Toleration) } : {}),
  };
}

function v2Toleration(t: Toleration): Yaml {
  return {
    ...(t.effect ? { effect: t.effect } : {}),
    ...(t.key ? { key: t.key } : {}),
    ...(t.operator ? { operator: t.operator } : {}),
    ...(t.tolerationSeconds ? { tolerationSeconds: t.tolerationSeconds } : {}),
    ...(t.value ? { value: t.value } : {}),
  };
}

/** platformConfig's `secretAsEnv`: undefined for a container without secrets. */
function secretAsEnvOf(settings: EffectiveSettings): SecretAsEnv[] | undefined {
  const secrets = secretsByName(containerSecrets(settings));
  if (secrets.length === 0) return undefined;
  return secrets.map(({ secret, keys }) => ({
    keyToEnv: keys.map((k) => ({ envVar: k.env, secretKey: k.key })),
    optional: false,
    secretName: secret,
    secretNameParameter: { runtimeValue: { constant: secret } },
  }));
}

/** kfp-kubernetes groups env vars by secret; order of first appearance is kept. */
function secretsByName(secrets: SecretEntry[]) {
  const groups = new Map<string, { secret: string; keys: { env: string; key: string }[] }>();
  for (const entry of secrets) {
    const ref = parseSecretRef(entry.ref);
    if (!ref) continue;
    let group = groups.get(ref.secret);
    if (!group) groups.set(ref.secret, (group = { secret: ref.secret, keys: [] }));
    group.keys.push({ env: entry.env, key: ref.key });
  }
  return [...groups.values()];
}

/** An entry of platformConfig's `secretAsEnv`. */
interface SecretAsEnv {
  keyToEnv: { envVar: string; secretKey: string }[];
  optional: false;
  secretName: string;
  secretNameParameter: { runtimeValue: { constant: string } };
}

/**
 * `secretAsEnv:` of a kfp-kubernetes config (platformConfig's), written straight away: the same
 * text as rendering its objects (kfp-v2-text.test.ts checks it), for the secrets that make most
 * containers' configs differ.
 */
function secretAsEnvText(entries: SecretAsEnv[]): string | undefined {
  // What the writer would leave out or write otherwise (a model that is not what its types say) goes through it.
  if (!entries.every((e) => typeof e.secretName === 'string' && e.keyToEnv.every((k) => typeof k.envVar === 'string' && typeof k.secretKey === 'string'))) return undefined;
  const at = INDENT.platform;
  let text = `${pad(at)}secretAsEnv:\n`;
  for (const { keyToEnv, secretName } of entries) {
    text += `${pad(at + 2)}- keyToEnv:\n`;
    for (const k of keyToEnv) text += `${pad(at + 6)}- envVar: ${yamlScalar(k.envVar, at + 10)}\n${pad(at + 8)}secretKey: ${yamlScalar(k.secretKey, at + 10)}\n`;
    text +=
      `${pad(at + 4)}optional: false\n${pad(at + 4)}secretName: ${yamlScalar(secretName, at + 6)}\n` +
      `${pad(at + 4)}secretNameParameter:\n${pad(at + 6)}runtimeValue:\n${pad(at + 8)}constant: ${yamlScalar(secretName, at + 10)}\n`;
  }
  return text;
}

export interface ContainerTaskOptions {
  retries: number;
  caching: boolean;
  displayName: string;
  inputs: Yaml;
  dependentTasks?: string[];
  triggerPolicy?: Yaml;
  backoff?: RetryBackoff;
}

/** A container task, its keys in the alphabetical order the KFP SDK writes them. */
export function containerTask(name: string, options: ContainerTaskOptions): Yaml {
  return {
    cachingOptions: cachingOptions(options.caching),
    componentRef: { name: `comp-${name}` },
    ...(options.dependentTasks && options.dependentTasks.length > 0 ? { dependentTasks: options.dependentTasks } : {}),
    inputs: taskInputs(options.inputs),
    ...(options.retries > 0 ? { retryPolicy: retryPolicy(options.retries, options.backoff) } : {}),
    taskInfo: { name: options.displayName },
    ...(options.triggerPolicy ? { triggerPolicy: options.triggerPolicy } : {}),
  };
}

const cachingOptions = (caching: boolean) => (caching ? { enableCache: true } : {});
const taskInputs = (inputs: Yaml) => ({ parameters: { [RUN_ID_INPUT]: { runtimeValue: { constant: JOB_UUID } }, ...inputs } });
// The KFP SDK's defaults for what a retryPolicy leaves out.
const DEFAULT_BACKOFF = { duration: '0s', factor: 2, maxDuration: '3600s' } as const;
const retryPolicy = (retries: number, backoff: RetryBackoff | undefined) => ({
  backoffDuration: backoff?.duration ?? DEFAULT_BACKOFF.duration,
  backoffFactor: backoff?.factor ?? DEFAULT_BACKOFF.factor,
  backoffMaxDuration: backoff?.maxDuration ?? DEFAULT_BACKOFF.maxDuration,
  maxRetryCount: retries,
});

/**
 * Whole seconds to wait before each attempt after the first, as KFP spaces a task's retries:
 * the duration, multiplied by the factor after each attempt, at most the maximum.
 */
export function backoffWaits(attempts: number, backoff: RetryBackoff | undefined): number[] {
  const first = durationSeconds(backoff?.duration ?? DEFAULT_BACKOFF.duration) ?? 0;
  const most = durationSeconds(backoff?.maxDuration ?? DEFAULT_BACKOFF.maxDuration) ?? Infinity;
  const factor = backoff?.factor ?? DEFAULT_BACKOFF.factor;
  return Array.from({ length: Math.max(0, attempts - 1) }, (_, retry) => Math.ceil(Math.min(first * factor ** retry, most)));
}

export interface RetryBackoff {
  /** protobuf Durations (`120s`). */
  duration?: string;
  factor?: number;
  maxDuration?: string;
}

/**
 * The step's backoff as KFP's retryPolicy wants it (Durations in seconds), from the Argo-style
 * settings (`120`, `2m`, `1h30m`); undefined when none is set, so the SDK's defaults stay.
 */
export function retryBackoff(settings: EffectiveSettings): RetryBackoff | undefined {
  const duration = durationSeconds(settings.backoff_duration.value);
  const maxDuration = durationSeconds(settings.backoff_max_duration.value);
  const factor = settings.backoff_factor.value === '' ? undefined : Number(settings.backoff_factor.value);
  const backoff: RetryBackoff = {
    ...(duration !== undefined ? { duration: `${duration}s` } : {}),
    ...(factor !== undefined && Number.isFinite(factor) ? { factor } : {}),
    ...(maxDuration !== undefined ? { maxDuration: `${maxDuration}s` } : {}),
  };
  return Object.keys(backoff).length > 0 ? backoff : undefined;
}

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds of an Argo duration: plain seconds (`120`) or Go's `1h30m`; undefined when it is neither. */
export function durationSeconds(text: string): number | undefined {
  if (text === '') return undefined;
  if (/^[0-9]+$/.test(text)) return Number(text);
  if (!/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(amount) * UNIT_SECONDS[unit];
  return Math.round(total * 1000) / 1000;
}
