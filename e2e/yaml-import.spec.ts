/**
 * The YAML pane, the toolbar (new, import, undo/redo, downloads), importing (file picker, drop,
 * paste) and the Problems list, driven by role and accessible name. Monaco's models and markers
 * are read through its test hook (`globalThis.__monaco`), the pipeline through `window.__designer`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from './fixtures';
import type { Pipeline } from '../src/core/model/types';
import { generateOnFailurePipeline } from '../bench/generate';
import { exportMagnus } from '../src/core/magnus/export';

const corpusPath = (name: string) => fileURLToPath(new URL(`../test/fixtures/corpus/${name}`, import.meta.url));
const DAG_FILE = '0.5.0__examples__executors__step_overrides_container.yaml';
const CONFIG_FILE = '0.5.0__examples__executors__local-container-override.yaml';
const BROKEN_DAG = 'dag:\n  start_at: a\n  steps:\n    a: [\n';
/** An import lays the steps out with ELK, which loads (in a worker) on first use. */
const IMPORT_TIMEOUT = { timeout: 20_000 };

const yamlPane = (page: Page) => page.getByRole('region', { name: 'Generated YAML' });
const canvas = (page: Page) => page.getByRole('region', { name: 'Pipeline canvas' });
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Designer toolbar' });
const step = (page: Page, name: string, type: string) => canvas(page).getByRole('group', { name: `Step ${name} (${type})`, exact: true });

type Hooks = {
  __designer: { getState(): { history: { present: Pipeline }; focus?: { step?: string; field?: string } } };
  __monaco?: {
    Uri: { parse(uri: string): unknown };
    editor: {
      getModel(uri: unknown): { getValue(): string } | null;
      getModelMarkers(filter: { owner?: string; resource?: unknown }): { message: string; severity: number; startLineNumber: number }[];
    };
  };
};

const stepNames = (page: Page) => page.evaluate(() => (window as unknown as Hooks).__designer.getState().history.present.dag.steps.map((s) => s.name));

/** The text of a tab's Monaco model (the whole file; the screen shows only the visible lines). */
const modelText = (page: Page, tab: string) =>
  page.evaluate((uri) => {
    const monaco = (globalThis as unknown as Hooks).__monaco;
    return monaco?.editor.getModel(monaco.Uri.parse(uri))?.getValue() ?? '';
  }, `file:///${tab}`);

const markers = (page: Page, tab: string) =>
  page.evaluate((uri) => {
    const monaco = (globalThis as unknown as Hooks).__monaco;
    return monaco ? monaco.editor.getModelMarkers({ owner: 'kfp-designer', resource: monaco.Uri.parse(uri) }) : [];
  }, `file:///${tab}`);

/** Drops File objects on the canvas the way a file manager does (the event bubbles to React Flow's drop handler). */
async function dropFiles(page: Page, files: { name: string; text: string }[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([f.text], f.name, { type: 'application/yaml' }));
    return transfer;
  }, files);
  const target = step(page, 'prepare data', 'task');
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(step(page, 'prepare data', 'task')).toBeVisible();
});

test('the YAML pane shows the generated workflow for the chosen target and the exported magnus files', async ({ page, context }) => {
  const pane = yamlPane(page);
  await expect(pane).toContainText('components:');
  await expect.poll(() => modelText(page, 'pipeline.yaml'), { timeout: 20_000 }).toContain('image: ghcr.io/acme/churn:1.4.0');
  await expect(pane.getByRole('tab', { name: 'pipeline.yaml' })).toHaveAttribute('aria-selected', 'true');
  await expect(pane.getByRole('tab', { name: 'parameters.yaml' })).toBeVisible();

  const targets = pane.getByRole('radiogroup', { name: 'Target' });
  await expect(targets.getByRole('radio', { name: 'KFP v2' })).toBeChecked();
  await targets.getByRole('radio', { name: 'KFP v1' }).check();
  await expect(pane).toContainText('kind: Workflow');
  await expect.poll(() => modelText(page, 'pipeline.yaml')).toContain('kind: Workflow');
  await targets.getByRole('radio', { name: 'KFP v2' }).check();
  await expect(pane).not.toContainText('kind: Workflow');

  await pane.getByRole('tab', { name: 'dag.yaml' }).click();
  await expect(pane.getByRole('tab', { name: 'dag.yaml' })).toHaveAttribute('aria-selected', 'true');
  await expect(pane.getByRole('tabpanel')).toContainText('start_at: prepare data');
  await expect.poll(() => modelText(page, 'dag.yaml')).toContain('executor_config:');
  // Arrow keys move between the tabs.
  await pane.getByRole('tab', { name: 'dag.yaml' }).press('ArrowRight');
  await expect(pane.getByRole('tab', { name: 'config.yaml' })).toBeFocused();
  await expect(pane.getByRole('tabpanel')).toContainText('type: kfp');

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await pane.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expect(pane.getByText('Copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('executor:');

  const splitter = page.getByRole('separator', { name: 'Resize YAML pane' });
  await expect(splitter).toHaveAttribute('aria-orientation', 'vertical');
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await splitter.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 32));
  expect((await pane.boundingBox())!.width).toBeCloseTo(before + 32, 0);
});

test('files chosen in the import dialog replace the pipeline as one undo step and open the import report', async ({ page }) => {
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
  await dialog.getByLabel('Choose files').setInputFiles([corpusPath(DAG_FILE), corpusPath(CONFIG_FILE)]);

  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toBeVisible(IMPORT_TIMEOUT);
  await expect(dialog).toBeHidden();
  await expect(report).toContainText(`${DAG_FILE}`);
  await expect(report).toContainText('read as the pipeline (dag) file');
  await expect(report).toContainText('read as the config file');
  await expect(report).toContainText('magnus 0.5.0'); // the detected era
  await expect(report).toContainText(`${CONFIG_FILE}:5:5`); // `environment` could not be mapped
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(report).toBeHidden();

  await expect(step(page, 'step 1', 'task')).toBeVisible();
  await expect(step(page, 'step 2', 'task')).toBeVisible();
  expect(await stepNames(page)).toEqual(['step 1', 'step 2', 'success', 'fail']);

  // The imported config uses variables without values: errors, listed and marked.
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('2 errors');
  await expect(yamlPane(page).getByText('2 errors — fix them to download')).toBeVisible();
  await problems.getByRole('button', { name: /^error in executor\.docker_image: docker_image uses the variable `default_docker_image`/ }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as Hooks).__designer.getState().focus?.field)).toBe('executor.docker_image');

  await yamlPane(page).getByRole('tab', { name: 'config.yaml' }).click();
  await expect
    .poll(async () => (await markers(page, 'config.yaml')).filter((m) => m.severity === 8).map((m) => m.message).join('\n'), { timeout: 20_000 })
    .toContain('default_docker_image');

  // One undo step back to the example, one redo forward again.
  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  await expect(step(page, 'prepare data', 'task')).toBeVisible();
  await toolbar(page).getByRole('button', { name: 'Redo' }).click();
  await expect(step(page, 'step 1', 'task')).toBeVisible();
  await expect(toolbar(page).getByRole('button', { name: 'Redo' })).toBeDisabled();
});

test('an import laid out by ELK leaves the reader working: the next import is read too', async ({ page }) => {
  // Every tenth step fails over to one handler: not a chain, so the reader worker lays it out with ELK.
  for (const size of [60, 45]) {
    const pipeline = generateOnFailurePipeline(size);
    const files = exportMagnus(pipeline);
    await toolbar(page).getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
    await dialog.getByLabel('Choose files').setInputFiles([
      { name: 'dag.yaml', mimeType: 'application/yaml', buffer: Buffer.from(files.dag) },
      { name: 'config.yaml', mimeType: 'application/yaml', buffer: Buffer.from(files.config) },
    ]);
    const report = page.getByRole('dialog', { name: 'Import report' });
    await expect(report).toBeVisible(IMPORT_TIMEOUT);
    await report.getByRole('button', { name: 'Close' }).click();
    await expect(report).toBeHidden();
    expect(await stepNames(page)).toEqual(pipeline.dag.steps.map((s) => s.name));
    await expect(step(page, 'step 0', 'task')).toBeVisible();
  }
});

test('files dropped on the canvas are imported the same way', async ({ page }) => {
  await dropFiles(page, [
    { name: CONFIG_FILE, text: readFileSync(corpusPath(CONFIG_FILE), 'utf8') },
    { name: DAG_FILE, text: readFileSync(corpusPath(DAG_FILE), 'utf8') },
  ]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toBeVisible(IMPORT_TIMEOUT);
  await expect(report).toContainText('read as the config file');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(step(page, 'step 2', 'task')).toBeVisible();
  expect(await stepNames(page)).toEqual(['step 1', 'step 2', 'success', 'fail']);
});

test('a broken file is refused with its line, and the current pipeline stays', async ({ page }) => {
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
  await dialog.getByLabel('Choose files').setInputFiles({ name: 'broken.yaml', mimeType: 'application/yaml', buffer: Buffer.from(BROKEN_DAG) });
  const failure = dialog.getByRole('alert');
  await expect(failure).toContainText('Import failed — nothing changed', IMPORT_TIMEOUT);
  await expect(failure).toContainText('broken.yaml:5:1');
  await expect(failure).toContainText('YAML_SYNTAX');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(step(page, 'prepare data', 'task')).toBeVisible();
  expect(await stepNames(page)).toEqual(['prepare data', 'train model', 'evaluate', 'publish', 'success', 'fail']);
  await expect(toolbar(page).getByRole('button', { name: 'Undo' })).toBeDisabled();

  // Dropped, it is refused the same way, in the import report.
  await dropFiles(page, [{ name: 'broken.yaml', text: BROKEN_DAG }]);
  const report = page.getByRole('dialog', { name: 'Import failed — nothing changed' });
  await expect(report).toContainText('broken.yaml:5:1', IMPORT_TIMEOUT);
  await report.getByRole('button', { name: 'Close' }).click();
  expect(await stepNames(page)).toContain('prepare data');

  // Pasted, too: the error names the field it was pasted into.
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Dag YAML').fill(BROKEN_DAG);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Dag YAML:5:1', IMPORT_TIMEOUT);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await stepNames(page)).toContain('prepare data');
});

test('pipeline.yaml downloads as the generated workflow; with errors the download is refused and says why', async ({ page }) => {
  await expect.poll(() => modelText(page, 'pipeline.yaml'), { timeout: 20_000 }).toContain('ghcr.io/acme/churn:1.4.0');
  const [download] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: 'Download pipeline.yaml' }).click()]);
  expect(download.suggestedFilename()).toBe('pipeline.yaml');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toContain('image: ghcr.io/acme/churn:1.4.0');
  expect(text).toBe(await modelText(page, 'pipeline.yaml'));

  await toolbar(page).getByRole('button', { name: 'Magnus files' }).click();
  const [dag] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: 'Download dag.yaml' }).click()]);
  expect(dag.suggestedFilename()).toBe('train.yaml'); // the path the containers read it from
  expect(readFileSync((await dag.path())!, 'utf8')).toContain('start_at: prepare data');

  // Errors: nothing is downloaded; a notice and the banner explain.
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('dialog', { name: 'Import magnus pipeline' }).getByLabel('Choose files').setInputFiles([corpusPath(DAG_FILE), corpusPath(CONFIG_FILE)]);
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click(IMPORT_TIMEOUT);
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await toolbar(page).getByRole('button', { name: 'Download pipeline.yaml' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'was not downloaded' })).toContainText('2 errors');
  await expect(yamlPane(page).getByText('2 errors — fix them to download')).toBeVisible();
  await page.waitForTimeout(500);
  expect(downloaded).toBe(false);
});

test('New pipeline asks first, starts from one task, and can be undone', async ({ page }) => {
  const newButton = toolbar(page).getByRole('button', { name: 'New pipeline' });
  await newButton.click();
  const dialog = page.getByRole('dialog', { name: 'Discard current pipeline?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await stepNames(page)).toContain('prepare data');

  await newButton.click();
  await dialog.getByRole('button', { name: 'Create new pipeline' }).click();
  await expect(step(page, 'hello', 'task')).toBeVisible();
  expect(await stepNames(page)).toEqual(['hello', 'success', 'fail']);
  // The placeholder image is the one thing to fix before it runs anywhere.
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('0 errors, 1 warning');
  await expect(page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: /^warning in executor\.docker_image: .*placeholder/ })).toBeVisible();
  await expect(yamlPane(page).getByRole('tab', { name: 'parameters.yaml' })).toHaveCount(0);

  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  await expect(step(page, 'prepare data', 'task')).toBeVisible();
});

test('pasting a pipeline onto the page offers to import it', async ({ page }) => {
  const dagText = readFileSync(corpusPath(DAG_FILE), 'utf8');
  // The toolbar, which listens for pasted pipelines, loads after the first steps are drawn.
  await expect(toolbar(page).getByRole('button', { name: 'Import…' })).toBeVisible();
  await page.getByRole('region', { name: 'Problems' }).click();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, dagText);
  const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
  await expect(dialog.getByLabel('Dag YAML')).toHaveValue(dagText);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click(IMPORT_TIMEOUT);
  await expect(step(page, 'step 1', 'task')).toBeVisible();
});
