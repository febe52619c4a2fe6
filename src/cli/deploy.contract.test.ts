/**
 * `kfp-designer deploy` end to end: the command line, Node's fetch, and a fake Kubeflow Pipelines
 * whose every request is checked against the official swagger (test/kfp/).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { startFake } from '../../test/kfp/harness';
import { closedPort } from '../../test/kfp/ports';
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_SERVER, EXIT_USAGE, runCli, type CliIo } from './main';

const DAG = `dag:
  description: Train it
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
    docker_image: registry.example/img:1
run_log_store:
  type: k8s-pvc
  config: {persistent_volume_name: logs, mount_path: /mnt/logs}
`;
const TOKEN = 'sa-token-0123456789';

let dir: string;
let out: string[];
let err: string[];
const io = (env: Record<string, string> = {}): CliIo => ({ stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd: dir });
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const stdout = () => out.join('');
const stderr = () => err.join('');

async function cli(args: string[], env: Record<string, string> = {}): Promise<number> {
  out = [];
  err = [];
  return runCli(['deploy', ...args], io(env));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kfp-designer-deploy-'));
  write('train.yaml', DAG);
  write('config.yaml', CONFIG);
  write('params.yaml', 'epochs: 10\nlr: 0.1\n');
});

describe('kfp-designer deploy', () => {
  it('uploads a new pipeline named after the dag file and prints ids and links', async () => {
    const fake = await startFake();
    expect(await cli(['train.yaml', '-c', 'config.yaml', '-p', 'params.yaml', '--host', `${fake.url}/`, '--description', 'Nightly'])).toBe(EXIT_OK);
    const [pipeline] = fake.pipelines.values();
    const [version] = fake.versions.values();
    expect(pipeline).toMatchObject({ name: 'train', description: 'Nightly' });
    expect(stdout()).toBe(
      `Pipeline   "train" ${pipeline.id} (created)\n           ${fake.url}/#/pipelines/details/${pipeline.id}\n` +
        `Version    "${version.name}" ${version.id} (uploaded)\n           ${fake.url}/#/pipelines/details/${pipeline.id}/version/${version.id}\n`,
    );
    expect(stderr()).toBe(`kfp-designer: Kubeflow Pipelines 2.17.0 at ${fake.url}\n`);
    expect(version.text).toContain('schemaVersion: 2.1.0');
  });

  it('--json: one JSON object on stdout; --run with --param starts a run; the same content again uploads nothing', async () => {
    const fake = await startFake();
    const args = ['train.yaml', '-c', 'config.yaml', '-p', 'params.yaml', '--host', fake.url, '--pipeline', 'churn', '--json'];
    expect(await cli([...args, '--run', '--experiment', 'nightly', '--run-name', 'r1', '--param', 'epochs=3'])).toBe(EXIT_OK);
    const first = JSON.parse(stdout());
    const [run] = fake.runs.values();
    expect(first).toEqual({ pipeline_id: run && fake.versions.get(run.versionId)!.pipelineId, version_id: run.versionId, run_id: run.id, run_url: `${fake.url}/#/runs/details/${run.id}` });
    expect(stdout().trim().split('\n')).toHaveLength(1);
    expect(Object.fromEntries(run.parameters)).toEqual({ epochs: '3', lr: '0.1' });
    expect(run.name).toBe('r1');

    expect(await cli(args)).toBe(EXIT_OK);
    expect(JSON.parse(stdout())).toEqual({ pipeline_id: first.pipeline_id, version_id: first.version_id });
    expect(fake.versions.size).toBe(1);
    expect(await cli(args.slice(0, -1))).toBe(EXIT_OK);
    expect(stdout()).toContain('(unchanged: this content was deployed before, nothing uploaded)');
  });

  it('exit 1 on errors in the input, with the same diagnostics as transpile, before any request', async () => {
    const fake = await startFake();
    write('bad.yaml', DAG.replace('next: success', 'next: nowhere'));
    expect(await cli(['bad.yaml', '-c', 'config.yaml', '--host', fake.url])).toBe(EXIT_INPUT_ERRORS);
    const deployErrors = stderr();
    expect(deployErrors).toMatch(/^bad\.yaml:8:13: error E_\w+: .*nowhere/m);
    err = [];
    expect(await runCli(['transpile', 'bad.yaml', '-c', 'config.yaml', '-o', '-'], io())).toBe(EXIT_INPUT_ERRORS);
    expect(deployErrors).toBe(stderr());
    expect(fake.requests).toEqual([]);
  });

  it('exit 2 on wrong usage', async () => {
    const fake = await startFake();
    const base = ['train.yaml', '-c', 'config.yaml'];
    expect(await cli(base)).toBe(EXIT_USAGE);
    expect(stderr()).toContain('--host is required');
    expect(await cli([...base, '--host', 'ftp://x'])).toBe(EXIT_USAGE);
    expect(await cli([...base, '--host', 'http://user:pw@x'])).toBe(EXIT_USAGE);
    expect(await cli([...base, '--host', fake.url, '--target', 'argo'])).toBe(EXIT_USAGE);
    expect(stderr()).toContain('plain Argo is not a Kubeflow pipeline');
    expect(await cli([...base, '--host', fake.url, '--param', 'a=1'])).toBe(EXIT_USAGE);
    expect(stderr()).toContain('--param needs --run');
    expect(await cli([...base, '--host', fake.url, '--run', '--param', 'noequals'])).toBe(EXIT_USAGE);
    expect(await cli([...base, '--host', fake.url, '--timeout', '0'])).toBe(EXIT_USAGE);
    expect(await cli([...base, '--host', fake.url, '--token-file', 'missing.txt'])).toBe(EXIT_USAGE);
    expect(stderr()).toContain('cannot read the token file');
    expect(fake.requests).toEqual([]);
    expect(await cli([...base, '--host', fake.url, '--run', '--param', 'nope=1'])).toBe(EXIT_USAGE);
    expect(stderr()).toContain('--param nope: the pipeline has no parameter `nope` (it has none)');
    expect(fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('exit 2 when the server cannot run the target, or wants a namespace', async () => {
    const old = await startFake({ release: '1.8.5' });
    expect(await cli(['train.yaml', '-c', 'config.yaml', '--host', old.url, '--target', 'kfp-v2'])).toBe(EXIT_USAGE);
    expect(stderr()).toMatch(/Kubeflow Pipelines 1\.8\.5, which runs KFP v1 \(Argo\) pipelines only/);
    expect(await cli(['train.yaml', '-c', 'config.yaml', '--host', old.url])).toBe(EXIT_OK);
    expect([...old.versions.values()][0].text).toContain('kind: Workflow');

    const multi = await startFake({ multiUser: true });
    expect(await cli(['train.yaml', '-c', 'config.yaml', '--host', multi.url, '--run'])).toBe(EXIT_USAGE);
    expect(stderr()).toContain('multi-user: give the namespace');
    expect(await cli(['train.yaml', '-c', 'config.yaml', '--host', multi.url, '--run', '-n', 'team-a'])).toBe(EXIT_OK);
  });

  it('auth: KFP_TOKEN, --token-file, the service-account path, KFP_COOKIE — never printed, even when the server echoes them', async () => {
    const fake = await startFake({ bearer: TOKEN, echoCredentials: true });
    const args = ['train.yaml', '-c', 'config.yaml', '--host', fake.url];
    expect(await cli(args)).toBe(EXIT_SERVER);
    expect(stderr()).toMatch(/401 not authenticated: .*\(sent no credentials\)\n {2}Kubeflow with a login needs credentials/);

    expect(await cli([...args, '--json'], { KFP_TOKEN: 'not-the-token-42' })).toBe(EXIT_SERVER);
    expect(stderr()).toContain('(sent a bearer token from KFP_TOKEN)');
    expect(stdout() + stderr()).not.toContain('not-the-token-42');

    expect(await cli([...args, '--json'], { KFP_TOKEN: TOKEN })).toBe(EXIT_OK);
    write('token', `${TOKEN}\n`);
    expect(await cli([...args, '--token-file', 'token', '--json'])).toBe(EXIT_OK);
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    write('sa-token', TOKEN);
    expect(await cli([...args, '--json'], { KF_PIPELINES_SA_TOKEN_PATH: join(dir, 'sa-token') })).toBe(EXIT_OK);

    write('wrong', 'wrong-token-777\n');
    expect(await cli([...args, '--token-file', 'wrong', '--json', '--run'])).toBe(EXIT_SERVER);
    expect(stderr()).toContain('(sent a bearer token from --token-file wrong)');
    expect(stdout() + stderr()).not.toContain('wrong-token-777');

    const behindLogin = await startFake({ cookie: 'oauth2_proxy_kubeflow=cookie-secret-99', echoCredentials: true });
    const loginArgs = ['train.yaml', '-c', 'config.yaml', '--host', behindLogin.url, '--json'];
    expect(await cli(loginArgs, { KFP_COOKIE: 'oauth2_proxy_kubeflow=stale-cookie-55' })).toBe(EXIT_SERVER);
    expect(stderr()).toContain('sent a session cookie from KFP_COOKIE');
    expect(stdout() + stderr()).not.toMatch(/stale-cookie-55/);
    expect(await cli(loginArgs, { KFP_COOKIE: 'oauth2_proxy_kubeflow=cookie-secret-99' })).toBe(EXIT_OK);
    expect(stdout() + stderr()).not.toContain('cookie-secret-99');
  });

  it('exit 3 on server errors, with the server’s message; on an unreachable server; on a timeout', async () => {
    const fake = await startFake();
    fake.inject('/apis/v2beta1/pipelines/upload_version', { status: 400, body: JSON.stringify({ error_message: 'Failed to create a pipeline version', error_details: 'invalid spec: bad' }) });
    expect(await cli(['train.yaml', '-c', 'config.yaml', '--host', fake.url])).toBe(EXIT_SERVER);
    expect(stderr()).toMatch(/upload version "sha256-[0-9a-f]{12}": 400 refused: Failed to create a pipeline version: invalid spec: bad\n$/);

    fake.inject('/apis/v2beta1/pipelines', 'hang', { method: 'GET' });
    expect(await cli(['train.yaml', '-c', 'config.yaml', '--host', fake.url, '--timeout', '0.2', '--retries', '0'])).toBe(EXIT_SERVER);
    expect(stderr()).toContain('look up pipeline "train": no answer within 0.2 s');

    fake.inject('/apis/v2beta1/pipelines', { status: 503, body: '' }, { method: 'GET' });
    expect(await cli(['train.yaml', '-c', 'config.yaml', '--host', fake.url, '--retries', '1'])).toBe(EXIT_OK);
    expect(stderr()).toMatch(/look up pipeline "train": 503 from the server; trying again in \d\.\d s \(1 of 1\)/);

    const port = await closedPort();
    expect(await cli(['train.yaml', '-c', 'config.yaml', '--host', `http://127.0.0.1:${port}`, '--retries', '0'])).toBe(EXIT_SERVER);
    expect(stderr()).toContain(`cannot reach http://127.0.0.1:${port} (ECONNREFUSED`);
  });

  it('runs as the installed command, from the bin, and exits with the status', async () => {
    const fake = await startFake();
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'kfp-designer.cjs');
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, 'deploy', 'train.yaml', '-c', 'config.yaml', '--host', fake.url, '--json'], { cwd: dir, env: { ...process.env, KFP_TOKEN: '' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.stderr).toContain('Kubeflow Pipelines 2.17.0');
    expect(run.status).toBe(0);
    expect(Object.keys(JSON.parse(run.stdout))).toEqual(['pipeline_id', 'version_id']);
  });
});
