import { childGraphs, joinPath, MAP_BRANCH } from '../../src/core/model/paths';
import type { CompositeStep, Graph, Pipeline, Step } from '../../src/core/model/types';
import { OracleUnsupported, type Run, type Scenario } from './scenario';
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
  readonly fannedIn = new Set<string>();
  /** The run id the first container used; every other container must use the same. */
  runId?: string;
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

export const MAP_OUTPUT_FILE = '/tmp/output.txt';

/** The run as the containers saw it: the steps run, and composites left without their fan-in. */
export function runOf(log: RunLog, succeeded: boolean): Run {
  const unjudged = [...log.fannedOut].filter((c) => !log.fannedIn.has(c));
  return { ran: log.ran, succeeded, ...(unjudged.length > 0 ? { unjudged } : {}) };
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

/** Runs one container given its argv (command + args, placeholders already resolved). */
export function runContainer(world: ContainerWorld, argv: string[], where: string): ContainerResult {
  const files = new Map<string, string>();
  const magnus = (args: string[]) => runMagnusCli(world, args, files, where);
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
  return { exitCode, files };
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

function runMagnusCli(world: ContainerWorld, args: string[], files: Map<string, string>, where: string): number {
  const call = parseMagnusCli(world, args, where);
  checkRunId(world, call.runId, where);
  const entry = world.steps.get(call.internalName);
  if (!entry) throw new OracleUnsupported(where, `magnus would find no step named ${JSON.stringify(call.internalName)}`);
  const runtimeName = runtimeNameOf(call.internalName, entry, call.mapVariable, where);
  const runtimeGraph = runtimeName.split('.').slice(0, -1).join('.');
  if (!world.log.branches.has(runtimeGraph)) {
    throw new OracleUnsupported(where, `${runtimeName} runs in branch ${runtimeGraph}, which no fan-out has opened (magnus would find no branch log)`);
  }
  if (call.command === 'execute_single_node') return executeSingleNode(world, entry, runtimeName, runtimeGraph, where);
  if (!isComposite(entry.step)) throw new OracleUnsupported(where, `magnus fan on ${entry.step.type} step ${call.internalName}`);
  return call.mode === 'out' ? fanOut(world, entry.step, runtimeName, files, where) : fanIn(world, entry, runtimeName, runtimeGraph, where);
}

function checkRunId(world: ContainerWorld, runId: string, where: string) {
  if (runId === '' || runId.includes('{{')) throw new OracleUnsupported(where, `the run id ${JSON.stringify(runId)} is not a resolved value`);
  world.log.runId ??= runId;
  if (world.log.runId !== runId) throw new OracleUnsupported(where, `run id ${runId} differs from ${world.log.runId}: the containers would write to different run logs`);
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

function executeSingleNode(world: ContainerWorld, entry: StepEntry, runtimeName: string, runtimeGraph: string, where: string): number {
  const { step } = entry;
  const { log } = world;
  if (isComposite(step)) throw new OracleUnsupported(where, `execute_single_node on ${step.type} step ${runtimeName}`);
  log.ran.push(runtimeName);
  if (step.type === 'success' || step.type === 'fail') {
    // Terminal nodes set their branch's status and themselves succeed.
    log.branches.set(runtimeGraph, step.type === 'success' ? 'SUCCESS' : 'FAIL');
    return 0;
  }
  const failed = world.scenario.failing.has(runtimeName);
  if (failed && !step.on_failure) implicitFail(world, entry.graph, runtimeGraph, where);
  return failed ? 1 : 0;
}

function implicitFail(world: ContainerWorld, graph: Graph, runtimeGraph: string, where: string) {
  const failStep = graph.steps.find((s) => s.type === 'fail');
  if (!failStep) throw new OracleUnsupported(where, `graph ${runtimeGraph} has no fail step to run`);
  world.log.ran.push(joinPath(runtimeGraph, failStep.name));
  world.log.branches.set(runtimeGraph, 'FAIL');
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

function fanOut(world: ContainerWorld, step: CompositeStep, runtimeName: string, files: Map<string, string>, where: string): number {
  const { names, items } = branchesOf(world, step, runtimeName, where);
  for (const name of names) world.log.branches.set(name, 'PROCESSING');
  world.log.fannedOut.add(runtimeName);
  if (items) files.set(MAP_OUTPUT_FILE, JSON.stringify(items, null, 4));
  return 0;
}

function fanIn(world: ContainerWorld, entry: StepEntry, runtimeName: string, runtimeGraph: string, where: string): number {
  const step = entry.step as CompositeStep;
  if (!world.log.fannedOut.has(runtimeName)) throw new OracleUnsupported(where, `fan-in of ${runtimeName} before its fan-out`);
  const { names } = branchesOf(world, step, runtimeName, where);
  world.log.fannedIn.add(runtimeName);
  const failed = names.some((name) => world.log.branches.get(name) !== 'SUCCESS');
  if (failed && !step.on_failure) implicitFail(world, entry.graph, runtimeGraph, where);
  return failed ? 1 : 0;
}
