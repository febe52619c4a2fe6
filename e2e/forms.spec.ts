import { expect, test, type Page } from './fixtures';

/**
 * The properties panel: pipeline settings (global kfp config, secrets) and a step's overrides,
 * checked through the UI (roles, labels, descriptions) and through the model the app exposes.
 */

interface StepLike {
  name: string;
  kfp?: { key: string; value: unknown }[];
}
interface PipelineLike {
  dag: { steps: StepLike[] };
  executor: { docker_image?: string; cpu_limit?: string; secrets_from_k8s?: { env: string; ref: string }[] };
}

const model = (page: Page) => page.evaluate(() => (window as unknown as { __designer: { getState(): { history: { present: PipelineLike } } } }).__designer.getState().history.present);
const stepNamed = (pipeline: PipelineLike, name: string) => pipeline.dag.steps.find((s) => s.name === name);

test('pipeline settings and step overrides edit the model live, with errors under the fields', async ({ page }) => {
  await page.goto('/');
  const panel = page.getByRole('complementary', { name: 'Properties' });
  await expect(panel.getByRole('heading', { name: 'Pipeline settings' })).toBeVisible();

  // Global docker image and CPU limit: every keystroke reaches the model.
  await panel.getByLabel('Docker image').fill('registry.example.com/ml/train:2.0');
  await panel.getByLabel('CPU limit').fill('2');
  await panel.getByLabel('CPU limit').blur();
  await expect.poll(async () => (await model(page)).executor).toMatchObject({ docker_image: 'registry.example.com/ml/train:2.0', cpu_limit: '2' });

  // Clearing a setting goes back to magnus's default, which the field shows.
  const cpu = panel.getByLabel('CPU limit');
  await cpu.fill('');
  await expect(cpu).toHaveAttribute('placeholder', '250m');
  expect((await model(page)).executor.cpu_limit).toBeUndefined();
  await cpu.fill('2');

  // Add a secret with the quick entry; it becomes a row of three inputs.
  const quick = panel.getByLabel('Add secret (EnvVar=SecretName:Key)');
  await quick.fill('AWS_KEY=aws-secret:key');
  await panel.getByRole('button', { name: 'Add secret' }).click();
  expect((await model(page)).executor.secrets_from_k8s).toContainEqual({ env: 'AWS_KEY', ref: 'aws-secret:key' });
  await expect(panel.getByLabel('Secret 2 environment variable')).toHaveValue('AWS_KEY');
  await expect(panel.getByLabel('Secret 2 secret name')).toHaveValue('aws-secret');
  await expect(panel.getByLabel('Secret 2 secret key')).toHaveValue('key');

  // A secret without `:` is refused with an error under the field, and nothing is added. What was
  // typed is not repeated: pasted by mistake, it may be the secret itself.
  await quick.fill('BAD_KEY=hunter2-pasted-secret');
  await panel.getByRole('button', { name: 'Add secret' }).click();
  await expect(quick).toHaveAttribute('aria-invalid', 'true');
  await expect(quick).toHaveAccessibleDescription(/the value \(no `:`\) is not "SecretName:Key"/);
  await expect(quick).not.toHaveAccessibleDescription(/hunter2/);
  await expect(panel.getByText(/hunter2/)).toHaveCount(0);
  expect((await model(page)).executor.secrets_from_k8s?.some((s) => s.env === 'BAD_KEY')).toBe(false);

  // `1.5 cores`: kept as typed (and in the model, raw), with the error as the field's description.
  await cpu.fill('1.5 cores');
  await expect(cpu).toHaveValue('1.5 cores');
  await expect(cpu).toHaveAttribute('aria-invalid', 'true');
  await expect(cpu).toHaveAccessibleDescription(/"1\.5 cores" is not a Kubernetes quantity/);
  await expect(panel.getByText(/"1\.5 cores" is not a Kubernetes quantity/)).toBeVisible();
  expect((await model(page)).executor.cpu_limit).toBe('1.5 cores');
  await cpu.fill('2');
  await expect(cpu).not.toHaveAttribute('aria-invalid', 'true');

  // Select a step on the canvas: the step form shows what it inherits.
  await page.getByRole('region', { name: 'Pipeline canvas' }).getByLabel('Step evaluate (task)', { exact: true }).click();
  await expect(panel.getByLabel('Step name')).toHaveValue('evaluate');
  const memory = panel.getByLabel('Memory limit');
  await expect(memory).toHaveValue('2Gi');
  await expect(memory).toHaveAccessibleDescription(/inherited/);

  // Override its memory limit.
  await memory.fill('4Gi');
  await expect(memory).toHaveAccessibleDescription(/overridden/);
  await expect(panel.getByText('overridden', { exact: true })).toBeVisible();
  expect(stepNamed(await model(page), 'evaluate')?.kfp).toEqual([{ key: 'memory_limit', value: '4Gi' }]);

  // Reset it: inherited again, the override gone from the model.
  await panel.getByRole('button', { name: 'Reset Memory limit to inherited' }).click();
  await expect(memory).toHaveValue('2Gi');
  await expect(memory).toHaveAccessibleDescription(/inherited/);
  await expect(panel.getByRole('button', { name: 'Reset Memory limit to inherited' })).toHaveCount(0);
  expect(stepNamed(await model(page), 'evaluate')?.kfp).toBeUndefined();

  // A bad CPU override shows the error under the step's field too.
  const stepCpu = panel.getByLabel('CPU limit');
  await stepCpu.fill('1.5 cores');
  await expect(stepCpu).toHaveAttribute('aria-invalid', 'true');
  await expect(stepCpu).toHaveAccessibleDescription(/"1\.5 cores" is not a Kubernetes quantity/);
  expect(stepNamed(await model(page), 'evaluate')?.kfp).toEqual([{ key: 'cpu_limit', value: '1.5 cores' }]);
});

test('one typing run in a field is one undo step', async ({ page }) => {
  await page.goto('/');
  const panel = page.getByRole('complementary', { name: 'Properties' });
  const memory = panel.getByLabel('Memory limit');
  await expect(memory).toHaveValue('2Gi');
  await memory.fill('');
  await memory.pressSequentially('512Mi');
  await memory.blur();
  await expect(memory).toHaveValue('512Mi');
  await page.keyboard.press('Control+z');
  await expect(memory).toHaveValue('2Gi');
});

test('a focus request selects the step and focuses the field a diagnostic names', async ({ page }) => {
  await page.goto('/');
  const panel = page.getByRole('complementary', { name: 'Properties' });
  await page.evaluate(() =>
    (window as unknown as { __designer: { getState(): { focusField(t: { step?: string; field?: string }): void } } }).__designer
      .getState()
      .focusField({ step: 'train model', field: 'kfp.memory_limit' }),
  );
  await expect(panel.getByLabel('Step name')).toHaveValue('train model');
  await expect(panel.getByLabel('Memory limit')).toBeFocused();
  await page.evaluate(() =>
    (window as unknown as { __designer: { getState(): { focusField(t: { step?: string; field?: string }): void } } }).__designer.getState().focusField({ field: 'files.dag' }),
  );
  await expect(panel.getByRole('heading', { name: 'Pipeline settings' })).toBeVisible();
  await expect(panel.getByLabel('Dag file path')).toBeFocused();
});
