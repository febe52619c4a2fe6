import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { checkArgoWorkflowYaml } from '../core/check/argo';
import { checkKfpV2Yaml } from '../core/check/kfp-v2';
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, runCli, type CliIo } from './main';

const DAG = `dag:
  start_at: train
  steps:
    train:
      type: task
      command: m.train
      next: success
    success: {type: success}
    fail: {type: fail}
`;
const CONFIG = `executor:
  type: kfp
  config:
    docker_image: \${registry}/img:\${tag}
    output_file: out/kfp.yaml
run_log_store:
  type: k8s-pvc
  config: {persistent_volume_name: logs, mount_path: /mnt/logs}
`;

let dir: string;
let out: string[];
let err: string[];
const io = (env: Record<string, string> = {}): CliIo => ({
  stdout: (t) => out.push(t),
  stderr: (t) => err.push(t),
  env,
  cwd: dir,
});
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kfp-designer-cli-'));
  out = [];
  err = [];
  write('dag.yaml', DAG);
  write('config.yaml', CONFIG);
  write('params.yaml', 'lr: 0.1\n');
  execFileSync('mkdir', ['-p', join(dir, 'out')]);
});

describe('kfp-designer transpile', () => {
  it('writes the config’s output_file, resolving variables from MAGNUS_VAR_* and --var (which wins)', async () => {
    const code = await runCli(['transpile', 'dag.yaml', '--config', 'config.yaml', '-p', 'params.yaml', '--var', 'tag=2.0'], io({ MAGNUS_VAR_registry: 'r.io', MAGNUS_VAR_tag: '1.0' }));
    expect(err.join('')).toContain('wrote out/kfp.yaml');
    expect(code).toBe(EXIT_OK);
    const text = readFileSync(join(dir, 'out/kfp.yaml'), 'utf8');
    expect(checkKfpV2Yaml(text).problems).toEqual([]);
    const [spec] = parseAllDocuments(text).map((d) => d.toJS());
    expect(spec.deploymentSpec.executors['exec-train'].container.image).toBe('r.io/img:2.0');
    expect(spec.deploymentSpec.executors['exec-train'].container.command.join(' ')).toContain('--file dag.yaml --config-file config.yaml --parameters-file params.yaml');
  });

  it('writes KFP v1 to stdout with -o - and --target kfp-v1; plain Argo with --target argo', async () => {
    expect(await runCli(['transpile', 'dag.yaml', '-c', 'config.yaml', '--var', 'registry=r', '--var', 'tag=1', '--target', 'kfp-v1', '-o', '-'], io())).toBe(EXIT_OK);
    expect(checkArgoWorkflowYaml(out.join('')).problems).toEqual([]);
    expect(parse(out.join('')).spec.serviceAccountName).toBe('pipeline-runner');
    out = [];
    expect(await runCli(['transpile', 'dag.yaml', '-c', 'config.yaml', '--var', 'registry=r', '--var', 'tag=1', '-t', 'argo', '-o', '-'], io())).toBe(EXIT_OK);
    expect(parse(out.join('')).spec.serviceAccountName).toBeUndefined();
  });

  it('defaults to pipeline.yaml and refuses to overwrite an input of that name (magnus’s trap)', async () => {
    write('pipeline.yaml', DAG);
    const config = CONFIG.replace('    output_file: out/kfp.yaml\n', '');
    write('config.yaml', config);
    const code = await runCli(['transpile', 'pipeline.yaml', '-c', 'config.yaml', '--var', 'registry=r', '--var', 'tag=1'], io());
    expect(code).toBe(EXIT_USAGE);
    expect(err.join('')).toMatch(/output `pipeline.yaml` is the input file/);
    expect(readFileSync(join(dir, 'pipeline.yaml'), 'utf8')).toBe(DAG);
    expect(await runCli(['transpile', 'dag.yaml', '-c', 'config.yaml', '--var', 'registry=r', '--var', 'tag=1'], io())).toBe(EXIT_OK);
    expect(existsSync(join(dir, 'pipeline.yaml'))).toBe(true);
  });

  it('resolves variables in output_file too, and refuses an output that resolves to an input', async () => {
    write('config.yaml', CONFIG.replace('output_file: out/kfp.yaml', 'output_file: "${out}"'));
    const vars = ['--var', 'registry=r', '--var', 'tag=1'];
    expect(await runCli(['transpile', 'dag.yaml', '-c', 'config.yaml', ...vars, '--var', 'out=out/resolved.yaml'], io())).toBe(EXIT_OK);
    expect(existsSync(join(dir, 'out/resolved.yaml'))).toBe(true);
    expect(existsSync(join(dir, '${out}'))).toBe(false);
    expect(await runCli(['transpile', 'dag.yaml', '-c', 'config.yaml', ...vars, '--var', 'out=./dag.yaml'], io())).toBe(EXIT_USAGE);
    expect(err.join('')).toMatch(/output `\.\/dag\.yaml` is the input file `dag\.yaml`/);
    expect(readFileSync(join(dir, 'dag.yaml'), 'utf8')).toBe(DAG);
  });

  it('never overwrites a nested dag file it read', async () => {
    write('nested.yaml', DAG);
    write('outer.yaml', 'dag:\n  start_at: inner\n  steps:\n    inner: {type: dag, dag_definition: nested.yaml, next: success}\n    success: {type: success}\n    fail: {type: fail}\n');
    expect(await runCli(['transpile', 'outer.yaml', '-c', 'config.yaml', '--var', 'registry=r', '--var', 'tag=1', '-o', 'nested.yaml'], io())).toBe(EXIT_USAGE);
    expect(readFileSync(join(dir, 'nested.yaml'), 'utf8')).toBe(DAG);
  });

  it('reads runnable’s RUNNABLE_VAR_* like MAGNUS_VAR_*', async () => {
    expect(await runCli(['transpile', 'dag.yaml', '-c', 'config.yaml', '-o', '-'], io({ RUNNABLE_VAR_registry: 'rr.io', RUNNABLE_VAR_tag: '3' }))).toBe(EXIT_OK);
    expect(out.join('')).toContain('image: rr.io/img:3');
  });

  it('without --config, says that no config file was given, at the pipeline’s first line', async () => {
    expect(await runCli(['validate', 'dag.yaml'], io())).toBe(EXIT_INPUT_ERRORS);
    expect(err.join('')).toMatch(/^dag\.yaml:1:1: error E_DOCKER_IMAGE_MISSING: .*no magnus config file was given/m);
    expect(err.join('')).toMatch(/^dag\.yaml:1:1: warning W_CONFIG_FILE_MISSING: /m);
  });

  it('prints diagnostics as file:line:col: severity CODE: message and exits 1 on errors in the input', async () => {
    write('bad.yaml', DAG.replace('next: success', 'next: nowhere'));
    const code = await runCli(['transpile', 'bad.yaml', '-c', 'config.yaml', '--var', 'registry=r', '--var', 'tag=1'], io());
    expect(code).toBe(EXIT_INPUT_ERRORS);
    expect(err.join('')).toMatch(/^bad\.yaml:7:13: error E_\w+: .*nowhere/m);
    expect(existsSync(join(dir, 'out/kfp.yaml'))).toBe(false);
  });

  it('points at a mistyped secret reference without printing it (stderr reaches CI logs; the value may be the secret)', async () => {
    const secret = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCY';
    write('secret.yaml', CONFIG.replace('    output_file: out/kfp.yaml\n', `    output_file: out/kfp.yaml\n    secrets_from_k8s:\n      AWS_SECRET_ACCESS_KEY: ${secret}\n      TOKEN: ":${secret}"\n      OTHER: "a:b:${secret}"\n`));
    for (const command of ['validate', 'transpile']) {
      err.length = 0;
      out.length = 0;
      expect(await runCli([command, 'dag.yaml', '-c', 'secret.yaml', '--var', 'registry=r', '--var', 'tag=1', '--verbose'], io())).toBe(EXIT_INPUT_ERRORS);
      expect(err.join('')).toMatch(/^secret\.yaml:7:\d+: error E_SECRET_REF_FORMAT: secret for `AWS_SECRET_ACCESS_KEY`: the value \(no `:`\) is not "SecretName:Key".*\[executor\.secrets_from_k8s\.AWS_SECRET_ACCESS_KEY\]$/m);
      expect(err.join('')).toMatch(/^secret\.yaml:9:\d+: error E_SECRET_REF_FORMAT: secret for `OTHER`: the value \(2 `:`\)/m);
      expect(err.join('')).toMatch(/^secret\.yaml:8:\d+: error E_SECRET_NAME: secret for `TOKEN`: the secret name before `:` is empty \(e\.g\. aws-credentials:access_key\)/m);
      expect(err.join('') + out.join('')).not.toContain(secret.slice(0, 8));
    }
  });

  it('reports a YAML syntax error with its line and column', async () => {
    write('broken.yaml', 'dag:\n  start_at: a\n  steps: [\n');
    expect(await runCli(['transpile', 'broken.yaml'], io())).toBe(EXIT_INPUT_ERRORS);
    expect(err.join('')).toMatch(/^broken\.yaml:\d+:\d+: error YAML_SYNTAX: /m);
  });

  it('reports unresolved variables as errors naming the variable', async () => {
    expect(await runCli(['transpile', 'dag.yaml', '-c', 'config.yaml'], io())).toBe(EXIT_INPUT_ERRORS);
    expect(err.join('')).toMatch(/config\.yaml:4:\d+: error \w+: .*registry/);
  });

  it('exits 2 on wrong usage, with a hint', async () => {
    expect(await runCli(['transpile'], io())).toBe(EXIT_USAGE);
    expect(await runCli(['transpile', 'dag.yaml', '--target', 'kfp-v3'], io())).toBe(EXIT_USAGE);
    expect(await runCli(['transpile', 'dag.yaml', '--frobnicate'], io())).toBe(EXIT_USAGE);
    expect(await runCli(['transpile', 'missing.yaml'], io())).toBe(EXIT_USAGE);
    expect(await runCli(['transpile', 'dag.yaml', '--var', 'novalue'], io())).toBe(EXIT_USAGE);
    expect(await runCli(['launch'], io())).toBe(EXIT_USAGE);
    expect(err.join('')).toContain('kfp-designer --help');
  });

  it('has help for the program and each command', async () => {
    expect(await runCli(['--help'], io())).toBe(EXIT_OK);
    expect(out.join('')).toContain('kfp-designer transpile <dag.yaml>');
    out = [];
    expect(await runCli(['transpile', '--help'], io())).toBe(EXIT_OK);
    expect(out.join('')).toContain('--target');
  });
});

describe('kfp-designer validate', () => {
  it('prints every diagnostic and a count, writes nothing, exits by severity', async () => {
    expect(await runCli(['validate', 'dag.yaml', '-c', 'config.yaml', '--var', 'registry=r', '--var', 'tag=1'], io())).toBe(EXIT_OK);
    expect(err.join('')).toContain('0 errors');
    err = [];
    write('cycle.yaml', DAG.replace('next: success', 'next: train'));
    expect(await runCli(['validate', 'cycle.yaml'], io())).toBe(EXIT_INPUT_ERRORS);
    expect(err.join('')).toMatch(/cycle\.yaml:7:13: error E_CYCLE/);
  });
});

describe('the installed command', () => {
  it('runs through npx-style bin from source and returns the exit code', async () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'kfp-designer.cjs');
    const ok = spawnSync(process.execPath, [bin, 'validate', 'dag.yaml', '-c', 'config.yaml', '--var', 'registry=r', '--var', 'tag=1'], { cwd: dir, encoding: 'utf8' });
    expect(ok.stderr).toContain('0 errors');
    expect(ok.status).toBe(0);
    const usage = spawnSync(process.execPath, [bin, 'nope'], { cwd: dir, encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  const root = join(import.meta.dirname, '..', '..');
  const readme = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
  /** The README's example commands, each with the YAML block that follows it, if any (its excerpt of the output). */
  const examples = readme.flatMap((line, i) => {
    const command = line.trim();
    if (!command.startsWith('npx kfp-designer transpile test/fixtures/corpus/')) return [];
    const next = readme.slice(i + 1).findIndex((l) => /^\s*```/.test(l) && !/^\s*```\s*$/.test(l));
    const open = next < 0 ? undefined : i + 1 + next;
    const isYaml = open !== undefined && /```yaml$/.test(readme[open].trim()) && readme.slice(i + 1, open).every((l) => !l.includes('npx kfp-designer'));
    return [{ command, excerpt: isYaml ? excerptAt(open!) : undefined }];
  });
  function excerptAt(start: number): string[] {
    const indent = readme[start].indexOf('```');
    const end = readme.findIndex((l, j) => j > start && l.trim() === '```');
    const lines = readme.slice(start + 1, end).map((l) => l.slice(indent));
    // `…` on a line of its own separates fragments that are each in the output verbatim.
    return lines.join('\n').split(/\n…\n/);
  }
  const run = (command: string) => spawnSync(process.execPath, [join(root, 'bin', 'kfp-designer.cjs'), ...command.split(/\s+/).slice(2)], { cwd: root, encoding: 'utf8' });

  it("has an Argo and a KFP v2 example in the README", () => {
    expect(examples.map((e) => e.command.match(/--target (\S+)/)?.[1])).toEqual(['argo', 'kfp-v2']);
    expect(examples[1].excerpt!.length).toBeGreaterThan(1);
  });

  it("runs the README's Argo example as written, from the repository's root", () => {
    const result = run(examples[0].command);
    expect(result.status).toBe(0);
    expect(checkArgoWorkflowYaml(result.stdout).problems).toEqual([]);
    expect(parse(result.stdout).kind).toBe('Workflow');
  });

  it("runs the README's KFP v2 on_failure example as written, and its output holds the README's excerpt", () => {
    const result = run(examples[1].command);
    expect(result.status).toBe(0);
    expect(checkKfpV2Yaml(result.stdout).problems).toEqual([]);
    for (const fragment of examples[1].excerpt!) expect(result.stdout).toContain(fragment);
  });
});
