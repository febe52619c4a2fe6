import { childGraphs, joinPath, MAP_BRANCH } from '../../src/core/model/paths';
import type { CompositeStep, Graph, Pipeline, Step } from '../../src/core/model/types';
import { attemptFails, OracleUnsupported, type Run, type Scenario } from './scenario';
import { runShellScript } from './shell';

/**
 * What a container of the emitted pipeline does, as docs/composite-emission.md ("Container
 * behaviour") says magnus does it: `execute_single_node` runs one step (and the implicit fail),
 * `fan --mode out|in` opens and judges a composite. The interpreters of the emitted documents
 * decide only which containers run, with which arguments; everything magnus decides is here.
 */

type BranchStatus = 'PROCESSING' | 'SUCCESS' | 'FAIL';

/** The part of magnus's run log the containers share: the steps run and each branch's status. */
export class RunLog {
  readonly ran: string[] = [];
  /** By runtime branch name; '' is the pipeline's own graph, which exists from the start. */
  readonly branches = new Map<string, BranchStatus>([['', 'PROCESSING']]);
  readonly fannedOut = new Set<string>();
  /** How often each composite's fan-in ran. */
  readonly fannedIn = new Map<string, number>();
  /** Attempts made so far per runtime step name (a retry is the next attempt). */
  readonly attempts = new Map<string, number>();
  /** The run id the first container used; every other container must use the same. */
  runId?: string;
}

/**
 * What one container reads and writes: it reads the run log as it was when it started, plus its
 * own writes, and its writes reach the run log only when it ends ({@link ContainerRun.commit}).
 * A container that starts before another ends does not see that one's results, as in a real run.
 */
class LogView {
  readonly ran: string[] = [];
  readonly branches = new Map<string, BranchStatus>();
  readonly fannedOut = new Set<string>();
  readonly fannedIn: string[] = [];
  readonly attempts = new Map<string, number>();
  runId?: string;
  /** Runtime names of the magnus invocations, one per attempt, for the container's duration. */
  readonly invocations: string[] = [];

  constructor(private readonly base: RunLog) {}

  branch = (name: string) => this.branches.get(name) ?? this.base.branches.get(name);
  hasFannedOut = (name: string) => this.fannedOut.has(name) || this.base.fannedOut.has(name);
  attemptsOf = (name: string) => this.attempts.get(name) ?? this.base.attempts.get(name) ?? 0;
  currentRunId = () => this.runId ?? this.base.runId;

  commit() {
    const { base } = this;
    base.ran.push(...this.ran);
    for (const [name, status] of this.branches) base.branches.set(name, status);
    for (const name of this.fannedOut) base.fannedOut.add(name);
    for (const name of this.fannedIn) base.fannedIn.set(name, (base.fannedIn.get(name) ?? 0) + 1);
    for (const [name, n] of this.attempts) base.attempts.set(name, Math.max(n, base.attempts.get(name) ?? 0));
    base.runId ??= this.runId;
  }
}

interface StepEntry {
  step: Step;
  graph: Graph;
  /** `iterate_as` of the enclosing maps, outermost first. */
  mapVariables: string[];
}

export interface ContainerWorld {
  pipeline: Pipeline;
  scenario: Scenario;
  log: RunLog;
  steps: Map<string, StepEntry>;
}

export interface ContainerResult {
  exitCode: number;
  /** The container's file system after it ran (where magnus wrote a map's list). */
  files: Map<string, string>;
}

/** A container that has started: what it will have done, visible to others once committed. */
export interface ContainerRun extends ContainerResult {
  /** How long it runs: the scenario's duration of each magnus invocation in it, added up. */
  duration: number;
  /** Its end: its writes reach the run log. */
  commit(): void;
}

export const MAP_OUTPUT_FILE = '/tmp/output.txt';

/** The run as the containers saw it: the steps run, composites left without their fan-in or judged twice. */
export function runOf(log: RunLog, succeeded: boolean): Run {
  const unjudged = [...log.fannedOut].filter((c) => !log.fannedIn.has(c));
  const judgedTwice = [...log.fannedIn].filter(([, n]) => n > 1).map(([c]) => c);
  return { ran: log.ran, succeeded, ...(unjudged.length > 0 ? { unjudged } : {}), ...(judgedTwice.length > 0 ? { judgedTwice } : {}) };
}

export function createWorld(pipeline: Pipeline, scenario: Scenario): ContainerWorld {
  const steps = new Map<string, StepEntry>();
  const index = (graph: Graph, graphPath: string, mapVariables: string[]) => {
    for (const step of graph.steps) {
      const path = joinPath(graphPath, step.name);
      steps.set(path, { step, graph, mapVariables });
      const inner = step.type === 'map' ? [...mapVariables, step.iterate_as ?? ''] : mapVariables;
      for (const child of childGraphs(step, path)) index(child.graph, child.path, inner);
    }
  };
  index(pipeline.dag, '', []);
  return { pipeline, scenario, log: new RunLog(), steps };
}

/** Runs one container given its argv (command + args, placeholders already resolved), start to end at once. */
export function runContainer(world: ContainerWorld, argv: string[], where: string): ContainerResult {
  const run = startContainer(world, argv, where);
  run.commit();
  return run;
}

/**
 * Starts one container: it reads the run log now; its writes wait for {@link ContainerRun.commit}
 * (its end, `duration` later for an interpreter that models time).
 */
export function startContainer(world: ContainerWorld, argv: string[], where: string): ContainerRun {
  const files = new Map<string, string>();
  const view = new LogView(world.log);
  const magnus = (args: string[]) => runMagnusCli(world, view, args, files, where);
  let exitCode: number;
  if (argv[0] === 'magnus') {
    exitCode = magnus(argv.slice(1));
  } else if ((argv[0] === 'sh' || argv[0] === '/bin/sh') && argv[1] === '-c' && argv.length >= 3) {
    exitCode = runShellScript(argv[2], argv.slice(3), files, (program) => {
      if (program[0] !== 'magnus') throw new OracleUnsupported(where, `the program ${JSON.stringify(program[0])} in a container script`);
      return magnus(program.slice(1));
    });
  } else {
    throw new OracleUnsupported(where, `a container command that is neither magnus nor sh -c: ${JSON.stringify(argv.slice(0, 3))}`);
  }
  const duration = view.invocations.reduce((sum, name) => sum + durationOf(world.scenario, name), 0);
  return { exitCode, files, duration, commit: () => view.commit() };
}

function durationOf(s: Scenario, runtimeName: string): number {
  const d = Object.hasOwn(s.durations, runtimeName) ? s.durations[runtimeName] : 1;
  if (!(Number.isFinite(d) && d >= 0)) throw new OracleUnsupported('the scenario', `duration ${d} of ${runtimeName}`);
  return d;
}

interface MagnusCall {
  command: 'execute_single_node' | 'fan';
  runId: string;
  internalName: string;
  mode?: 'in' | 'out';
  mapVariable?: Record<string, string>;
}

const OPTIONS = ['--log-level', '--file', '--map-variable', '--config-file', '--parameters-file', '--tag', '--mode'];

function parseMagnusCli(world: ContainerWorld, args: string[], where: string): MagnusCall {
  const [command, runId, name, ...rest] = args;
  if (command !== 'execute_single_node' && command !== 'fan') throw new OracleUnsupported(where, `magnus ${command}`);
  if (runId === undefined || name === undefined) throw new OracleUnsupported(where, `magnus ${command} without a run id and a step name`);
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    if (!OPTIONS.includes(rest[i]) || rest[i + 1] === undefined || rest[i] in options) throw new OracleUnsupported(where, `magnus option ${rest[i]} in ${JSON.stringify(args)}`);
    options[rest[i]] = rest[i + 1];
  }
  const files = world.pipeline.files;
  // Another file than the pipeline's would be another pipeline: the names would mean other steps.
  for (const [option, expected] of [
    ['--file', files.dag],
    ['--config-file', files.config],
    ['--parameters-file', files.parameters],
  ] as const) {
    if (options[option] !== expected) {
      throw new OracleUnsupported(where, `${option} ${JSON.stringify(options[option])} where the pipeline's file is ${JSON.stringify(expected)}`);
    }
  }
  if (command === 'fan' && options['--mode'] !== 'in' && options['--mode'] !== 'out') throw new OracleUnsupported(where, `magnus fan --mode ${options['--mode']}`);
  if (command === 'execute_single_node' && '--mode' in options) throw new OracleUnsupported(where, 'execute_single_node --mode');
  return {
    command,
    runId,
    // The command-friendly name writes spaces as `%` (§4.7).
    internalName: name.replaceAll('%', ' '),
    ...(command === 'fan' ? { mode: options['--mode'] as 'in' | 'out' } : {}),
    ...(options['--map-variable'] !== undefined ? { mapVariable: parseMapVariable(options['--map-variable'], where) } : {}),
  };
}

function parseMapVariable(text: string, where: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new OracleUnsupported(where, `--map-variable is not JSON: ${text}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new OracleUnsupported(where, `--map-variable is not a JSON object: ${text}`);
  // magnus substitutes str(value) for each placeholder.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function runMagnusCli(world: ContainerWorld, log: LogView, args: string[], files: Map<string, string>, where: string): number {
  const call = parseMagnusCli(world, args, where);
  checkRunId(log, call.runId, where);
  const entry = world.steps.get(call.internalName);
  if (!entry) throw new OracleUnsupported(where, `magnus would find no step named ${JSON.stringify(call.internalName)}`);
  const runtimeName = runtimeNameOf(call.internalName, entry, call.mapVariable, where);
  const runtimeGraph = runtimeName.split('.').slice(0, -1).join('.');
  if (log.branch(runtimeGraph) === undefined) {
    throw new OracleUnsupported(where, `${runtimeName} runs in branch ${runtimeGraph}, which no fan-out has opened (magnus would find no branch log)`);
  }
  log.invocations.push(runtimeName);
  if (call.command === 'execute_single_node') return executeSingleNode(world, log, entry, runtimeName, runtimeGraph, where);
  if (!isComposite(entry.step)) throw new OracleUnsupported(where, `magnus fan on ${entry.step.type} step ${call.internalName}`);
  return call.mode === 'out' ? fanOut(world, log, entry.step, runtimeName, files, where) : fanIn(world, log, entry, runtimeName, runtimeGraph, where);
}

function checkRunId(log: LogView, runId: string, where: string) {
  if (runId === '' || runId.includes('{{')) throw new OracleUnsupported(where, `the run id ${JSON.stringify(runId)} is not a resolved value`);
  log.runId = log.currentRunId() ?? runId;
  if (log.runId !== runId) throw new OracleUnsupported(where, `run id ${runId} differs from ${log.runId}: the containers would write to different run logs`);
}

/**
 * magnus's `_resolve_map_placeholders`: each map variable, in the order of the JSON, replaces the
 * next placeholder. The JSON must name the enclosing maps outermost first, or magnus's names go wrong.
 */
function runtimeNameOf(internalName: string, entry: StepEntry, mapVariable: Record<string, string> | undefined, where: string): string {
  const keys = Object.keys(mapVariable ?? {});
  if (keys.join('\u0000') !== entry.mapVariables.join('\u0000')) {
    throw new OracleUnsupported(where, `--map-variable names ${JSON.stringify(keys)} but ${internalName} is inside the maps of ${JSON.stringify(entry.mapVariables)}`);
  }
  let name = internalName;
  for (const value of Object.values(mapVariable ?? {})) {
    if (value.includes('{{')) throw new OracleUnsupported(where, `the map variable value ${JSON.stringify(value)} is not resolved`);
    name = name.replace(MAP_BRANCH, value);
  }
  return name;
}

const isComposite = (step: Step): step is CompositeStep => step.type === 'parallel' || step.type === 'map' || step.type === 'dag';

function executeSingleNode(world: ContainerWorld, log: LogView, entry: StepEntry, runtimeName: string, runtimeGraph: string, where: string): number {
  const { step } = entry;
  if (isComposite(step)) throw new OracleUnsupported(where, `execute_single_node on ${step.type} step ${runtimeName}`);
  log.ran.push(runtimeName);
  if (step.type === 'success' || step.type === 'fail') {
    // Terminal nodes set their branch's status and themselves succeed.
    log.branches.set(runtimeGraph, step.type === 'success' ? 'SUCCESS' : 'FAIL');
    return 0;
  }
  const attempt = log.attemptsOf(runtimeName) + 1;
  log.attempts.set(runtimeName, attempt);
  const failed = attemptFails(world.scenario, runtimeName, attempt);
  if (failed && !step.on_failure) implicitFail(log, entry.graph, runtimeGraph, where);
  return failed ? 1 : 0;
}

function implicitFail(log: LogView, graph: Graph, runtimeGraph: string, where: string) {
  const failStep = graph.steps.find((s) => s.type === 'fail');
  if (!failStep) throw new OracleUnsupported(where, `graph ${runtimeGraph} has no fail step to run`);
  log.ran.push(joinPath(runtimeGraph, failStep.name));
  log.branches.set(runtimeGraph, 'FAIL');
}

/** The runtime names of a composite's branches, as magnus's fan-out and fan-in enumerate them. */
function branchesOf(world: ContainerWorld, step: CompositeStep, runtimeName: string, where: string): { names: string[]; items?: string[] } {
  if (step.type === 'map') {
    const items = step.iterate_on === undefined ? undefined : world.scenario.items[step.iterate_on];
    if (!items) throw new OracleUnsupported(where, `the scenario gives no list for iterate_on ${JSON.stringify(step.iterate_on)}`);
    return { names: items.map((item) => joinPath(runtimeName, item)), items };
  }
  if (step.type === 'dag' && !step.graph) throw new OracleUnsupported(where, `the nested dag of ${runtimeName} was not supplied`);
  return { names: childGraphs(step, runtimeName).map((child) => child.path) };
}

function fanOut(world: ContainerWorld, log: LogView, step: CompositeStep, runtimeName: string, files: Map<string, string>, where: string): number {
  const { names, items } = branchesOf(world, step, runtimeName, where);
  for (const name of names) log.branches.set(name, 'PROCESSING');
  log.fannedOut.add(runtimeName);
  if (items) files.set(MAP_OUTPUT_FILE, JSON.stringify(items, null, 4));
  return 0;
}

/** A branch still PROCESSING (one that has not ended yet) counts as not having succeeded, as in magnus. */
function fanIn(world: ContainerWorld, log: LogView, entry: StepEntry, runtimeName: string, runtimeGraph: string, where: string): number {
  const step = entry.step as CompositeStep;
  if (!log.hasFannedOut(runtimeName)) throw new OracleUnsupported(where, `fan-in of ${runtimeName} before its fan-out`);
  const { names } = branchesOf(world, step, runtimeName, where);
  log.fannedIn.push(runtimeName);
  const failed = names.some((name) => log.branch(name) !== 'SUCCESS');
  if (failed && !step.on_failure) implicitFail(log, entry.graph, runtimeGraph, where);
  return failed ? 1 : 0;
}
