import type { Pipeline } from '../model/types';
import { commandFriendlyName } from './names';

/** The level magnus's CLI passes on by default; containers accept INFO, DEBUG, WARNING, ERROR, FATAL. */
export const LOG_LEVEL = 'WARNING';

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
    LOG_LEVEL,
    '--file',
    files.dag,
    ...(mapVariable !== undefined ? ['--map-variable', mapVariable] : []),
    ...(files.config !== undefined ? ['--config-file', files.config] : []),
    ...(files.parameters !== undefined ? ['--parameters-file', files.parameters] : []),
    ...(tag !== undefined ? ['--tag', tag] : []),
  ];
}

/** POSIX shell quoting, for the one place we need a shell (exporting parameters in KFP v2). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'"'"'`)}'`;
}
