import { writeFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hasErrors } from '../core/diagnostics';
import type { EmitTarget } from '../core/emit/options';
import { KFP_DEFAULTS } from '../core/model/defaults';
import type { Pipeline } from '../core/model/types';
import { substituteVariables, variableMap } from '../core/model/variables';
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, InputFileError, UsageError, isParseArgsError, isSystemError, type CliIo } from './cli-io';
import { HELP, TRANSPILE_HELP, VALIDATE_HELP } from './help';
import { COMMON_OPTIONS, readInput, report } from './input';
import { passesStrictCheck } from './strict-check';

export { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_SERVER, EXIT_USAGE, type CliIo } from './cli-io';

const nodeIo = (): CliIo => ({
  stdout: (text) => {
    stdoutStream = true;
    process.stdout.write(text);
  },
  stderr: writeStderr,
  env: process.env,
  cwd: process.cwd(),
});

let stdoutStream = false;
let stderrStream = false;

/**
 * Resolves once what the commands wrote through Node's streams has gone to the system, so that the
 * process can exit at once (bin/kfp-designer.cjs): Node writes to a pipe asynchronously on POSIX, and
 * an exit right after a large write would cut it short. A write of nothing calls back once every
 * write before it is done. Streams never used are not set up for this.
 */
export async function outputWritten(): Promise<void> {
  const used = [...(stdoutStream ? [process.stdout] : []), ...(stderrStream ? [process.stderr] : [])];
  await Promise.all(used.map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
}

/**
 * Messages go to stderr with write(2): the first use of `process.stderr` loads Node's stream (and,
 * for a pipe, socket) modules, a few ms of a `transpile` that writes one line there. When the
 * descriptor cannot take the text (a non-blocking pipe that is full, a closed descriptor) the rest
 * goes through `process.stderr`, and so does every later message, so that none overtakes another.
 */
function writeStderr(text: string): void {
  if (stderrStream) {
    process.stderr.write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(2, bytes, written);
  } catch {
    stderrStream = true;
    process.stderr.write(bytes.subarray(written));
  }
}

/**
 * Runs the command line and returns the exit code (0 ok, 1 errors in the input, 2 wrong usage,
 * 3 server failure). A command loads what it needs with `import()` — the transpiler core, one
 * target's checker, the HTTP client, the server — so `--help` and `validate` start without the
 * checkers (the built CLI splits at these imports; keep heavy modules out of this file's static
 * imports: src/cli/startup.test.ts).
 */
export async function runCli(argv: string[], io: CliIo = nodeIo()): Promise<number> {
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
    if (command === 'transpile') return await runTranspile(rest, io);
    if (command === 'validate') return await runValidate(rest, io);
    if (command === 'deploy') return await (await import('./deploy-command')).runDeploy(rest, io);
    if (command === 'serve') return await (await import('./serve/serve-command')).runServe(rest, io);
    throw new UsageError(`unknown command \`${command}\` (commands: transpile, validate, deploy, serve)`);
  } catch (error) {
    if (error instanceof InputFileError) {
      io.stderr(`${error.message}\n`);
      return EXIT_INPUT_ERRORS;
    }
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`kfp-designer: ${(error as Error).message}\nRun \`kfp-designer --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    // A file the system refuses (the output is a directory, a disk is full): one line, no stack trace.
    if (isSystemError(error)) {
      io.stderr(`kfp-designer: ${error.message}\n`);
      return EXIT_INPUT_ERRORS;
    }
    throw error;
  }
}

async function runTranspile(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...COMMON_OPTIONS, target: { type: 'string', short: 't' }, output: { type: 'string', short: 'o' }, timestamp: { type: 'boolean' } },
  });
  if (values.help) return help(io, TRANSPILE_HELP);
  const [{ transpile }, { EMIT_TARGETS }] = await Promise.all([import('../core/transpile'), import('../core/emit/options')]);
  const target = (values.target ?? 'kfp-v2') as EmitTarget;
  if (!EMIT_TARGETS.includes(target)) throw new UsageError(`--target must be one of ${EMIT_TARGETS.join(', ')}, not \`${values.target}\``);
  const input = readInput(positionals, values, io);
  const result = transpile(input.magnus, { target, ...(values.timestamp ? { timestamp: new Date() } : {}) });
  report(result.diagnostics, input, io, values.verbose === true);
  if (!result.pipeline || result.text === undefined || hasErrors(result.diagnostics)) return EXIT_INPUT_ERRORS;

  if (!(await passesStrictCheck(target, result.text, io))) return EXIT_INPUT_ERRORS;

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

/** The config's output_file with `${var}` resolved (validation refused unresolved ones), else magnus's default. */
function outputFileOf(pipeline: Pipeline): string {
  const written = pipeline.executor.output_file;
  return written === undefined ? KFP_DEFAULTS.output_file : substituteVariables(written, variableMap(pipeline.variables)).text;
}

async function runValidate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMON_OPTIONS });
  if (values.help) return help(io, VALIDATE_HELP);
  const { loadPipeline } = await import('../core/transpile');
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
