/**
 * What every command shares: exit codes, the usage error, and the output and environment a command
 * gets. Below main.ts and the commands it loads, so they import it without importing each other.
 */
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

export const isParseArgsError = (error: unknown) =>
  error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
