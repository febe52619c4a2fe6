/**
 * A step added from the palette (click, Enter, drop) or with `A` starts valid: it joins the chain
 * after the selected step (selected → new → old next), or at the end before success — no badge,
 * no error, no warning the user did not make, and pipeline.yaml downloads.
 */
import { expect, test, type Page } from './fixtures';
import type { Pipeline } from '../src/core/model/types';
import { canvas, clickEmptyCanvas, open, palette, problems, step, toolbar } from './designer';

const nextOf = (page: Page, name: string) =>
  page.evaluate(
    (n) =>
      (window as unknown as { __designer: { getState(): { history: { present: Pipeline } } } }).__designer
        .getState()
        .history.present.dag.steps.find((s) => s.name === n) as { next?: string } | undefined,
    name,
  ).then((s) => s?.next);

async function expectClean(page: Page) {
  await expect(problems(page)).toContainText('0 errors, 0 warnings');
  const [file] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: 'Download pipeline.yaml' }).click()]);
  expect(file.suggestedFilename()).toBe('pipeline.yaml');
}

test.beforeEach(async ({ page }) => {
  await open(page);
});

test('a palette click with a step selected inserts the new step after it, between it and its next, and moves the rest down', async ({ page }) => {
  await step(page, 'train model').click();
  const evaluateBefore = (await step(page, 'evaluate').boundingBox())!;
  await palette(page).getByRole('button', { name: 'Add task step' }).click();
  await expect(step(page, 'task')).toBeVisible();
  expect(await nextOf(page, 'train model')).toBe('task');
  expect(await nextOf(page, 'task')).toBe('evaluate');
  const [train, added, evaluate] = await Promise.all(['train model', 'task', 'evaluate'].map(async (n) => (await step(page, n).boundingBox())!));
  expect(added.y).toBeGreaterThan(train.y + train.height);
  expect(evaluate.y).toBeGreaterThan(added.y + added.height);
  expect(Math.round(added.x)).toBe(Math.round(train.x));
  expect(evaluate.y).toBeGreaterThan(evaluateBefore.y);
  await expect(step(page, 'task').getByRole('img', { name: /problem/ })).toHaveCount(0);
  await expectClean(page);
});

test('A with nothing selected appends a task at the end of the pipeline, before success; A again follows it', async ({ page }) => {
  await clickEmptyCanvas(page);
  await page.keyboard.press('a');
  await expect(step(page, 'task')).toBeVisible();
  expect(await nextOf(page, 'publish')).toBe('task');
  expect(await nextOf(page, 'task')).toBe('success');
  await expectClean(page);
  // The new step is selected: the next A goes after it.
  await page.keyboard.press('a');
  await expect(step(page, 'task 2')).toBeVisible();
  expect(await nextOf(page, 'task')).toBe('task 2');
  expect(await nextOf(page, 'task 2')).toBe('success');
  await expectClean(page);
});

test('a step dropped on the canvas joins the chain too, where it was dropped', async ({ page }) => {
  await clickEmptyCanvas(page);
  await palette(page).getByRole('button', { name: 'Add stub step' }).dragTo(canvas(page), { targetPosition: { x: 150, y: 80 } });
  await expect(step(page, 'stub', 'stub')).toBeVisible();
  expect(await nextOf(page, 'publish')).toBe('stub');
  expect(await nextOf(page, 'stub')).toBe('success');
  await expectClean(page);
});

for (const type of ['parallel', 'map', 'dag']) {
  test(`a ${type} step from the palette starts valid, its branches too`, async ({ page }) => {
    await step(page, 'evaluate').click();
    await palette(page).getByRole('button', { name: `Add ${type} step` }).click();
    await expect(step(page, type, type)).toBeVisible();
    expect(await nextOf(page, 'evaluate')).toBe(type);
    expect(await nextOf(page, type)).toBe('publish');
    await expectClean(page);
  });
}

test('a second success step is refused with the reason, and nothing is added', async ({ page }) => {
  await palette(page).getByRole('button', { name: 'Add success step' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'already has its success step `success`' })).toBeVisible();
  await expect(step(page, 'success 2', 'success')).toHaveCount(0);
  await expect(problems(page)).toContainText('0 errors, 0 warnings');
});
