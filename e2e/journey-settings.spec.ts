/**
 * Journeys 3 and 4: the kfp settings — pipeline-wide values, a step's override and its reset, a
 * secret — reach the YAML of both targets exactly; a bad value is explained where it was typed, on
 * the node, and in Problems, which leads back to the field.
 */
import { expect, test, type Page } from './fixtures';
import { clickEmptyCanvas, field, open, pollYaml, problems, properties, step, toolbar, yamlDocuments, yamlPane } from './designer';

const IMAGE = 'registry.example.com/ml/churn:2.0';

/** The KFP v2 container and kubernetes config of one step's executor. */
const v2Executor = (docs: any[], label: string) => ({
  container: docs[0].deploymentSpec.executors[label].container,
  kubernetes: docs[1].platforms.kubernetes.deploymentSpec.executors[label],
});
/** The KFP v1 (Argo) container of one step's template. */
const v1Container = (docs: any[], template: string) => docs[0].spec.templates.find((t: any) => t.name === template).container;

async function selectStep(page: Page, name: string) {
  await step(page, name).click();
  await expect(field(page, 'Step name')).toHaveValue(name);
}

test('image, CPU limit, a step override and its reset, and a secret reach the YAML of both targets', async ({ page }) => {
  await open(page);
  await expect(properties(page).getByRole('heading', { name: 'Pipeline settings' })).toBeVisible();
  await field(page, 'Docker image').fill(IMAGE);
  await field(page, 'CPU limit').fill('2');

  // One step's memory, overridden…
  await selectStep(page, 'evaluate');
  const memory = field(page, 'Memory limit');
  await expect(memory).toHaveValue('2Gi');
  await memory.fill('6Gi');
  await expect(memory).toHaveAccessibleDescription(/overridden/);
  await pollYaml(page, 'pipeline', (docs) => v2Executor(docs, 'exec-evaluate').container.resources.resourceMemoryLimit).toBe('6Gi');
  await pollYaml(page, 'dag', ([dag]) => dag.dag.steps.evaluate.executor_config).toEqual({ kfp: { memory_limit: '6Gi' } });
  // …and reset: inherited again, in the form and in the YAML.
  await properties(page).getByRole('button', { name: 'Reset Memory limit to inherited' }).click();
  await expect(memory).toHaveValue('2Gi');
  await expect(memory).toHaveAccessibleDescription(/inherited from the pipeline settings/);
  await pollYaml(page, 'pipeline', (docs) => v2Executor(docs, 'exec-evaluate').container.resources.resourceMemoryLimit).toBe('2Gi');
  await pollYaml(page, 'dag', ([dag]) => dag.dag.steps.evaluate).not.toHaveProperty('executor_config');

  // A pipeline-wide secret, by the quick entry.
  await clickEmptyCanvas(page);
  await field(page, 'Add secret (EnvVar=SecretName:Key)').fill('AWS_KEY=aws-secret:key');
  await properties(page).getByRole('button', { name: 'Add secret' }).click();
  await expect(field(page, 'Secret 2 environment variable')).toHaveValue('AWS_KEY');

  // KFP v2: every container in the new image with the new CPU limit; the secret as env, by reference.
  await pollYaml(page, 'pipeline', (docs) => v2Executor(docs, 'exec-evaluate').kubernetes.secretAsEnv.map((s: any) => s.secretName)).toEqual(['mlflow', 'aws-secret']);
  const v2 = await yamlDocuments(page, 'pipeline');
  for (const label of Object.keys((v2[0] as any).deploymentSpec.executors)) {
    const { container } = v2Executor(v2, label);
    expect(container.image, label).toBe(IMAGE);
    expect(container.resources.resourceCpuLimit, label).toBe('2');
  }
  const evaluate = v2Executor(v2, 'exec-evaluate');
  expect(evaluate.container.resources).toMatchObject({ resourceMemoryLimit: '2Gi', resourceCpuLimit: '2' });
  expect(evaluate.kubernetes.secretAsEnv).toContainEqual(expect.objectContaining({ secretName: 'aws-secret', keyToEnv: [{ secretKey: 'key', envVar: 'AWS_KEY' }] }));
  // publish has secrets of its own, which replace the pipeline's list (as in magnus).
  expect(v2Executor(v2, 'exec-publish').kubernetes.secretAsEnv.map((s: any) => s.secretName)).toEqual(['aws-credentials']);

  // KFP v1: the same values in the Argo workflow.
  await yamlPane(page).getByRole('radio', { name: 'KFP v1' }).check();
  await pollYaml(page, 'pipeline', ([workflow]) => workflow.kind).toBe('Workflow');
  const v1 = await yamlDocuments(page, 'pipeline');
  for (const template of ['prepare-data', 'train-model', 'evaluate', 'publish', 'success']) {
    const container = v1Container(v1, template);
    expect(container.image, template).toBe(IMAGE);
    expect(container.resources.limits.cpu, template).toBe('2');
  }
  const container = v1Container(v1, 'evaluate');
  expect(container.resources.limits).toEqual({ memory: '2Gi', cpu: '2' });
  expect(container.env).toContainEqual({ name: 'AWS_KEY', valueFrom: { secretKeyRef: { name: 'aws-secret', key: 'key' } } });
  expect(v1Container(v1, 'train-model').resources.limits.memory).toBe('8Gi'); // the example's own override stays
});

test('an invalid quantity is explained under the field, on the node and in Problems, which leads back to the field', async ({ page }) => {
  await open(page);
  await selectStep(page, 'evaluate');
  const cpu = field(page, 'CPU limit');
  await cpu.fill('1.5 cores');
  await cpu.blur();

  // Under the field: the message is the field's description, and shown below it.
  const message = /"1\.5 cores" is not a Kubernetes quantity/;
  await expect(cpu).toHaveAttribute('aria-invalid', 'true');
  await expect(cpu).toHaveAccessibleDescription(message);
  const shown = properties(page).getByText(message);
  await expect(shown).toBeVisible();
  const [fieldBox, messageBox] = [await cpu.boundingBox(), await shown.boundingBox()];
  expect(messageBox!.y).toBeGreaterThanOrEqual(fieldBox!.y + fieldBox!.height - 1);

  // On the node, and in Problems.
  await expect(step(page, 'evaluate').getByRole('img', { name: '1 problem' })).toBeVisible();
  await expect(problems(page)).toContainText('1 error');
  const entry = problems(page).getByRole('button', { name: /^error in step evaluate: .*"1\.5 cores".*\(kfp\.cpu_limit\)$/ });
  await expect(entry).toBeVisible();
  await expect(yamlPane(page).getByText('1 error — fix it to download')).toBeVisible();

  // Elsewhere now; the entry brings back the step and the field.
  await selectStep(page, 'publish');
  await entry.click();
  await expect(field(page, 'Step name')).toHaveValue('evaluate');
  await expect(cpu).toBeFocused();
  await expect(cpu).toHaveValue('1.5 cores');
  // Brought into view inside the panel; the page itself does not scroll the toolbar away.
  await expect(cpu).toBeInViewport();
  await expect(toolbar(page).getByRole('button', { name: 'Undo' })).toBeInViewport({ ratio: 1 });

  // Fixed, every sign of it goes.
  await cpu.fill('1500m');
  await expect(cpu).not.toHaveAttribute('aria-invalid', 'true');
  await expect(step(page, 'evaluate').getByRole('img', { name: /problem/ })).toHaveCount(0);
  await expect(problems(page)).toContainText('0 errors, 0 warnings');
  await pollYaml(page, 'pipeline', ([spec]) => spec.deploymentSpec.executors['exec-evaluate'].container.resources.resourceCpuLimit).toBe('1500m');
});
