import type { Pipeline } from '../model/types';
import { pythonJson } from './python-json';
import { commandFriendlyName } from './names';

/** The level magnus's CLI passes on by default; containers accept INFO, DEBUG, WARNING, ERROR, FATAL. */
export const LOG_LEVEL = 'WARNING';

/** The containers' `--log-level`: the config's `log_level` (runnable's Argo executor has one), else magnus's default. */
const logLevel = (pipeline: Pipeline) => pipeline.executor.log_level || LOG_LEVEL;

/**
 * `magnus execute_single_node <run id> <name> --log-level … --file … [--map-variable …]
 * [--config-file …] [--parameters-file …] [--tag …]`, options in exactly this order (§8.1),
 * already split into arguments as shlex would.
 */
export function executeSingleNode(pipeline: Pipeline, stepPath: string, runId: string, mapVariable?: string): string[] {
  const { files, tag } = pipeline;
  return [
    'magnus',
    'execute_single_node',
    runId,
    commandFriendlyName(stepPath),
    '--log-level',
    logLevel(pipeline),
    '--file',
    files.dag,
    ...(mapVariable !== undefined ? ['--map-variable', mapVariable] : []),
    ...(files.config !== undefined ? ['--config-file', files.config] : []),
    ...(files.parameters !== undefined ? ['--parameters-file', files.parameters] : []),
    ...(tag !== undefined ? ['--tag', tag] : []),
  ];
}

/** `magnus fan <run id> <name> --mode in|out --file … --log-level … [--config-file …] [--parameters-file …] [--map-variable …] [--tag …]` (§8.2). */
export function fan(pipeline: Pipeline, stepPath: string, mode: 'in' | 'out', runId: string, mapVariable?: string): string[] {
  const { files, tag } = pipeline;
  return [
    'magnus',
    'fan',
    runId,
    commandFriendlyName(stepPath),
    '--mode',
    mode,
    '--file',
    files.dag,
    '--log-level',
    logLevel(pipeline),
    ...(files.config !== undefined ? ['--config-file', files.config] : []),
    ...(files.parameters !== undefined ? ['--parameters-file', files.parameters] : []),
    ...(mapVariable !== undefined ? ['--map-variable', mapVariable] : []),
    ...(tag !== undefined ? ['--tag', tag] : []),
  ];
}

/** `--map-variable`'s JSON: the enclosing maps' variables, outermost first, as magnus's json.dumps wrote it. */
export function mapVariableJson(variables: readonly string[], valueOf: (name: string) => string): string | undefined {
  return variables.length === 0 ? undefined : pythonJson(Object.fromEntries(variables.map((name) => [name, valueOf(name)])), { sortKeys: false });
}

/** POSIX shell quoting, for the places that need a shell (KFP v2 parameter exports and map outputs). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'"'"'`)}'`;
}

export interface ShellWrapping {
  /** Environment variables exported from run-time values (placeholders), e.g. the run's `MAGNUS_PRM_*`. */
  exports?: { env: string; value: string }[];
  /** A run-time value (placeholder) that receives /tmp/output.txt once magnus succeeded: a map's list. */
  copyOutputTo?: string;
  /** Exit non-zero after magnus, whatever it returned: an explicit fail step must fail the run. */
  failAfterwards?: boolean;
  /**
   * Run magnus until it succeeds, at most once more than there are `waits` (the seconds slept
   * before each further attempt), write `succeeded` or `failed` to `file` (a run-time value) and
   * exit 0: the KFP v2 status wrapper of docs/composite-emission.md.
   */
  recordStatus?: { file: string; waits: readonly number[] };
}

/**
 * The magnus argv as `sh -c` with its run-time values as positional arguments: a value (a map item,
 * a parameter typed in the UI) is never spliced into the script, where a quote would break it.
 * `env` takes names a shell assignment would not (`MAGNUS_PRM_learning-rate`).
 */
export function wrapInShell(argv: string[], wrapping: ShellWrapping): { command: string[]; args: string[] } {
  const args: string[] = [];
  const positional = (value: string) => {
    args.push(value);
    return `"$${args.length - 1}"`;
  };
  const words = argv.map((word) => (word.includes('{{') ? positional(word) : shellQuote(word)));
  const exports = (wrapping.exports ?? []).map((e) => `${shellQuote(`${e.env}=`)}${positional(e.value)}`);
  const magnus = exports.length > 0 ? ['env', ...exports, ...words].join(' ') : words.join(' ');
  let script: string;
  if (wrapping.recordStatus !== undefined) {
    const out = positional(wrapping.recordStatus.file);
    // `a || { sleep 5; a; } && x || y` is `((a || {…}) && x) || y`: the attempts until one succeeds, then the status.
    const retries = wrapping.recordStatus.waits.map((wait) => (wait > 0 ? `{ sleep ${wait}; ${magnus}; }` : magnus));
    const attempts = [magnus, ...retries].join(' || ');
    script = `${attempts} && printf succeeded > ${out} || printf failed > ${out}`;
  } else if (wrapping.copyOutputTo !== undefined) script = `${magnus} && cp /tmp/output.txt ${positional(wrapping.copyOutputTo)}`;
  else if (wrapping.failAfterwards) script = `${magnus}; exit 1`;
  else script = `exec ${magnus}`;
  return { command: ['sh', '-c', script], args };
}
