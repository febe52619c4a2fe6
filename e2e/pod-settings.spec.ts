/**
 * The Argo executors' pod settings in the designer: environment variables, node selector and
 * tolerations for the whole pipeline and per step (inherited until overridden, with a reset),
 * reaching the KFP v2 spec and the magnus config the model exports to.
 */
import { expect, test, type Page } from './fixtures';
import { clickEmptyCanvas, field, open, pollYaml, properties, step } from './designer';

const executor = (docs: any[], label: string) => docs[1].platforms.kubernetes.deploymentSpec.executors[label];
const container = (docs: any[], label: string) => docs[0].deploymentSpec.executors[label].container;

async function selectStep(page: Page, name: string) {
  await step(page, name).click();
  await expect(field(page, 'Step name')).toHaveValue(name);
}

test('node selector and env for the whole pipeline reach the YAML and the exported config, a bad label is explained', async ({ page }) => {
  test.setTimeout(120_000); // two YAML tabs rendered and re-read after each edit
  await open(page);
  const panel = properties(page);
  await expect(panel.getByRole('heading', { name: 'Pipeline settings' })).toBeVisible();

  // Pipeline-wide: a node selector label and an environment variable, typed into new rows.
  await panel.getByRole('button', { name: 'Add node label' }).click();
  await expect(field(page, 'Node label 1 key')).toBeFocused();
  await page.keyboard.type('node-pool');
  await field(page, 'Node label 1 value').fill('cpu');
  await panel.getByRole('button', { name: 'Add environment variable' }).click();
  await field(page, 'Environment variable 1 name').fill('MODE');
  await field(page, 'Environment variable 1 value').fill('batch');
  await pollYaml(page, 'pipeline', (docs) => executor(docs, 'exec-evaluate').nodeSelector).toEqual({ labels: { 'node-pool': 'cpu' } });
  await pollYaml(page, 'pipeline', (docs) => container(docs, 'exec-evaluate').env).toEqual([{ name: 'MODE', value: 'batch' }]);
  await pollYaml(page, 'config', ([config]) => config.executor.config.node_selector).toEqual({ 'node-pool': 'cpu' });

  // A bad label is explained under its row and marked invalid.
  await field(page, 'Node label 1 value').fill('a/b');
  await expect(field(page, 'Node label 1 value')).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, 'Node label 1 value')).toHaveAccessibleDescription(/not a valid label value/);
  await field(page, 'Node label 1 value').fill('cpu');
  await expect(field(page, 'Node label 1 value')).not.toHaveAttribute('aria-invalid', 'true');
});

test('a step inherits the node selector, overrides its tolerations, and resets them', async ({ page }) => {
  test.setTimeout(120_000); // the pipeline and dag YAML re-read after each edit
  await open(page);
  const panel = properties(page);
  await panel.getByRole('button', { name: 'Add node label' }).click();
  await field(page, 'Node label 1 key').fill('node-pool');
  await field(page, 'Node label 1 value').fill('cpu');

  // One step: inherits the pipeline's list, then tolerates GPU nodes of its own.
  await selectStep(page, 'evaluate');
  await expect(panel.getByRole('group', { name: 'Node selector' })).toHaveAccessibleDescription(/inherited/);
  await expect(field(page, 'Node label 1 value')).toHaveValue('cpu');
  await panel.getByRole('button', { name: 'Add toleration' }).click();
  await field(page, 'Toleration 1 key').fill('nvidia.com/gpu');
  await field(page, 'Toleration 1 operator').selectOption('Exists');
  await pollYaml(page, 'pipeline', (docs) => executor(docs, 'exec-evaluate').tolerations).toEqual([{ effect: 'NoSchedule', key: 'nvidia.com/gpu', operator: 'Exists' }]);
  await pollYaml(page, 'pipeline', (docs) => executor(docs, 'exec-train-model').tolerations).toBeUndefined();
  await expect(panel.getByRole('group', { name: 'Tolerations' })).toHaveAccessibleDescription(/overridden/);
  await pollYaml(page, 'dag', ([dag]) => dag.dag.steps.evaluate.executor_config.kfp.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);

  // Reset: inherited again (none), gone from the YAML.
  await panel.getByRole('button', { name: 'Reset Tolerations to inherited' }).click();
  await pollYaml(page, 'pipeline', (docs) => executor(docs, 'exec-evaluate').tolerations).toBeUndefined();
  await expect(panel.getByRole('group', { name: 'Tolerations' })).toHaveAccessibleDescription(/inherited/);
  await clickEmptyCanvas(page);
  await expect(field(page, 'Node label 1 key')).toHaveValue('node-pool');
});
