import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { EMIT_TARGETS } from '../../src/core/emit/index';
import { CORPUS, readCorpus, TEST_CONFIG } from '../support/fixtures';
import { kindOf } from './corpus-run';

/**
 * Every diagnostic the command line prints for the corpus — each file read as a user would, with
 * and without a config file, in every target — names its file, a line and a column. Where the
 * subject is absent (no run log store, no image, no config file at all) it points at the parent.
 */

const DIAGNOSTIC = /^(?<where>.+?):(?<line>\d+):(?<column>\d+): (?<severity>error|warning|info) (?<code>[EWI]_[A-Z0-9_]+): /;
const MINIMAL_DAG = 'dag:\n  start_at: hello\n  steps:\n    hello: {type: task, command: examples.hello, next: success}\n    success: {type: success}\n    fail: {type: fail}\n';
/** Inputs the corpus has none of, for the codes the issue named: braces, reserved names, a buffered store, a bad toleration, magnus <0.4 services in the dag file. */
const CRAFTED: Record<string, { dag: string; config?: string }> = {
  'crafted-braces.yaml': { dag: MINIMAL_DAG.replace('hello: {', '"hello {{x}}": {').replace('start_at: hello', 'start_at: "hello {{x}}"'), config: TEST_CONFIG },
  'crafted-reserved.yaml': {
    dag: 'dag:\n  start_at: m\n  steps:\n    m:\n      type: map\n      iterate_on: xs\n      iterate_as: run_id\n      next: success\n      branch:\n        start_at: a\n        steps:\n          a: {type: stub, next: success}\n          success: {type: success}\n          fail: {type: fail}\n    success: {type: success}\n    fail: {type: fail}\n',
    config: TEST_CONFIG,
  },
  'crafted-buffered.yaml': { dag: MINIMAL_DAG, config: 'executor:\n  type: kfp\n  config:\n    docker_image: img:1\n    tolerations: [{operator: Exists, value: x}]\n' },
  'crafted-dag-file-services.yaml': { dag: `mode:\n  type: local-container\n  config: {docker_image: img:1}\nrun_log_store:\n  type: buffered\n${MINIMAL_DAG}` },
};

/** The configs' own `$variables`, set as their users would (runnable's and magnus's prefixes). */
const VARIABLES = { RUNNABLE_VAR_docker_image: 'registry.example.com/app:1', MAGNUS_VAR_argo_docker_image: 'registry.example.com/argo:1' };

let dir: string;
const printed: { file: string; args: string; line: string }[] = [];

async function run(args: string[], file: string) {
  const err: string[] = [];
  await runCli([...args, '-v'], { stdout: () => {}, stderr: (t) => err.push(t), env: VARIABLES, cwd: dir });
  for (const line of err.join('').split('\n')) if (line !== '') printed.push({ file, args: args.join(' '), line });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kfp-positions-'));
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  put('test-config.yaml', TEST_CONFIG);
  put('minimal.yaml', MINIMAL_DAG);
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml'));
  for (const file of files) {
    put(file, readCorpus(file));
    // dag_definition paths name the magnus repository's files, relative to the working directory.
    if (file.startsWith('0.4.19__tests__scenarios__archive__')) put(`tests/scenarios/${file.slice('0.4.19__tests__scenarios__archive__'.length)}`, readCorpus(file));
  }
  for (const [file, { dag, config }] of Object.entries(CRAFTED)) {
    put(file, dag);
    if (config) put(`config-${file}`, config);
  }
  for (const file of files) {
    const kind = kindOf(readCorpus(file));
    const inputs =
      kind === 'config' ? [['minimal.yaml', '--config', file]] : kind === 'parameters' ? [['minimal.yaml', '--config', 'test-config.yaml', '--parameters', file]] : [[file, '--config', 'test-config.yaml'], [file]];
    for (const input of inputs) {
      await run(['validate', ...input], file);
      for (const target of EMIT_TARGETS) await run(['transpile', ...input, '--target', target, '-o', '-'], file);
    }
  }
  for (const [file, { config }] of Object.entries(CRAFTED)) {
    const input = config ? [file, '--config', `config-${file}`] : [file];
    await run(['validate', ...input], file);
    for (const target of EMIT_TARGETS) await run(['transpile', ...input, '--target', target, '-o', '-'], file);
  }
}, 120_000);

describe('every diagnostic the CLI prints for the corpus', () => {
  it('names its file, a line and a column', () => {
    const diagnostics = printed.filter((p) => !p.line.startsWith('kfp-designer: '));
    expect(diagnostics.length).toBeGreaterThan(500);
    const unpositioned = diagnostics.filter((p) => !DIAGNOSTIC.test(p.line));
    expect(unpositioned).toEqual([]);
  });

  it('never ends in an internal error', () => {
    expect(printed.filter((p) => p.line.includes('internal error'))).toEqual([]);
  });

  it('covers the codes of the issue: the run log store at the executor, the image without a config file, braces, reserved names, dag-file services', () => {
    const seen = new Map<string, string>();
    for (const p of printed) {
      const match = DIAGNOSTIC.exec(p.line);
      if (match && !seen.has(match.groups!.code)) seen.set(match.groups!.code, p.line);
    }
    for (const code of ['E_RUN_LOG_STORE_BUFFERED', 'E_DOCKER_IMAGE_MISSING', 'W_CONFIG_FILE_MISSING', 'I_ERA', 'E_TEMPLATE_BRACES', 'E_MAP_ITERATE_AS_RESERVED', 'E_TOLERATION', 'I_DAG_FILE_SERVICE', 'I_EXECUTOR_ARGO', 'W_TARGET_NO_EQUIVALENT']) {
      expect(seen.has(code), code).toBe(true);
    }
    // A buffered store the config does not name is reported at its executor (line 1 of that config).
    expect(printed.find((p) => p.file === 'crafted-buffered.yaml' && p.line.includes('E_RUN_LOG_STORE_BUFFERED'))!.line).toMatch(/^config-crafted-buffered\.yaml:1:1: /);
    // No config file: the image is missing at the pipeline's `dag:`, and the message says why.
    const image = printed.find((p) => p.file === '0.5.0__examples__concepts__simple.yaml' && p.args.startsWith('validate') && p.line.includes('E_DOCKER_IMAGE_MISSING'))!.line;
    expect(image).toMatch(/^0\.5\.0__examples__concepts__simple\.yaml:1:1: error E_DOCKER_IMAGE_MISSING: .*no magnus config file was given/);
  });
});
