/**
 * Journeys 5 and 6: magnus files in (file picker, drop, a broken file refused), Kubeflow files out —
 * and what is downloaded passes the same strict checkers as the core's tests (imported here, run in
 * the test's Node process, never in the app).
 */
import { readFileSync } from 'node:fs';
import { checkArgoWorkflowYaml } from '../src/core/check/argo';
import { checkKfpV2Yaml } from '../src/core/check/kfp-v2';
import { expect, test, type Page } from './fixtures';
import { canvas, corpusPath, dropFiles, field, loadedYaml, open, pollYaml, problems, properties, SLOW, step, stepNames, toolbar, yamlPane } from './designer';

const DAG = '0.5.0__examples__executors__step_overrides_container.yaml'; // step 2: `overrides: {local-container: custom_docker_image}`
const CONFIG = '0.5.0__examples__executors__local-container-override.yaml'; // the `custom_docker_image` profile
const PARAMETERS = '0.4.19__tests__scenarios__archive__parameters.yaml'; // `x: 3`
const IMPORTED_STEPS = ['step 1', 'step 2', 'success', 'fail'];
const BROKEN = { name: 'broken.yaml', text: 'dag:\n  start_at: a\n  steps:\n    a: [\n' };

const corpusFile = (name: string) => ({ name, text: readFileSync(corpusPath(name), 'utf8') });

/**
 * What the three files make, wherever they came from: the steps, step 2's override (for the
 * local-container executor, so kept as written but not applied to kfp), the profile, the parameter.
 */
async function expectImported(page: Page) {
  for (const name of ['step 1', 'step 2']) await expect(step(page, name)).toBeVisible();
  await expect(step(page, 'prepare data')).toHaveCount(0);
  expect(await stepNames(page)).toEqual(IMPORTED_STEPS);
  await pollYaml(page, 'parameters', ([parameters]) => parameters).toEqual({ x: 3 });
  await pollYaml(page, 'dag', ([dag]) => dag.dag.steps['step 2'].executor_config).toEqual({ 'local-container': 'custom_docker_image' });
  await expect(field(page, 'Parameter 1 name')).toHaveValue('x');
  await expect(field(page, 'Parameter 1 value')).toHaveValue('3');
  // The config's variables have no values here: errors, one of them in the imported profile.
  await expect(problems(page)).toContainText('2 errors');
  await expect(problems(page).getByRole('button', { name: /^error in profiles\.custom_docker_image\.docker_image: .*`custom_docker_image`/ })).toBeVisible();
}

test('magnus files are imported by the file picker and by a drop on the canvas; a broken file changes nothing', async ({ page }) => {
  await open(page);
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
  await dialog.getByLabel('Choose files').setInputFiles([DAG, CONFIG, PARAMETERS].map(corpusPath));
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toBeVisible(SLOW);
  for (const role of ['pipeline (dag)', 'config', 'parameters']) await expect(report).toContainText(`read as the ${role} file`);
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(report).toBeHidden();
  await expectImported(page);

  // kfp runs step 2 in the pipeline's image: its override names another executor's profile.
  await step(page, 'step 2').click();
  await expect(field(page, 'Step name')).toHaveValue('step 2');
  await expect(field(page, 'Docker image')).toHaveAccessibleDescription(/inherited from the pipeline settings/);
  await expect(properties(page)).toContainText('Profiles applied: none');

  // Start over, then drop the same files on the canvas.
  await toolbar(page).getByRole('button', { name: 'New pipeline' }).click();
  await page.getByRole('dialog', { name: 'Discard current pipeline?' }).getByRole('button', { name: 'Create new pipeline' }).click();
  await expect(step(page, 'hello')).toBeVisible();
  await expect(yamlPane(page).getByRole('tab', { name: 'parameters.yaml' })).toHaveCount(0);
  await dropFiles(page, [DAG, CONFIG, PARAMETERS].map(corpusFile));
  await expect(report).toBeVisible(SLOW);
  await expect(report).toContainText('read as the parameters file');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(step(page, 'hello')).toHaveCount(0);
  await expectImported(page);
  const before = await loadedYaml(page, 'dag');

  // A broken file, chosen: refused with its line; the imported pipeline stays as it was.
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Choose files').setInputFiles({ name: BROKEN.name, mimeType: 'application/yaml', buffer: Buffer.from(BROKEN.text) });
  await expect(dialog.getByRole('alert')).toContainText('Import failed — nothing changed');
  await expect(dialog.getByRole('alert')).toContainText('broken.yaml:5:1');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expectImported(page);

  // …and dropped: the same.
  await dropFiles(page, [BROKEN], step(page, 'step 1'));
  const failure = page.getByRole('dialog', { name: 'Import failed — nothing changed' });
  await expect(failure).toContainText('broken.yaml:5:1');
  await failure.getByRole('button', { name: 'Close' }).click();
  await expect(failure).toBeHidden();
  await expectImported(page);
  expect(await loadedYaml(page, 'dag')).toBe(before);
  await expect(canvas(page).getByRole('group', { name: /^Step / })).toHaveCount(IMPORTED_STEPS.length);
});

/** Clicks a download button and returns the file's name and text. */
async function download(page: Page, name: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

test('the downloaded pipeline.yaml passes the strict KFP v2 and Argo checkers', async ({ page }) => {
  await open(page);
  // Something beyond the example: a pipeline-wide CPU limit and one more secret.
  await field(page, 'CPU limit').fill('1500m');
  await field(page, 'Add secret (EnvVar=SecretName:Key)').fill('AWS_KEY=aws-secret:key');
  await properties(page).getByRole('button', { name: 'Add secret' }).click();
  await pollYaml(page, 'pipeline', ([spec]) => spec.deploymentSpec.executors['exec-evaluate'].container.resources.resourceCpuLimit).toBe('1500m');

  const v2 = await download(page, 'Download pipeline.yaml');
  expect(v2.name).toBe('pipeline.yaml');
  expect(v2.text).toBe(await loadedYaml(page, 'pipeline'));
  expect(v2.text).toContain('secretName: aws-secret');
  expect(checkKfpV2Yaml(v2.text).problems).toEqual([]);

  await yamlPane(page).getByRole('radio', { name: 'KFP v1' }).check();
  await pollYaml(page, 'pipeline', ([workflow]) => workflow.kind).toBe('Workflow');
  const v1 = await download(page, 'Download pipeline.yaml');
  expect(v1.name).toBe('pipeline.yaml');
  expect(v1.text).toBe(await loadedYaml(page, 'pipeline'));
  expect(v1.text).toContain('cpu: 1500m');
  expect(checkArgoWorkflowYaml(v1.text).problems).toEqual([]);

  // The checkers do look: the same files, spoiled, fail them.
  expect(checkKfpV2Yaml(v2.text.replace('schemaVersion: 2.1.0', 'schemaVersion: 2.1.0\nunknownKey: 1')).ok).toBe(false);
  expect(checkArgoWorkflowYaml(v1.text.replace('kind: Workflow', 'kind: Workflow\nunknownKey: 1')).ok).toBe(false);
});
