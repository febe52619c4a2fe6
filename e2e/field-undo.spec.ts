/**
 * Ctrl+Z in a text field is either the field's own text undo (while it has typing of this visit)
 * or the designer's undo (after Tab, Enter, in a list or a checkbox) — never the browser's page-wide
 * text undo, which after Tab edited the field just left and committed the half-undone value.
 */
import { expect, test, type Page } from './fixtures';
import type { Pipeline } from '../src/core/model/types';
import { field, open, properties, step, toolbar } from './designer';

const executor = (page: Page) =>
  page.evaluate(() => (window as unknown as { __designer: { getState(): { history: { present: Pipeline } } } }).__designer.getState().history.present.executor);
const undoSteps = (page: Page) => page.evaluate(() => (window as unknown as { __designer: { getState(): { history: { past: unknown[] } } } }).__designer.getState().history.past.length);

/** The keystrokes: CPU limit `1` becomes `750m`. */
async function retypeCpuLimit(page: Page) {
  const cpu = field(page, 'CPU limit');
  await cpu.click();
  await cpu.press('End');
  await cpu.press('Backspace');
  await cpu.pressSequentially('750m');
  await expect.poll(async () => (await executor(page)).cpu_limit).toBe('750m');
}

test.beforeEach(async ({ page }) => {
  await open(page);
});

test('after Tab, Ctrl+Z undoes the last field edit whole, as the Undo button does, and changes nothing else', async ({ page }) => {
  await retypeCpuLimit(page);
  await page.keyboard.press('Tab');
  await expect(field(page, 'Memory limit')).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(field(page, 'CPU limit')).toHaveValue('1');
  await expect(field(page, 'Memory limit')).toHaveValue('2Gi');
  await expect(field(page, 'Memory limit')).toBeFocused();
  expect(await executor(page)).toMatchObject({ cpu_limit: '1', memory_limit: '2Gi' });
  expect(await undoSteps(page)).toBe(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(field(page, 'CPU limit')).toHaveValue('750m');
  expect(await undoSteps(page)).toBe(1);
});

test("in the field being typed in, Ctrl+Z undoes that field's typing, a run at a time, and leaves no undo step once back", async ({ page }) => {
  await retypeCpuLimit(page);
  await page.keyboard.press('Control+z');
  await expect(field(page, 'CPU limit')).toHaveValue('');
  await expect(field(page, 'CPU limit')).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(field(page, 'CPU limit')).toHaveValue('1');
  expect(await executor(page)).toMatchObject({ cpu_limit: '1', memory_limit: '2Gi' });
  // As it was: no edit to undo.
  expect(await undoSteps(page)).toBe(0);
  await expect(toolbar(page).getByRole('button', { name: 'Undo' })).toBeDisabled();
  // And forward again, in the field.
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(field(page, 'CPU limit')).toHaveValue('750m');
  expect(await executor(page)).toMatchObject({ cpu_limit: '750m' });
  expect(await undoSteps(page)).toBe(1);
});

test('Ctrl+Z on a list after typing in a field undoes the whole edit, never half of it', async ({ page }) => {
  await retypeCpuLimit(page);
  await field(page, 'Image pull policy').focus();
  await page.keyboard.press('Control+z');
  await expect(field(page, 'CPU limit')).toHaveValue('1');
  expect((await executor(page)).cpu_limit).toBe('1');
});

test('Enter takes the typing as done: Ctrl+Z then undoes the edit whole', async ({ page }) => {
  await retypeCpuLimit(page);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+z');
  await expect(field(page, 'CPU limit')).toHaveValue('1');
  expect(await undoSteps(page)).toBe(0);
});

test('in the batch form, Ctrl+Z takes back unapplied typing, and after Enter undoes the edit on every step', async ({ page }) => {
  await step(page, 'prepare data').click();
  await step(page, 'evaluate').click({ modifiers: ['Control'] });
  await expect(properties(page).getByRole('heading', { name: '2 steps selected' })).toBeVisible();
  const cpu = field(page, 'CPU limit');
  await cpu.click();
  await cpu.pressSequentially('3');
  await page.keyboard.press('Control+z');
  await expect(cpu).toHaveValue('');
  expect(await undoSteps(page)).toBe(0);
  await cpu.pressSequentially('3');
  await cpu.press('Enter');
  await expect.poll(() => undoSteps(page)).toBe(1);
  await page.keyboard.press('Control+z');
  await expect.poll(() => undoSteps(page)).toBe(0);
  await expect(cpu).toHaveValue('');
  await expect(cpu).toHaveAttribute('placeholder', '1');
});
