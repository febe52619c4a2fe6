/** The files and variables a command reads, and how it reports diagnostics on them. */
import { resolve } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics';
import type { MagnusInput } from '../core/magnus/import';
import type { Variable } from '../core/model/types';
import { ownValue } from '../core/own';
import { InputFileError, UsageError, type CliIo } from './cli-io';
import { environmentParameters, environmentVariables } from './environment';
import { readNestedFile } from './nested-files';
import { readInputFile } from './read-file';

export const COMMON_OPTIONS = {
  config: { type: 'string', short: 'c' },
  parameters: { type: 'string', short: 'p' },
  var: { type: 'string', multiple: true },
  'image-dag-path': { type: 'string' },
  'image-config-path': { type: 'string' },
  'image-parameters-path': { type: 'string' },
  'allow-outside-cwd': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface CliInput {
  magnus: MagnusInput;
  /** Actual file paths read, by the diagnostic file key they report under. */
  fileNames: Record<string, string>;
  readPaths: string[];
}

export function readInput(
  positionals: string[],
  values: {
    config?: string;
    parameters?: string;
    var?: string[];
    'image-dag-path'?: string;
    'image-config-path'?: string;
    'image-parameters-path'?: string;
    'allow-outside-cwd'?: boolean;
  },
  io: CliIo,
): CliInput {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the dag file' : `expected one dag file, got ${positionals.join(' ')}`);
  const [dagPath] = positionals;
  const read = (path: string) => {
    const outcome = readInputFile(resolve(io.cwd, path), { allowPipe: true });
    if ('text' in outcome) return outcome.text;
    const { kind, code, message } = outcome.problem;
    if (kind === 'content') throw new InputFileError(`${path}: error ${code}: ${message}`);
    throw new UsageError(`cannot read \`${path}\`: ${message}`);
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
      const text = readNestedFile(path, io.cwd, values['allow-outside-cwd'] === true);
      if (typeof text === 'string') readPaths.push(path);
      return text;
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
    io.stderr(formatDiagnostic(d, d.file ? (ownValue(input.fileNames, d.file) ?? d.file) : undefined) + '\n');
  }
}
