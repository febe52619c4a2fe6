import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_DIR, BUNDLE_ENTRY, bundleStaleness, CACHE_SUFFIX, INPUTS_FILE, loadBundle, WRAPPER, WRAPPER_END } from '../../bin/bundle.cjs';
import { checkKfpV2Yaml } from '../core/check/kfp-v2';
import type { CheckResult } from '../core/check/types';
import type { EmitTarget } from '../core/emit/options';
import type { CliIo } from './cli-io';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * A scratch repository holding the real bin/ and stand-ins for the bundle and the sources, so both
 * ways the bin can start are exercised without building anything.
 */
let scratch: string;
const run = (...args: string[]) => spawnSync(process.execPath, [join(scratch, 'bin', 'kfp-designer.cjs'), ...args], { cwd: scratch, encoding: 'utf8' });
const write = (path: string, text: string) => {
  mkdirSync(join(scratch, path, '..'), { recursive: true });
  writeFileSync(join(scratch, path), text);
};
const recordInputs = (...files: string[]) =>
  write(`${BUNDLE_DIR}/${INPUTS_FILE}`, JSON.stringify({ files: files.map((f) => [f, statSync(join(scratch, f)).size, statSync(join(scratch, f)).mtimeMs]) }));

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'kfp-designer-bin-'));
  cpSync(join(ROOT, 'bin'), join(scratch, 'bin'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'));
  write('package.json', '{ "type": "module" }\n');
  write('src/cli/bin.ts', 'export async function main(argv: string[]): Promise<number> { process.stdout.write(`sources ${argv.join(" ")}`); return 0; }\n');
  write('scripts/precompile-checkers.ts', 'export async function ensurePrecompiledCheckers(): Promise<boolean> { return false; }\n');
  // Written as the build writes chunks: wrapped in the CommonJS module function.
  const chunk = (code: string) => `${WRAPPER}${code}${WRAPPER_END}`;
  // Its main resolves once its output is written, as src/cli/bin.ts's does: the bin exits then.
  write(
    `${BUNDLE_DIR}/${BUNDLE_ENTRY}`,
    chunk('const part = require("./chunks/part.cjs");\nexports.main = async (argv) => { await new Promise((written) => process.stdout.write(`bundle ${part.word} ${argv.join(" ")}`, written)); return 3; };'),
  );
  write(`${BUNDLE_DIR}/chunks/part.cjs`, chunk('exports.word = require("node:path").basename("/a/chunk");'));
});

describe('bin/kfp-designer.cjs', () => {
  it('runs the bundle while every file it was built from is unchanged', () => {
    recordInputs('src/cli/bin.ts');
    expect(bundleStaleness(scratch)).toBeUndefined();
    const result = run('transpile', 'x.yaml');
    expect(result.stdout).toBe('bundle chunk transpile x.yaml');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
  });

  it('runs the same from its former entry bin/kfp-designer.mjs, which npx links made before it moved stay pointed at', () => {
    recordInputs('src/cli/bin.ts');
    const result = spawnSync(process.execPath, [join(scratch, 'bin', 'kfp-designer.mjs'), 'transpile', 'x.yaml'], { cwd: scratch, encoding: 'utf8' });
    expect(result.stdout).toBe('bundle chunk transpile x.yaml');
    expect(result.status).toBe(3);
  });

  it('hands V8 the code cache saved beside each chunk, and compiles as usual when it cannot be used', () => {
    const entry = join(scratch, BUNDLE_DIR, BUNDLE_ENTRY);
    const trained = loadBundle(entry, { useCache: false });
    for (const { file, script } of trained.scripts) writeFileSync(file + CACHE_SUFFIX, script.createCachedData());
    // In a fresh process: V8 keeps what it compiled, so in this one a second load never reads a cache.
    const verdicts = () => {
      const probe = `import { loadBundle } from ${JSON.stringify(join(scratch, 'bin', 'bundle.cjs'))};
        const { scripts } = loadBundle(${JSON.stringify(entry)});
        console.log(JSON.stringify(Object.fromEntries(scripts.map(({ file, script }) => [file.split('/').pop(), script.cachedDataRejected]))));`;
      return JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' }).stdout);
    };
    expect(verdicts()).toEqual({ 'part.cjs': false, [BUNDLE_ENTRY]: false });
    writeFileSync(join(scratch, BUNDLE_DIR, 'chunks', `part.cjs${CACHE_SUFFIX}`), 'not a cache');
    expect(verdicts()).toEqual({ 'part.cjs': true, [BUNDLE_ENTRY]: false });
    expect(run('x').stdout).toBe('bundle chunk x');
  });

  it('reads chunks of any size, and refuses one the build did not write (not wrapped as a module)', () => {
    const entry = join(scratch, BUNDLE_DIR, 'large.cjs');
    // Larger than the buffer bin/bundle.cjs reads files into at first (512 KB), and not a multiple of it.
    const words = 'word '.repeat(300_000);
    writeFileSync(entry, `${WRAPPER}exports.words = ${JSON.stringify(words)}; exports.part = require("./chunks/part.cjs").word;${WRAPPER_END}`);
    expect(loadBundle<{ words: string; part: string }>(entry, { useCache: false }).exports).toEqual({ words, part: 'chunk' });
    writeFileSync(entry, 'exports.words = "plain CommonJS";\n');
    expect(() => loadBundle(entry)).toThrow(/large\.cjs is not a chunk of the built CLI .*npm run build:cli/);
    rmSync(entry);
  });

  it('runs the sources through tsx, and says why, when a source changed since the build', () => {
    recordInputs('src/cli/bin.ts');
    const later = new Date(statSync(join(scratch, 'src/cli/bin.ts')).mtimeMs + 5_000);
    utimesSync(join(scratch, 'src/cli/bin.ts'), later, later);
    expect(bundleStaleness(scratch)).toEqual({ reason: 'changed', file: 'src/cli/bin.ts' });
    const result = run('--help');
    expect(result.stdout).toBe('sources --help');
    expect(result.stderr).toMatch(/note: src\/cli\/bin\.ts changed since the CLI was built; running from source .*npm run build:cli/);
  });

  it('runs the sources when the CLI was never built, or a recorded input is gone or resized', () => {
    write('src/other.ts', '');
    recordInputs('src/cli/bin.ts', 'src/other.ts');
    writeFileSync(join(scratch, 'src/other.ts'), 'same mtime resolution, other size');
    expect(bundleStaleness(scratch)).toEqual({ reason: 'changed', file: 'src/other.ts' });
    rmSync(join(scratch, 'src/other.ts'));
    expect(bundleStaleness(scratch)).toEqual({ reason: 'changed', file: 'src/other.ts' });
    writeFileSync(join(scratch, `${BUNDLE_DIR}/${INPUTS_FILE}`), 'not json');
    expect(bundleStaleness(scratch)).toEqual({ reason: 'not-built' });
    expect(run().stderr).toMatch(/note: the CLI is not built; running from source/);
  });
});

describe('the CLI built by `npm ci`', () => {
  // .ci/run starts from a clean clone: `prepare` must have built the bundle, which the other CLI
  // tests then run. (A developer who edited src/ since gets the sources, as tested above.)
  it('is built and fresh in CI', () => {
    if (process.env.CI) expect(bundleStaleness(ROOT)).toBeUndefined();
  });
});

describe('the built CLI', () => {
  let built: { runCli(argv: string[], io: CliIo): Promise<number>; strictChecker(target: EmitTarget): Promise<(text: string) => CheckResult> };
  beforeAll(() => {
    // Built by `npm ci`'s prepare; a developer's may be older than the sources.
    if (bundleStaleness(ROOT)) {
      const build = spawnSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0 || bundleStaleness(ROOT)) throw new Error(`npm run build:cli failed: ${build.stderr}`);
    }
    built = loadBundle<typeof built>(join(ROOT, BUNDLE_DIR, BUNDLE_ENTRY)).exports;
  }, 300_000);

  it('writes all of a large output to a pipe before it exits, and exits with the status', () => {
    // Node writes to a pipe asynchronously: the bin exits as soon as main resolves, which must be after.
    const dir = mkdtempSync(join(tmpdir(), 'kfp-designer-pipe-'));
    const steps = Array.from({ length: 400 }, (_, i) => `    s${i}: {type: task, command: m.s${i}, next: ${i === 399 ? 'success' : `s${i + 1}`}}`);
    writeFileSync(join(dir, 'dag.yaml'), `dag:\n  start_at: s0\n  steps:\n${steps.join('\n')}\n    success: {type: success}\n    fail: {type: fail}\n`);
    writeFileSync(join(dir, 'config.yaml'), 'executor:\n  type: kfp\n  config: {docker_image: img:1}\nrun_log_store:\n  type: k8s-pvc\n  config: {persistent_volume_name: logs, mount_path: /mnt/logs}\n');
    const argv = ['transpile', 'dag.yaml', '-c', 'config.yaml', '-o', '-'];
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'kfp-designer.cjs'), ...argv], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const written: string[] = [];
    const expected = built.runCli(argv, { stdout: (text) => written.push(text), stderr: () => {}, env: {}, cwd: dir });
    return expected.then((code) => {
      expect(code).toBe(0);
      expect(result.status).toBe(0);
      expect(written.join('').length).toBeGreaterThan(256 * 1024); // several times a pipe's buffer
      expect(result.stdout).toBe(written.join(''));
      rmSync(dir, { recursive: true });
    });
  });

  // The bundle sets bufbuild up only when the check's proto3-JSON walk cannot vouch for a spec
  // (src/cli/lazy-bufbuild.ts): these specs take that path, and its verdicts must be bufbuild's.
  it("checks KFP v2 output as the sources do, with bufbuild's parse where the walk cannot vouch for a spec", async () => {
    const fixture = (name: string) => join(ROOT, 'test/fixtures/golden-input', name);
    const written: string[] = [];
    const io: CliIo = { stdout: (text) => written.push(text), stderr: () => {}, env: {}, cwd: ROOT };
    const argv = ['transpile', fixture('train.dag.yaml'), '-c', fixture('train.config.yaml'), '-p', fixture('train.parameters.yaml'), '-o', '-'];
    expect(await built.runCli(argv, io)).toBe(0);
    const fine = written.join('');
    const unknownKey = fine.replace(/^pipelineInfo:\n/m, 'pipelineInfo:\n  colour: blue\n');
    const intAsString = fine.replace(/maxRetryCount: (\d+)/, 'maxRetryCount: "$1"'); // proto3 JSON takes both
    expect(new Set([fine, unknownKey, intAsString]).size).toBe(3);

    const check = await built.strictChecker('kfp-v2');
    for (const text of [fine, unknownKey, intAsString]) expect(check(text)).toEqual(checkKfpV2Yaml(text));
    expect(check(fine).problems).toEqual([]);
    expect(check(intAsString).problems).toEqual([]);
    expect(check(unknownKey).problems).toEqual([{ path: '/pipelineInfo/colour', message: expect.stringMatching(/PipelineInfo from JSON: key "colour" is unknown/) }]);
  });
});
