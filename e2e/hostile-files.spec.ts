/**
 * Hostile and odd files in the browser's import (README "Limits"): refused with what is wrong and
 * where, the current pipeline untouched; names like `constructor` are names like any other.
 */
import { expect, test } from './fixtures';
import { open, SLOW, step, stepNames, toolbar } from './designer';

const EXAMPLE_STEPS = ['prepare data', 'train model', 'evaluate', 'publish', 'success', 'fail'];
const dagText = (first: string) =>
  `dag:\n  description: Grüße\n  start_at: ${first}\n  steps:\n    ${first}: {type: task, command: m.run, next: success}\n    success: {type: success}\n    fail: {type: fail}\n`;

function aliasBomb(): string {
  let text = 'laughs:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 9; i++) text += `  l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
  return `${text}${dagText('a')}`;
}

test.beforeEach(async ({ page }) => open(page));

test('a file that is not UTF-8 is refused with the byte that is not, a BOM-marked UTF-16 file is read', async ({ page }) => {
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
  await dialog.getByLabel('Choose files').setInputFiles({ name: 'latin1.yaml', mimeType: 'application/yaml', buffer: Buffer.from(dagText('a'), 'latin1') });
  const failure = dialog.getByRole('alert');
  // The reader worker starts with the first import: slow on a busy machine.
  await expect(failure).toContainText('Import failed — nothing changed', SLOW);
  await expect(failure).toContainText(/latin1\.yaml.*not UTF-8: byte 23 \(line 2, column 18\) is 0xFC/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await stepNames(page)).toEqual(EXAMPLE_STEPS);

  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(dagText('constructor'), 'utf16le')]);
  await dialog.getByLabel('Choose files').setInputFiles({ name: 'utf16.yaml', mimeType: 'application/yaml', buffer: utf16 });
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toBeVisible(SLOW);
  await report.getByRole('button', { name: 'Close' }).click();
  // A step named like an Object.prototype member is placed and drawn like any other.
  await expect(step(page, 'constructor')).toBeVisible();
  expect(await stepNames(page)).toEqual(['constructor', 'success', 'fail']);
});

test('a pasted alias bomb is refused at the alias, and the pipeline stays', async ({ page }) => {
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
  await dialog.getByLabel('Dag YAML').fill(aliasBomb());
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const failure = dialog.getByRole('alert');
  await expect(failure).toContainText('YAML_ALIAS_BUDGET', SLOW);
  await expect(failure).toContainText(/Dag YAML:\d+:\d+/);
  await expect(failure).toContainText('100,000');
  await page.keyboard.press('Escape');
  expect(await stepNames(page)).toEqual(EXAMPLE_STEPS);
});
