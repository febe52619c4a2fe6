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

/** An input file whose content cannot be read (too large, not UTF-8): an error in the input. */
export class InputFileError extends Error {}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

export const isParseArgsError = (error: unknown) =>
  error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');

/** A file the system refuses (the output is a directory, a disk is full). */
export const isSystemError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).errno === 'number' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
