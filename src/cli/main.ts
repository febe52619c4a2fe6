import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkArgoWorkflowYaml } from '../core/check/argo';
import { checkKfpV2Yaml } from '../core/check/kfp-v2';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../core/diagnostics';
import { EMIT_TARGETS, type EmitTarget } from '../core/emit/index';
import { KFP_DEFAULTS } from '../core/model/defaults';
import type { Pipeline, Variable } from '../core/model/types';
import { substituteVariables, variableMap } from '../core/model/variables';
import type { MagnusInput } from '../core/magnus/import';
import { loadPipeline, transpile } from '../core/transpile';
import { HELP, TRANSPILE_HELP, VALIDATE_HELP } from './help';
import { environmentParameters, environmentVariables } from './environment';

export const EXIT_OK = 0;
export const EXIT_INPUT_ERRORS = 1;
export const EXIT_USAGE = 2;
/** deploy: the Kubeflow server refused, failed or could not be reached. */
export const EXIT_SERVER = 3;

export class UsageError extends Error {}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

const nodeIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});

/**
 * Runs the command line and returns the exit code (0 ok, 1 errors in the input, 2 wrong usage,
 * 3 server failure); a promise of it for the commands that talk to a server.
 */
export function runCli(argv: string[], io: CliIo = nodeIo()): number | Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(HELP);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (command === '--version') {
      io.stdout('kfp-designer 0.1.0\n');
      return EXIT_OK;
    }
    if (command === 'transpile') return runTranspile(rest, io);
    if (command === 'validate') return runValidate(rest, io);
    // Loaded only when used: transpile and validate do not pay for the HTTP client or the server.
    if (command === 'deploy') return import('./deploy-command').then((m) => m.runDeploy(rest, io));
    if (command === 'serve') return import('./serve/serve-command').then((m) => m.runServe(rest, io));
    throw new UsageError(`unknown command \`${command}\` (commands: transpile, validate, deploy, serve)`);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`kfp-designer: ${(error as Error).message}\nRun \`kfp-designer --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

export const COMMON_OPTIONS = {
  config: { type: 'string', short: 'c' },
  parameters: { type: 'string', short: 'p' },
  var: { type: 'string', multiple: true },
  'image-dag-path': { type: 'string' },
  'image-config-path': { type: 'string' },
  'image-parameters-path': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

function runTranspile(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...COMMON_OPTIONS, target: { type: 'string', short: 't' }, output: { type: 'string', short: 'o' }, timestamp: { type: 'boolean' } },
  });
  if (values.help) return help(io, TRANSPILE_HELP);
  const target = (values.target ?? 'kfp-v2') as EmitTarget;
  if (!EMIT_TARGETS.includes(target)) throw new UsageError(`--target must be one of ${EMIT_TARGETS.join(', ')}, not \`${values.target}\``);
  const input = readInput(positionals, values, io);
  const result = transpile(input.magnus, { target, ...(values.timestamp ? { timestamp: new Date() } : {}) });
  report(result.diagnostics, input, io, values.verbose === true);
  if (!result.pipeline || result.text === undefined || hasErrors(result.diagnostics)) return EXIT_INPUT_ERRORS;

  if (!passesStrictCheck(target, result.text, io)) return EXIT_INPUT_ERRORS;

  const output = values.output ?? outputFileOf(result.pipeline);
  if (output === '-') {
    io.stdout(result.text);
    return EXIT_OK;
  }
  const outputPath = resolve(io.cwd, output);
  const clobbered = input.readPaths.find((p) => resolve(io.cwd, p) === outputPath);
  if (clobbered) {
    throw new UsageError(
      `the output \`${output}\` is the input file \`${clobbered}\`${output === KFP_DEFAULTS.output_file ? " (magnus's default pipeline file and output_file are both pipeline.yaml)" : ''}; choose another with -o or output_file`,
    );
  }
  writeFileSync(outputPath, result.text);
  io.stderr(`kfp-designer: wrote ${output} (${target})\n`);
  return EXIT_OK;
}

/** The output through the same strict checker the tests use; a failure is ours, reported as such. */
export function passesStrictCheck(target: EmitTarget, text: string, io: CliIo): boolean {
  const problems = (target === 'kfp-v2' ? checkKfpV2Yaml : checkArgoWorkflowYaml)(text).problems;
  if (problems.length === 0) return true;
  io.stderr(`kfp-designer: internal error: the ${target} output failed its own strict check (please report this):\n`);
  for (const p of problems) io.stderr(`  ${p.path || '/'}: ${p.message}\n`);
  return false;
}

/** The config's output_file with `${var}` resolved (validation refused unresolved ones), else magnus's default. */
function outputFileOf(pipeline: Pipeline): string {
  const written = pipeline.executor.output_file;
  return written === undefined ? KFP_DEFAULTS.output_file : substituteVariables(written, variableMap(pipeline.variables)).text;
}

function runValidate(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMON_OPTIONS });
  if (values.help) return help(io, VALIDATE_HELP);
  const input = readInput(positionals, values, io);
  const result = loadPipeline(input.magnus);
  report(result.diagnostics, input, io, values.verbose === true);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  io.stderr(`kfp-designer: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  return result.pipeline && errors === 0 ? EXIT_OK : EXIT_INPUT_ERRORS;
}

function help(io: CliIo, text: string) {
  io.stdout(text);
  return EXIT_OK;
}

export interface CliInput {
  magnus: MagnusInput;
  /** Actual file paths read, by the diagnostic file key they report under. */
  fileNames: Record<string, string>;
  readPaths: string[];
}

export function readInput(
  positionals: string[],
  values: { config?: string; parameters?: string; var?: string[]; 'image-dag-path'?: string; 'image-config-path'?: string; 'image-parameters-path'?: string },
  io: CliIo,
): CliInput {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the dag file' : `expected one dag file, got ${positionals.join(' ')}`);
  const [dagPath] = positionals;
  const read = (path: string) => {
    const full = resolve(io.cwd, path);
    if (!existsSync(full)) throw new UsageError(`cannot read \`${path}\`: no such file`);
    return readFileSync(full, 'utf8');
  };
  const variables: Variable[] = [...environmentVariables(io.env), ...(values.var ?? []).map(parseVarOption)];
  const fileNames: Record<string, string> = { dag: dagPath };
  if (values.config) fileNames.config = values.config;
  if (values.parameters) fileNames.parameters = values.parameters;
  // Every file read, nested dag files included: none of them may be overwritten by the output.
  const readPaths = Object.values(fileNames);
  const magnus: MagnusInput = {
    dag: { text: read(dagPath), path: values['image-dag-path'] ?? dagPath },
    ...(values.config ? { config: { text: read(values.config), path: values['image-config-path'] ?? values.config } } : {}),
    ...(values.parameters ? { parameters: { text: read(values.parameters), path: values['image-parameters-path'] ?? values.parameters } } : {}),
    // magnus resolves dag_definition against the working directory, not the including file (§4.5).
    nested: (path) => {
      const full = resolve(io.cwd, path);
      if (!existsSync(full)) return undefined;
      readPaths.push(path);
      return readFileSync(full, 'utf8');
    },
    variables,
  };
  const envParameters = environmentParameters(io.env);
  if (envParameters.length > 0) magnus.environmentParameters = envParameters;
  return { magnus, fileNames, readPaths };
}

function parseVarOption(option: string): Variable {
  const at = option.indexOf('=');
  if (at <= 0) throw new UsageError(`--var takes NAME=VALUE, not \`${option}\``);
  return { name: option.slice(0, at), value: option.slice(at + 1) };
}

export function report(diagnostics: Diagnostic[], input: CliInput, io: CliIo, verbose: boolean) {
  for (const d of diagnostics) {
    if (d.severity === 'info' && !verbose) continue;
    io.stderr(formatDiagnostic(d, d.file ? (input.fileNames[d.file] ?? d.file) : undefined) + '\n');
  }
}

export const isParseArgsError = (error: unknown) =>
  error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
