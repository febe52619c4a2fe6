/**
 * Journey 7: work survives a reload (autosave in the browser), and every edit can be undone and
 * redone — by keyboard shortcut outside the fields and by the toolbar buttons.
 */
import { expect, test } from './fixtures';
import { clickEmptyCanvas, edge, field, open, pollYaml, step, toolbar } from './designer';

test('the last edit is restored after a reload', async ({ page }) => {
  await open(page);
  await step(page, 'fail', 'fail').click();
  await page.keyboard.press('Delete');
  await expect(step(page, 'fail', 'fail')).toHaveCount(0);
  await clickEmptyCanvas(page);
  await field(page, 'Docker image').fill('registry.example.com/ml/churn:3.1');
  await field(page, 'Docker image').blur();
  await pollYaml(page, 'pipeline', ([spec]) => spec.deploymentSpec.executors['exec-evaluate'].container.image).toBe('registry.example.com/ml/churn:3.1');

  await page.reload();
  await expect(step(page, 'prepare data')).toBeVisible();
  await expect(field(page, 'Docker image')).toHaveValue('registry.example.com/ml/churn:3.1');
  await expect(step(page, 'fail', 'fail')).toHaveCount(0);
  await pollYaml(page, 'pipeline', ([spec]) => spec.deploymentSpec.executors['exec-evaluate'].container.image).toBe('registry.example.com/ml/churn:3.1');
  // A new session of the same work: nothing to undo yet.
  await expect(toolbar(page).getByRole('button', { name: 'Undo' })).toBeDisabled();
});

test('a deletion and a form change are undone and redone by keyboard and by the toolbar', async ({ page }) => {
  await open(page);
  const undo = toolbar(page).getByRole('button', { name: 'Undo' });
  const redo = toolbar(page).getByRole('button', { name: 'Redo' });
  const evaluate = step(page, 'evaluate');

  // Delete a selected node.
  await evaluate.click();
  await page.keyboard.press('Delete');
  await expect(evaluate).toHaveCount(0);
  await expect(edge(page, 'next: train model → evaluate')).toHaveCount(0);
  await expect(undo).toBeEnabled();
  // Keyboard: Ctrl+Z brings it back with its edges, Ctrl+Shift+Z deletes it again.
  await page.keyboard.press('Control+z');
  await expect(evaluate).toBeVisible();
  await expect(edge(page, 'next: train model → evaluate')).toBeAttached();
  await expect(edge(page, 'next: evaluate → publish')).toBeAttached();
  await page.keyboard.press('Control+Shift+z');
  await expect(evaluate).toHaveCount(0);
  // Toolbar: the same.
  await undo.click();
  await expect(evaluate).toBeVisible();
  await expect(edge(page, 'next: evaluate → publish')).toBeAttached();
  await redo.click();
  await expect(evaluate).toHaveCount(0);
  await undo.click();
  await expect(evaluate).toBeVisible();
  await expect(redo).toBeEnabled();

  // A form change: the pipeline's memory limit, typed (one undo step however many keystrokes).
  await clickEmptyCanvas(page);
  const memory = field(page, 'Memory limit');
  await expect(memory).toHaveValue('2Gi');
  await memory.fill('');
  await memory.pressSequentially('3Gi');
  await pollYaml(page, 'pipeline', ([spec]) => spec.deploymentSpec.executors['exec-evaluate'].container.resources.resourceMemoryLimit).toBe('3Gi');
  await expect(redo).toBeDisabled(); // a new edit ends the redo history
  // Outside the field (inside it, Ctrl+Z first undoes the field's own typing: field-undo.spec.ts).
  await clickEmptyCanvas(page);
  await expect(memory).not.toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(memory).toHaveValue('2Gi');
  await pollYaml(page, 'pipeline', ([spec]) => spec.deploymentSpec.executors['exec-evaluate'].container.resources.resourceMemoryLimit).toBe('2Gi');
  await page.keyboard.press('Control+Shift+z');
  await expect(memory).toHaveValue('3Gi');
  await undo.click();
  await expect(memory).toHaveValue('2Gi');
  await redo.click();
  await expect(memory).toHaveValue('3Gi');
  await pollYaml(page, 'pipeline', ([spec]) => spec.deploymentSpec.executors['exec-evaluate'].container.resources.resourceMemoryLimit).toBe('3Gi');
  await expect(redo).toBeDisabled();
  // The deletion was undone before the form change, so one undo takes us back to the start.
  await undo.click();
  await expect(memory).toHaveValue('2Gi');
  await expect(undo).toBeDisabled();
  await expect(evaluate).toBeVisible();
});
