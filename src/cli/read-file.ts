import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { describeBytes, MAX_FILE_BYTES } from '../core/limits';
import { decodeText } from '../core/text-encoding';

/**
 * Why a file could not be read. `missing` and `unusable` name the wrong thing (a path that does
 * not exist, a directory, a device); `content` is a file whose bytes cannot be a YAML file.
 */
export interface ReadProblem {
  kind: 'missing' | 'unusable' | 'content';
  code: 'E_FILE_TOO_LARGE' | 'E_FILE_ENCODING' | 'E_FILE_UNREADABLE';
  message: string;
}

export type ReadOutcome = { text: string } | { problem: ReadProblem };

const unusable = (message: string): ReadOutcome => ({ problem: { kind: 'unusable', code: 'E_FILE_UNREADABLE', message } });
const tooLarge = (bytes: string): ReadOutcome => ({
  problem: { kind: 'content', code: 'E_FILE_TOO_LARGE', message: `the file is ${bytes}; files larger than ${describeBytes(MAX_FILE_BYTES)} are not read` },
});

/**
 * Reads one input file within the budgets: regular files only (a pipe only when the user named it
 * on the command line, as `<(…)` does), at most MAX_FILE_BYTES read whatever the file claims, and
 * decoded as UTF-8 or BOM-marked UTF-16 (refused otherwise, never read as U+FFFD).
 *
 * A file that is not a pipe is opened non-blocking, so a FIFO put in its place after the check
 * cannot make the read wait for a writer for ever.
 */
export function readInputFile(fullPath: string, { allowPipe }: { allowPipe: boolean }): ReadOutcome {
  let fd: number | undefined;
  try {
    const isPipe = allowPipe && statSync(fullPath).isFIFO();
    fd = openSync(fullPath, constants.O_RDONLY | (isPipe ? 0 : (constants.O_NONBLOCK ?? 0)));
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return unusable('it is a directory');
    if (!stat.isFile() && !(isPipe && stat.isFIFO())) return unusable('it is not a regular file (a device, pipe or socket)');
    if (stat.size > MAX_FILE_BYTES) return tooLarge(describeBytes(stat.size));
    const bytes = readAtMost(fd, MAX_FILE_BYTES + 1, stat.size);
    if (bytes.length > MAX_FILE_BYTES) return tooLarge(`more than ${describeBytes(MAX_FILE_BYTES)}`);
    const decoded = decodeText(bytes);
    if ('error' in decoded) return { problem: { kind: 'content', code: 'E_FILE_ENCODING', message: decoded.error } };
    return { text: decoded.text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: { kind: 'missing', code: 'E_FILE_UNREADABLE', message: 'no such file' } };
    return unusable(describeError(error as NodeJS.ErrnoException));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Not zero-filled: only the bytes read are kept. (Zeroing 1 MiB for each read, two per file, was
 * ~3 % of a `transpile` of a small pipeline.) A regular file is read into one buffer a byte larger
 * than its size, where a read of 0 bytes confirms its end (a small one comes from Node's shared
 * pool), rather than into 1 MiB buffers, two per file: fresh memory the kernel maps page by page.
 * Bytes beyond `expected` (a file that grew, a pipe, whose size is 0) are read 1 MiB at a time.
 */
function readAtMost(fd: number, limit: number, expected: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  let size = expected + 1;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(size, limit - total));
    let filled = 0;
    let read: number;
    do {
      read = readSync(fd, chunk, filled, chunk.length - filled, null);
      filled += read;
    } while (read !== 0 && filled < chunk.length);
    chunks.push(chunk.subarray(0, filled));
    total += filled;
    if (filled < chunk.length) break;
    size = 1 << 20;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

const ERRNO_WORDS = new Map([
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['EIO', 'input/output error'],
  ['ELOOP', 'too many symbolic links'],
  ['EAGAIN', 'it is not ready to be read (a pipe or device)'],
]);

function describeError(error: NodeJS.ErrnoException): string {
  return ERRNO_WORDS.get(error.code ?? '') ?? error.message.replace(/^\w+: /, '').replace(/, \w+ .*$/, '');
}

/**
 * Whether `fullPath` (symbolic links followed) is inside `cwd`. A dag from an untrusted pull
 * request names its nested files: outside the working directory they are read only when asked.
 */
export function isInside(fullPath: string, cwd: string): boolean {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path); // a missing file is reported as missing, where it would be
    }
  };
  const rel = relative(real(cwd), real(fullPath));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
