import { resolve } from 'node:path';
import type { NestedReadProblem } from '../core/magnus/import';
import { isInside, readInputFile } from './read-file';

/**
 * A nested `dag_definition` file, named by the dag rather than by the user: read only when it is a
 * regular file inside the working directory (symbolic links followed), unless the user allows
 * files outside it. A dag from an untrusted pull request must not make CI read arbitrary paths.
 */
export function readNestedFile(path: string, cwd: string, allowOutside: boolean): string | NestedReadProblem | undefined {
  const full = resolve(cwd, path);
  if (!allowOutside && !isInside(full, cwd)) {
    return {
      code: 'E_NESTED_DAG_OUTSIDE',
      message: `\`${path}\` is outside the working directory; nested dag files are read only inside it, unless --allow-outside-cwd is given`,
    };
  }
  const outcome = readInputFile(full, { allowPipe: false });
  if ('text' in outcome) return outcome.text;
  if (outcome.problem.kind === 'missing') return undefined;
  return { code: 'E_NESTED_DAG_UNREADABLE', message: `\`${path}\` cannot be read: ${outcome.problem.message}` };
}
