import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../core/limits';
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, runCli, type CliIo } from './main';

const DAG = `dag:
  start_at: train
  steps:
    train: {type: task, command: m.train, next: success}
    success: {type: success}
    fail: {type: fail}
`;
const CONFIG = `executor:
  type: kfp
  config: {docker_image: img:1}
run_log_store:
  type: k8s-pvc
  config: {persistent_volume_name: logs, mount_path: /mnt/logs}
`;
const nestingDag = (definition: string) => `dag:
  start_at: inner
  steps:
    inner: {type: dag, dag_definition: ${JSON.stringify(definition)}, next: success}
    success: {type: success}
    fail: {type: fail}
`;

let dir: string;
let out: string[];
let err: string[];
const io = (): CliIo => ({ stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir });
const write = (name: string, content: string | Uint8Array) => writeFileSync(join(dir, name), content);
const run = (...args: string[]) => runCli(['transpile', ...args, '-o', '-'], io());
const stderr = () => err.join('');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kfp-designer-files-'));
  out = [];
  err = [];
  write('dag.yaml', DAG);
  write('config.yaml', CONFIG);
});

/** A Node stack trace printed for the user, which must never happen. */
const noStackTrace = () => expect(stderr()).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);

describe('the files the command line is given', () => {
  it.each([
    ['the dag', ['.', '-c', 'config.yaml']],
    ['the config', ['dag.yaml', '-c', '.']],
    ['the parameters', ['dag.yaml', '-c', 'config.yaml', '-p', '.']],
  ])('a directory as %s is refused in one line, without a stack trace', async (_what, args) => {
    expect(await run(...args)).toBe(EXIT_USAGE);
    expect(stderr()).toMatch(/cannot read `\.`: it is a directory/);
    noStackTrace();
  });

  it('an unreadable file is refused in one line', async () => {
    // Reading /proc/self/mem from its start fails (EIO) for every user, root included.
    expect(await run('dag.yaml', '-c', '/proc/self/mem')).toBe(EXIT_USAGE);
    expect(stderr()).toMatch(/cannot read `\/proc\/self\/mem`: /);
    noStackTrace();
  });

  it('an output that cannot be written is one line, without a stack trace', async () => {
    mkdirSync(join(dir, 'out.yaml'));
    expect(await runCli(['transpile', 'dag.yaml', '-c', 'config.yaml', '-o', 'out.yaml'], io())).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toMatch(/^kfp-designer: EISDIR: illegal operation on a directory, open '.*out\.yaml'$/m);
    noStackTrace();
  });

  it('a device is refused without being read', async () => {
    expect(await run('/dev/zero')).toBe(EXIT_USAGE);
    expect(stderr()).toMatch(/`\/dev\/zero`: it is not a regular file/);
  });

  it('reads a pipe given on the command line, as from `<(…)`', async () => {
    execFileSync('mkfifo', [join(dir, 'dag.pipe')]);
    const writer = spawn('sh', ['-c', 'cat dag.yaml > dag.pipe'], { cwd: dir });
    const exited = new Promise((done) => writer.on('exit', done));
    expect(await run('dag.pipe', '-c', 'config.yaml')).toBe(EXIT_OK);
    await exited;
    expect(out.join('')).toContain('exec-train');
  });

  it('reads a pipe longer than one buffer, and refuses one that goes on past the limit', async () => {
    const fromPipe = async (content: string) => {
      write('content.yaml', content);
      execFileSync('mkfifo', [join(dir, 'dag.pipe')]);
      const writer = spawn('sh', ['-c', 'cat content.yaml > dag.pipe; rm dag.pipe'], { cwd: dir });
      const exited = new Promise((done) => writer.on('exit', done));
      const code = await run('dag.pipe', '-c', 'config.yaml');
      await exited;
      return code;
    };
    // A pipe's size is 0: its bytes come 1 MiB at a time.
    expect(await fromPipe(`${DAG}# ${'x'.repeat(2.5 * 1024 * 1024)}\n`)).toBe(EXIT_OK);
    expect(out.join('')).toContain('exec-train');
    expect(await fromPipe(`${DAG}# ${'x'.repeat(MAX_FILE_BYTES)}\n`)).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toMatch(/^dag\.pipe: error E_FILE_TOO_LARGE: the file is more than 8 MiB/m);
  });

  it(`refuses a file over ${MAX_FILE_BYTES / 1024 / 1024} MiB with the limit, before parsing it`, async () => {
    write('huge.yaml', `${DAG}# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
    expect(await run('huge.yaml', '-c', 'config.yaml')).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toMatch(/^huge\.yaml: error E_FILE_TOO_LARGE: .*8 MiB/m);
  });
});

describe('encodings', () => {
  it('refuses a Latin-1 file with the byte, line and column, instead of reading U+FFFD', async () => {
    write('latin1.yaml', Buffer.from(DAG.replace('m.train', 'm.tr\u00e4in'), 'latin1'));
    expect(await run('latin1.yaml', '-c', 'config.yaml')).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toMatch(/^latin1\.yaml: error E_FILE_ENCODING: the file is not UTF-8: byte \d+ \(line 4, column 38\) is 0xE4/m);
    expect(out.join('')).toBe('');
  });

  it('reads UTF-16 files marked by a byte-order mark, and UTF-8 ones with a mark', async () => {
    write('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DAG.replace('dag:\n', 'dag:\n  description: Grüße 東京\n'), 'utf16le')]));
    write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CONFIG)]));
    expect(await run('utf16.yaml', '-c', 'bom.yaml')).toBe(EXIT_OK);
    expect(out.join('')).toContain('description: "Grüße 東京"');
  });

  it('refuses UTF-16 without a byte-order mark, naming it', async () => {
    write('utf16.yaml', Buffer.from(DAG, 'utf16le'));
    expect(await run('utf16.yaml', '-c', 'config.yaml')).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toMatch(/^utf16\.yaml: error E_FILE_ENCODING: .*UTF-16 without a byte-order mark/m);
  });
});

describe('nested dag_definition files', () => {
  it('a directory is a positioned error, not an internal one', async () => {
    mkdirSync(join(dir, 'sub'));
    write('outer.yaml', nestingDag('sub'));
    expect(await run('outer.yaml', '-c', 'config.yaml')).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toMatch(/^outer\.yaml:4:\d+: error E_NESTED_DAG_UNREADABLE: `sub` cannot be read: it is a directory/m);
    expect(stderr()).not.toContain('INTERNAL');
  });

  it('a FIFO is refused without opening it for reading (which would wait for a writer for ever)', async () => {
    execFileSync('mkfifo', [join(dir, 'nested.yaml')]);
    write('outer.yaml', nestingDag('nested.yaml'));
    expect(await run('outer.yaml', '-c', 'config.yaml')).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toMatch(/E_NESTED_DAG_UNREADABLE: `nested\.yaml` cannot be read: it is not a regular file/);
  });

  it.each(['/dev/zero', '../outside.yaml', '/etc/hostname'])('`%s`, outside the working directory, is refused unless --allow-outside-cwd is given', async (path) => {
    write('outer.yaml', nestingDag(path));
    expect(await run('outer.yaml', '-c', 'config.yaml')).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toMatch(/E_NESTED_DAG_OUTSIDE: .*outside the working directory.*--allow-outside-cwd/);
  });

  it('a symbolic link inside the working directory that leads outside it is refused too', async () => {
    execFileSync('ln', ['-s', '/etc/hostname', join(dir, 'link.yaml')]);
    write('outer.yaml', nestingDag('link.yaml'));
    expect(await run('outer.yaml', '-c', 'config.yaml')).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toContain('E_NESTED_DAG_OUTSIDE');
  });

  it('with --allow-outside-cwd, a file outside is read, and a device is still refused', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'kfp-designer-outside-'));
    writeFileSync(join(outside, 'inner.yaml'), DAG);
    write('outer.yaml', nestingDag(join(outside, 'inner.yaml')));
    expect(await run('outer.yaml', '-c', 'config.yaml', '--allow-outside-cwd')).toBe(EXIT_OK);
    write('outer.yaml', nestingDag('/dev/zero'));
    err = [];
    expect(await run('outer.yaml', '-c', 'config.yaml', '--allow-outside-cwd')).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toMatch(/`\/dev\/zero` cannot be read: it is not a regular file/);
  });

  it('a nested file that is not UTF-8 is refused with its encoding problem', async () => {
    write('inner.yaml', Buffer.from(DAG.replace('m.train', 'm.tr\u00e4in'), 'latin1'));
    write('outer.yaml', nestingDag('inner.yaml'));
    expect(await run('outer.yaml', '-c', 'config.yaml')).toBe(EXIT_INPUT_ERRORS);
    expect(stderr()).toMatch(/E_NESTED_DAG_UNREADABLE: `inner\.yaml` cannot be read: the file is not UTF-8/);
  });
});
