/**
 * The canvas and the palette, driven as a user would: by role and accessible name, with the mouse
 * and the keyboard. The model is read through the app's test hook (`window.__designer`), never
 * changed through it.
 */
import { expect, test, type Page } from './fixtures';
import type { Pipeline, Step } from '../src/core/model/types';
import { canvas, centre, drag, edge, EXAMPLE_STEPS, field, handle, open, step } from './designer';

const model = (page: Page): Promise<Pipeline> =>
  page.evaluate(() => (window as unknown as { __designer: { getState(): { history: { present: Pipeline } } } }).__designer.getState().history.present);
const modelStep = async (page: Page, name: string): Promise<Step | undefined> => (await model(page)).dag.steps.find((s) => s.name === name);
const undoSteps = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __designer: { getState(): { history: { past: unknown[] } } } }).__designer.getState().history.past.length);

/** Two task steps dropped from the palette into the empty left part of the canvas. */
async function dropTwoTasks(page: Page) {
  const addTask = page.getByRole('button', { name: 'Add task step' });
  // HTML5 drag and drop: Playwright's dragTo fires dragstart/dragover/drop in Chromium.
  await addTask.dragTo(canvas(page), { targetPosition: { x: 140, y: 90 } });
  await expect(step(page, 'task', 'task')).toBeVisible();
  await addTask.dragTo(canvas(page), { targetPosition: { x: 140, y: 330 } });
  await expect(step(page, 'task 2', 'task')).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await open(page);
});

test('a first visit shows the example pipeline as nodes and next edges', async ({ page }) => {
  for (const [name, type] of EXAMPLE_STEPS) {
    await expect(step(page, name, type)).toBeVisible();
  }
  await expect(edge(page, 'next: prepare data → train model')).toBeAttached();
  await expect(edge(page, 'next: publish → success')).toBeAttached();
  await expect(step(page, 'prepare data', 'task')).toContainText('start');
  await expect(step(page, 'train model', 'task').getByRole('img', { name: /^kfp overrides: memory_limit/ })).toBeVisible();
  for (const name of ['Zoom in', 'Zoom out', 'Fit view', 'Auto layout']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
});

test('steps dropped from the palette are connected with next and on_failure; a cycle is refused with a message', async ({ page }) => {
  await dropTwoTasks(page);
  expect((await model(page)).dag.steps.map((s) => s.name)).toEqual(expect.arrayContaining(['task', 'task 2']));

  await drag(page, handle(page, 'next of task'), handle(page, 'into task 2'));
  await expect(edge(page, 'next: task → task 2')).toBeAttached();
  await drag(page, handle(page, 'on failure of task 2'), handle(page, 'into fail'));
  await expect(edge(page, 'on failure: task 2 → fail')).toBeAttached();
  expect(await modelStep(page, 'task')).toMatchObject({ next: 'task 2' });
  expect(await modelStep(page, 'task 2')).toMatchObject({ on_failure: 'fail' });

  await drag(page, handle(page, 'next of task 2'), handle(page, 'into task'));
  // The store's notice (a live region); other panels have status regions of their own.
  await expect(page.getByRole('status').filter({ hasText: '`task` already leads to `task 2`; this next would make a cycle' })).toBeVisible();
  // Refused, so task 2 keeps the next it was added with (dropped after task, it joined the chain before success).
  expect(await modelStep(page, 'task 2')).toMatchObject({ next: 'success' });
  await expect(edge(page, 'next: task 2 → task')).toHaveCount(0);
});

test('a new next from the same step replaces the old one', async ({ page }) => {
  await dropTwoTasks(page);
  await drag(page, handle(page, 'next of task'), handle(page, 'into task 2'));
  await expect(edge(page, 'next: task → task 2')).toBeAttached();
  await drag(page, handle(page, 'next of task'), handle(page, 'into fail'));
  await expect(edge(page, 'next: task → fail')).toBeAttached();
  await expect(edge(page, 'next: task → task 2')).toHaveCount(0);
});

test('Delete removes the selected step and its edges', async ({ page }) => {
  await step(page, 'evaluate', 'task').click();
  await page.keyboard.press('Delete');
  await expect(step(page, 'evaluate', 'task')).toHaveCount(0);
  await expect(edge(page, 'next: train model → evaluate')).toHaveCount(0);
  expect(await modelStep(page, 'evaluate')).toBeUndefined();
  expect(await modelStep(page, 'train model')).not.toHaveProperty('next');
});

test('Delete removes a selected edge only', async ({ page }) => {
  await edge(page, 'next: evaluate → publish').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(edge(page, 'next: evaluate → publish')).toHaveCount(0);
  expect(await modelStep(page, 'evaluate')).not.toHaveProperty('next');
  expect(await modelStep(page, 'publish')).toBeDefined();
});

test("a step form's Next step lists the graph's other steps, connects the chosen one and refuses a cycle under the field", async ({ page }) => {
  await step(page, 'train model', 'task').focus();
  await page.keyboard.press('Enter');
  const next = field(page, 'Next step');
  await expect(next).toHaveValue('evaluate');
  const others = EXAMPLE_STEPS.filter(([name]) => name !== 'train model').map(([name, type]) => `${name} (${type})`);
  await expect(next.locator('option')).toHaveText(['(none)', ...others]);
  await expect(field(page, 'On failure').locator('option')).toHaveText(['(none)', ...others]);
  await next.selectOption('publish');
  await expect(edge(page, 'next: train model → publish')).toBeAttached();
  expect(await modelStep(page, 'train model')).toMatchObject({ next: 'publish' });
  await next.selectOption('prepare data');
  await expect(next).toHaveAccessibleDescription(/prepare data was not set: .*cycle/);
  expect(await modelStep(page, 'train model')).toMatchObject({ next: 'publish' });
});

test('dragging a node is one undo step', async ({ page }) => {
  const before = (await model(page)).layout['evaluate'];
  const node = step(page, 'evaluate', 'task');
  const from = await centre(node);
  const history = await undoSteps(page);
  await drag(page, node, { x: from.x + 160, y: from.y + 40 });
  await expect.poll(async () => (await model(page)).layout['evaluate']).not.toEqual(before);
  expect(await undoSteps(page)).toBe(history + 1);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await model(page)).layout['evaluate']).toEqual(before);
});

test('the palette adds a step by click or keyboard, selected and in view', async ({ page }) => {
  await page.getByRole('button', { name: 'Add stub step' }).click();
  await expect(step(page, 'stub', 'stub')).toBeInViewport();
  await page.getByRole('button', { name: 'Add parallel step' }).focus();
  await page.keyboard.press('Enter');
  await expect(step(page, 'parallel', 'parallel')).toBeInViewport();
  await expect(step(page, 'parallel', 'parallel')).toContainText('2 branches');
  expect(await page.evaluate(() => (window as unknown as { __designer: { getState(): { selection: string[] } } }).__designer.getState().selection)).toEqual(['parallel']);
});

test('a step is selected from the keyboard and made the start step', async ({ page }) => {
  await step(page, 'publish', 'task').focus();
  await page.keyboard.press('Enter');
  // The node's own toolbar (the properties panel offers the same action).
  await step(page, 'publish', 'task').getByRole('toolbar', { name: 'Actions for publish' }).getByRole('button', { name: 'Make start step' }).click();
  expect((await model(page)).dag.start_at).toBe('publish');
  await expect(step(page, 'publish', 'task')).toContainText('start');
});

test('Auto layout rearranges all steps as one undo step', async ({ page }) => {
  await drag(page, step(page, 'fail', 'fail'), { x: 300, y: 120 });
  const moved = (await model(page)).layout;
  await page.getByRole('button', { name: 'Auto layout' }).click();
  await expect.poll(async () => (await model(page)).layout).not.toEqual(moved);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await model(page)).layout).toEqual(moved);
});
