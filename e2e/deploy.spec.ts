/**
 * "Run on Kubeflow" as a user does it: the built designer served by `kfp-designer serve --kfp`,
 * which forwards /apis/… to a Kubeflow Pipelines stand-in whose every request is checked against
 * the official swagger through Prism (test/kfp/). And, on the plain preview server (no Kubeflow
 * behind it), the explanation of how to get one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Contract } from '../test/kfp/contract';
import { FakeKfp } from '../test/kfp/fake-kfp';
import { startPrism, type PrismServer } from '../test/kfp/prism';
import { field, open, SLOW, step, toolbar } from './designer';
import { expect, test, type Page } from './fixtures';

const TOKEN = 'e2e-bearer-token-4f9a2c';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = process.env.E2E_DIST ?? 'dist';

let prism: PrismServer;
let kfp: FakeKfp;
let server: { url: string; process: ChildProcess };

test.beforeAll(async () => {
  // Prism compiles the swagger first: slow on a loaded 2-core machine, once for the whole file.
  test.setTimeout(120_000);
  prism = await startPrism('v2beta1');
  kfp = await FakeKfp.start({ contracts: { v2beta1: new Contract(prism) }, bearer: TOKEN });
  server = await startServe(['--port', '0', '--kfp', kfp.url, '--dist', DIST]);
});

test.afterAll(async () => {
  server?.process.kill('SIGTERM');
  await kfp?.close();
  await prism?.stop();
});

test.afterEach(() => {
  expect(kfp.violations, 'requests the Kubeflow Pipelines contract refuses').toEqual([]);
});

/** `kfp-designer serve` as a user starts it, on a port the OS picks; resolves with its address. */
function startServe(args: string[]): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/kfp-designer.cjs', 'serve', ...args], { cwd: ROOT, env: { ...process.env, KFP_TOKEN: '', KFP_COOKIE: '' } });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving the designer at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve({ url: match[1], process: child });
    });
    child.once('exit', (code) => reject(new Error(`kfp-designer serve exited (${code}):\n${output}`)));
  });
}

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Run on Kubeflow' });

test('runs the pipeline on Kubeflow from the dialog, through kfp-designer serve, with a token that stays in the tab', async ({ page }) => {
  const consoleText: string[] = [];
  page.on('console', (message) => consoleText.push(message.text()));
  await page.goto(server.url);
  await expect(step(page, 'prepare data')).toBeVisible();

  await toolbar(page).getByRole('button', { name: 'Run on Kubeflow…' }).click();
  const form = dialog(page);
  await expect(form.getByRole('note')).toContainText(`Kubeflow Pipelines at ${kfp.url}, through this page’s server`);
  await expect(form.getByLabel('Pipeline name')).toHaveValue('train');
  await expect(form.getByLabel('Experiment')).toHaveValue('Default');
  await expect(form.getByLabel('learning_rate')).toHaveValue('0.01');
  await expect(form.getByLabel('epochs')).toHaveValue('10');

  // (A refusal without the token is a 401, which the browser logs as a console error, which fails
  // any spec here: the auth errors are covered by the contract tests of the client.)
  await form.getByLabel('Pipeline name').fill('churn e2e');
  await form.getByRole('radio', { name: 'A bearer token' }).check();
  await form.getByLabel('Token', { exact: true }).fill(TOKEN);
  await form.getByLabel('epochs').fill('12');
  await form.getByRole('button', { name: 'Upload and run' }).click();
  const runLink = form.getByRole('link', { name: 'Open the run in Kubeflow' });
  await expect(runLink).toBeVisible(SLOW);
  const [run] = kfp.runs.values();
  await expect(runLink).toHaveAttribute('href', `${kfp.url}/#/runs/details/${run.id}`);
  await expect(form.getByRole('list', { name: 'Progress' })).toContainText('Created pipeline "churn e2e"');
  expect(Object.fromEntries(run.parameters)).toEqual({ learning_rate: '0.01', epochs: '12' });
  const [pipeline] = kfp.pipelines.values();
  expect(pipeline.name).toBe('churn e2e');
  const version = kfp.versions.get(run.versionId)!;
  expect(version.text).toContain('schemaVersion: 2.1.0');
  expect(version.text).toContain('ghcr.io/acme/churn:1.4.0');
  const forwarded = kfp.requestsTo('POST', '/apis/v2beta1/runs').at(-1)!;
  expect(forwarded.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(forwarded.headers.cookie).toBeUndefined();

  // The same pipeline again: no second version, and the dialog says so.
  await form.getByRole('button', { name: 'Upload and run' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Run started' })).toContainText('this content was uploaded before; nothing new was uploaded', SLOW);
  expect(kfp.versions.size).toBe(1);
  expect(kfp.runs.size).toBe(2);

  // The token lives in this tab's session storage, and nowhere else the page keeps or gives away.
  await form.getByRole('button', { name: 'Close' }).click();
  const stored = await page.evaluate(() => ({
    session: Object.fromEntries(Object.entries(sessionStorage)),
    local: JSON.stringify(Object.entries(localStorage)),
    model: JSON.stringify((window as unknown as { __designer: { getState: () => { history: unknown } } }).__designer.getState().history),
  }));
  expect(Object.values(stored.session)).toContain(TOKEN);
  expect(stored.local).not.toContain(TOKEN);
  expect(stored.local).toContain('kfp-designer.deploy.v1'); // the choices, kept apart from the pipeline
  expect(stored.model).not.toContain(TOKEN);
  for (const name of ['Download dag.yaml', 'Download config.yaml', 'Download pipeline.yaml']) {
    // The magnus files are in their menu; open it when a download closed it.
    if (name !== 'Download pipeline.yaml' && !(await toolbar(page).getByRole('button', { name }).isVisible())) await toolbar(page).getByRole('button', { name: 'Magnus files' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name }).click()]);
    expect(readFileSync((await download.path())!, 'utf8'), name).not.toContain(TOKEN);
  }
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await toolbar(page).getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied to the clipboard' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const { decodeShareFragment } = await import('../src/core/share');
  expect(JSON.stringify(await decodeShareFragment(new URL(link).hash.slice(1)))).not.toContain(TOKEN);
  expect(link).not.toContain(TOKEN);
  expect(consoleText.join('\n')).not.toContain(TOKEN);

  // Reopened in the same tab, the token is still there; the choices too.
  await toolbar(page).getByRole('button', { name: 'Run on Kubeflow…' }).click();
  await expect(dialog(page).getByLabel('Token', { exact: true })).toHaveValue(TOKEN);
});

test('without a Kubeflow behind the page, the dialog explains how to connect one; the designer works as before', async ({ page }) => {
  await open(page);
  await toolbar(page).getByRole('button', { name: 'Run on Kubeflow…' }).click();
  const help = dialog(page);
  await expect(help.getByRole('note')).toContainText('This page is not connected to a Kubeflow');
  await expect(help).toContainText('kubectl port-forward -n kubeflow svc/ml-pipeline-ui 8080:80');
  await expect(help).toContainText('npx kfp-designer serve --kfp http://localhost:8080');
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
  await expect(step(page, 'train model')).toBeVisible();
});

test('refused while the pipeline has errors, as the download is', async ({ page }) => {
  await open(page);
  await field(page, 'CPU limit').fill('1.5 cores');
  await toolbar(page).getByRole('button', { name: 'Run on Kubeflow…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Not sent to Kubeflow' })).toContainText('the pipeline has 1 error');
  await expect(dialog(page)).toBeHidden();
});
