/**
 * Power features, as a user meets them: editing several steps at once, sharing the pipeline as a
 * link (and opening one without losing the work at hand), and the dark theme.
 */
import { test, expect, type Page } from './fixtures';
import { canvas, field, loadedYaml, open, properties, SLOW, step, toolbar, yamlPane, yamlText } from './designer';

type Present = { history: { present: any } };
const model = (page: Page) => page.evaluate(() => (window as unknown as { __designer: { getState(): Present } }).__designer.getState().history.present);
const kfpOf = (page: Page, name: string) =>
  page.evaluate((n) => {
    const present = (window as unknown as { __designer: { getState(): Present } }).__designer.getState().history.present;
    return present.dag.steps.find((s: { name: string }) => s.name === n)?.kfp ?? [];
  }, name);
const overrides = (page: Page, name: string) => step(page, name).getByRole('img', { name: /^kfp overrides:/ });
const count = (text: string | undefined, needle: string) => (text ?? '').split(needle).length - 1;

test('batch edit: several steps get an image and a memory limit at once, and one Undo takes it back', async ({ page }) => {
  await open(page);
  await step(page, 'prepare data').click();
  await step(page, 'train model').click({ modifiers: ['Control'] });
  await step(page, 'evaluate').click({ modifiers: ['Shift'] });
  await expect(properties(page).getByRole('heading', { name: '3 steps selected' })).toBeVisible();

  // train model has its own 8Gi; the others inherit 2Gi: the field says so rather than picking one.
  await expect(field(page, 'Memory limit')).toHaveValue('');
  await expect(field(page, 'Memory limit')).toHaveAttribute('placeholder', 'mixed');
  await expect(field(page, 'Docker image')).toHaveAttribute('placeholder', 'ghcr.io/acme/churn:1.4.0');
  await loadedYaml(page, 'pipeline');

  await field(page, 'Docker image').fill('registry.local/churn:2.0');
  await field(page, 'Docker image').press('Enter');
  await field(page, 'Memory limit').fill('16Gi');
  await field(page, 'Memory limit').press('Enter');

  for (const name of ['prepare data', 'train model', 'evaluate']) {
    await expect(overrides(page, name)).toHaveAccessibleName(/docker_image/);
    await expect(overrides(page, name)).toHaveAccessibleName(/memory_limit/);
  }
  await expect(overrides(page, 'publish')).not.toHaveAccessibleName(/docker_image/);
  await expect(field(page, 'Memory limit')).toHaveValue('16Gi');
  await expect(properties(page).getByText('on all 3 steps').first()).toBeVisible();
  await expect.poll(async () => count(await yamlText(page, 'pipeline'), 'registry.local/churn:2.0'), SLOW).toBeGreaterThanOrEqual(3);
  const yamlAfter = await yamlText(page, 'pipeline');

  // Text that is no quantity is shown with the reason and applied to no step.
  await field(page, 'Memory limit').fill('16 gigs');
  await field(page, 'Memory limit').press('Enter');
  await expect(field(page, 'Memory limit')).toHaveAttribute('aria-invalid', 'true');
  await expect(properties(page).getByText(/Error:/).first()).toBeVisible();
  expect(await kfpOf(page, 'prepare data')).toContainEqual({ key: 'memory_limit', value: '16Gi' });
  await field(page, 'Memory limit').press('Escape');
  await expect(field(page, 'Memory limit')).toHaveValue('16Gi');
  expect(await yamlText(page, 'pipeline')).toBe(yamlAfter);

  // One Undo takes the memory limit off all three steps and leaves the image.
  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  for (const name of ['prepare data', 'evaluate']) {
    await expect(overrides(page, name)).toHaveAccessibleName('kfp overrides: docker_image');
  }
  expect(await kfpOf(page, 'train model')).toContainEqual({ key: 'memory_limit', value: '8Gi' });
  await expect(field(page, 'Memory limit')).toHaveAttribute('placeholder', 'mixed');

  // Reset to inherited clears the image on all of them, as one more undo step.
  await properties(page).getByRole('button', { name: 'Reset Docker image to inherited' }).click();
  await expect(overrides(page, 'prepare data')).toHaveCount(0);
  await expect(overrides(page, 'evaluate')).toHaveCount(0);
  await expect(overrides(page, 'train model')).not.toHaveAccessibleName(/docker_image/);
  await expect.poll(async () => count(await yamlText(page, 'pipeline'), 'registry.local/churn:2.0'), SLOW).toBe(0);

  // A secret added to all: each step keeps what it inherited and gets the new one.
  await properties(page).getByLabel('Add secret (EnvVar=SecretName:Key)').fill('HF_TOKEN=hf:token');
  await properties(page).getByRole('button', { name: 'Add secret' }).click();
  for (const name of ['prepare data', 'train model', 'evaluate']) {
    const secrets = (await kfpOf(page, name)).find((e: { key: string }) => e.key === 'secrets_from_k8s')?.value;
    expect(secrets).toEqual([
      { env: 'MLFLOW_TRACKING_TOKEN', ref: 'mlflow:token' },
      { env: 'HF_TOKEN', ref: 'hf:token' },
    ]);
  }
  await properties(page).getByRole('button', { name: 'Remove MLFLOW_TRACKING_TOKEN from all' }).click();
  const secrets = (await kfpOf(page, 'evaluate')).find((e: { key: string }) => e.key === 'secrets_from_k8s')?.value;
  expect(secrets).toEqual([{ env: 'HF_TOKEN', ref: 'hf:token' }]);
});

/** Console errors of a page outside the fixture's own context. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const shareDialog = (page: Page) => page.getByRole('dialog', { name: 'Open shared pipeline' });

test('share by link: the link opens the same pipeline elsewhere, and never replaces work unasked', async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await step(page, 'train model').click();
  await field(page, 'Memory limit').fill('24Gi');
  await field(page, 'Memory limit').blur();
  await expect.poll(async () => (await yamlText(page, 'pipeline')) ?? '', SLOW).toContain('24Gi');
  const shared = await loadedYaml(page, 'pipeline');

  await toolbar(page).getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied to the clipboard' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link.startsWith(`${baseURL}/#pipeline=v1.`)).toBe(true);

  // A fresh browser, nothing saved: the dialog offers the link's pipeline; Open shows it.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const errors = watchErrors(other);
  await other.goto(link);
  await expect(shareDialog(other)).toBeVisible(SLOW);
  // It asks before reading anything: a link is anyone's input.
  await expect(shareDialog(other)).toContainText(/This link holds a pipeline \(\d+(\.\d)? (characters|kB) compressed\)/);
  await shareDialog(other).getByRole('button', { name: 'Open' }).click();
  await expect(shareDialog(other)).toBeHidden();
  await expect(other.getByRole('status').filter({ hasText: 'Opened the shared pipeline: 6 steps (prepare data, train model, evaluate, publish)' })).toBeVisible(SLOW);
  await expect.poll(() => yamlText(other, 'pipeline'), SLOW).toBe(shared);
  expect(new URL(other.url()).hash).toBe('');
  await other.reload();
  await expect(step(other, 'prepare data')).toBeVisible();
  expect(new URL(other.url()).hash).toBe('');
  expect(errors).toEqual([]);
  await fresh.close();

  // Back on the first page, the work goes on; then the link arrives (hashchange): Keep keeps it.
  await field(page, 'Memory limit').fill('32Gi');
  await field(page, 'Memory limit').blur();
  const mine = await model(page);
  await page.goto(link);
  await expect(shareDialog(page)).toBeVisible(SLOW);
  await shareDialog(page).getByRole('button', { name: 'Keep my pipeline' }).click();
  await expect(shareDialog(page)).toBeHidden();
  expect(await model(page)).toEqual(mine);
  expect(new URL(page.url()).hash).toBe('');

  // A page opened with the link where work is saved: nothing is saved over while it asks. (The
  // 32Gi edit is saved once typing has paused, autosave.ts SAVE_PAUSE_MS, which the steps above
  // may take less than.)
  const savedNow = () => page.evaluate(() => localStorage.getItem('kfp-designer.pipeline.v1'));
  await expect.poll(savedNow, SLOW).toContain('32Gi');
  const saved = await savedNow();
  const second = await context.newPage();
  await second.goto(link);
  await expect(shareDialog(second)).toBeVisible(SLOW);
  expect(await second.evaluate(() => localStorage.getItem('kfp-designer.pipeline.v1'))).toBe(saved);
  await shareDialog(second).getByRole('button', { name: 'Keep my pipeline' }).click();
  await second.close();

  // Open, then Undo: the work is back.
  await page.goto(link);
  await shareDialog(page).getByRole('button', { name: 'Open' }).click();
  await expect.poll(() => yamlText(page, 'pipeline'), SLOW).toBe(shared);
  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  expect(await model(page)).toEqual(mine);

  // A damaged link, once opened, says so and changes nothing.
  await page.goto(`${link.slice(0, -12)}`);
  await shareDialog(page).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toBeVisible(SLOW);
  await expect(shareDialog(page)).toBeHidden();
  expect(await model(page)).toEqual(mine);
  expect(new URL(page.url()).hash).toBe('');
});

const background = (page: Page, region: ReturnType<typeof properties>) => region.evaluate((el) => getComputedStyle(el).backgroundColor);
const themeSwitch = (page: Page) => toolbar(page).getByRole('combobox', { name: 'Theme' });
const editor = (page: Page) => yamlPane(page).locator('.monaco-editor').first();

test('dark mode follows the system, and the toolbar choice wins and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page);
  await loadedYaml(page, 'pipeline');
  await expect(themeSwitch(page)).toHaveValue('system');
  expect(await background(page, properties(page))).toBe('rgb(25, 30, 38)');
  await expect(editor(page)).toHaveClass(/vs-dark/);
  await expect(canvas(page).locator('.react-flow').first()).toHaveClass(/\bdark\b/);

  await themeSwitch(page).selectOption({ label: 'Light' });
  await expect.poll(() => background(page, properties(page))).toBe('rgb(255, 255, 255)');
  await expect(editor(page)).not.toHaveClass(/vs-dark/);
  await expect(canvas(page).locator('.react-flow').first()).toHaveClass(/\blight\b/);

  await page.reload();
  await loadedYaml(page, 'pipeline');
  await expect(themeSwitch(page)).toHaveValue('light');
  expect(await background(page, properties(page))).toBe('rgb(255, 255, 255)');
  await expect(editor(page)).not.toHaveClass(/vs-dark/);

  await themeSwitch(page).selectOption({ label: 'Dark' });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page, properties(page))).toBe('rgb(25, 30, 38)');
  await expect(editor(page)).toHaveClass(/vs-dark/);
  await themeSwitch(page).selectOption({ label: 'System' });
  await expect.poll(() => background(page, properties(page))).toBe('rgb(255, 255, 255)');
  // Following the system means following it live, too.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => background(page, properties(page))).toBe('rgb(25, 30, 38)');
  await expect(editor(page)).toHaveClass(/vs-dark/);
});
