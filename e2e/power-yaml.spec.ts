/**
 * The magnus files edited as text in the YAML pane: the dag tab is typed into as a user would
 * (click into it, move with Monaco's find, type), and the canvas, the model and pipeline.yaml
 * follow; a typo keeps everything as it was, with a marker where it is. The model is read through
 * `window.__designer`, Monaco's models, markers and cursor through `globalThis.__monaco`.
 */
import { canvas, edge, loadedYaml, open, properties, SLOW, step, toolbar, yamlPane, yamlText } from './designer';
import { expect, test, type Page } from './fixtures';

interface Marker {
  owner: string;
  code?: string | { value: string };
  message: string;
  startLineNumber: number;
  startColumn: number;
}
interface Hooks {
  __designer: { getState(): { history: { present: { dag: { steps: { name: string; next?: string; kfp?: { key: string; value: unknown }[] }[] }; layout: Record<string, { x: number; y: number }> } } } };
  __monaco?: {
    Uri: { parse(uri: string): unknown };
    editor: {
      getModelMarkers(filter: { owner?: string; resource?: unknown }): Marker[];
      getEditors(): { getPosition(): { lineNumber: number; column: number } | null; getModel(): { uri: { toString(): string } } | null }[];
    };
  };
}

const DAG = 'file:///dag.yaml';

const present = (page: Page) => page.evaluate(() => (window as unknown as Hooks).__designer.getState().history.present);
const stepOf = async (page: Page, name: string) => (await present(page)).dag.steps.find((s) => s.name === name);

/** Markers on the dag tab: ours (the designer's reading of the text) or monaco-yaml's (the schema). */
const markers = (page: Page, owner: string) =>
  page.evaluate(
    ({ owner, uri }) => {
      const monaco = (globalThis as unknown as Hooks).__monaco!;
      return monaco.editor.getModelMarkers({ owner, resource: monaco.Uri.parse(uri) }).map((m) => ({
        code: typeof m.code === 'object' ? m.code.value : m.code,
        message: m.message,
        line: m.startLineNumber,
        column: m.startColumn,
      }));
    },
    { owner, uri: DAG },
  );

const cursor = (page: Page) =>
  page.evaluate((uri) => {
    const editor = (globalThis as unknown as Hooks).__monaco!.editor.getEditors().find((e) => e.getModel()?.uri.toString() === uri);
    return editor?.getPosition();
  }, DAG);

/** Shows dag.yaml and clicks into its text, as a user starting to edit. */
async function openDagTab(page: Page) {
  const pane = yamlPane(page);
  await pane.getByRole('tab', { name: 'dag.yaml' }).click();
  await expect(pane.getByRole('textbox', { name: 'dag.yaml, editable' })).toBeAttached(SLOW);
  await pane.getByRole('tabpanel').getByText('start_at: prepare data').click();
  return loadedYaml(page, 'dag');
}

/** Puts the cursor on the first line holding `text` (Monaco's find, from the top), then presses `key`. */
async function moveTo(page: Page, text: string, key: 'End' | 'Home') {
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+F');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await page.keyboard.press(key);
}

const lineOf = (text: string, line: string) => text.split('\n').findIndex((l) => l.includes(line)) + 1;

test.beforeEach(async ({ page }) => {
  await open(page);
});

test('an executor_config typed under a step overrides its settings: canvas, model and pipeline.yaml follow, the cursor stays', async ({ page }) => {
  const before = await openDagTab(page);
  const pipelineBefore = await loadedYaml(page, 'pipeline');
  expect(pipelineBefore).not.toContain('3Gi');
  await expect(step(page, 'evaluate').getByRole('img', { name: /^kfp overrides/ })).toHaveCount(0);

  await moveTo(page, 'command: notebooks/evaluate.ipynb', 'End');
  await page.keyboard.press('Enter');
  // Enter keeps the step's indentation; Monaco closes the braces as they are typed over.
  await page.keyboard.type('executor_config: {kfp: {memory_limit: 3Gi}}');

  await expect(step(page, 'evaluate').getByRole('img', { name: 'kfp overrides: memory_limit' })).toBeVisible(SLOW);
  expect((await stepOf(page, 'evaluate'))!.kfp).toEqual([{ key: 'memory_limit', value: '3Gi' }]);
  await expect.poll(() => yamlText(page, 'pipeline'), SLOW).toContain('3Gi');

  // The text stays as typed (flow style, not rewritten as the export would), cursor at its end.
  const typedLine = lineOf(before, 'command: notebooks/evaluate.ipynb') + 1;
  const after = (await yamlText(page, 'dag'))!;
  expect(after.split('\n')[typedLine - 1]).toBe('      executor_config: {kfp: {memory_limit: 3Gi}}');
  expect(await cursor(page)).toEqual({ lineNumber: typedLine, column: '      executor_config: {kfp: {memory_limit: 3Gi}}'.length + 1 });
  expect(await markers(page, 'kfp-designer')).toEqual([]);
});

test('a typo keeps the canvas and pipeline.yaml as they were and is marked where it is; fixing it applies', async ({ page }) => {
  const before = await openDagTab(page);
  const pipelineBefore = await loadedYaml(page, 'pipeline');

  // A `next` naming no step.
  await moveTo(page, 'next: evaluate', 'End');
  await page.keyboard.type('x');
  const nextLine = lineOf(before, 'next: evaluate');
  await expect.poll(() => markers(page, 'kfp-designer'), SLOW).toContainEqual(expect.objectContaining({ code: 'E_TARGET_MISSING', line: nextLine, column: 13 }));
  expect((await stepOf(page, 'train model'))!.next).toBe('evaluate');
  await expect(edge(page, 'next: train model → evaluate')).toBeVisible();
  expect(await yamlText(page, 'pipeline')).toBe(pipelineBefore);
  // The user's text is kept, typo and all, and the pane says it is not applied, and why.
  expect(await yamlText(page, 'dag')).toContain('next: evaluatex');
  const held = yamlPane(page).getByRole('status').filter({ hasText: 'Not applied' });
  await expect(held).toContainText(`Not applied (line ${nextLine}, column 13)`);
  await expect(held).toContainText('evaluatex');

  // Fixed: the marker goes, the text is the file as it was.
  await page.keyboard.press('Backspace');
  await expect.poll(() => markers(page, 'kfp-designer'), SLOW).toEqual([]);
  await expect(held).toBeHidden();
  expect(await yamlText(page, 'dag')).toBe(before);

  // Broken YAML: nothing applies, the parser's complaint is marked; Ctrl+Z in the editor drops
  // the text that never applied, back to the file as the model has it.
  await moveTo(page, '  steps:', 'End');
  await page.keyboard.type(' [');
  await expect.poll(() => markers(page, 'kfp-designer'), SLOW).toContainEqual(expect.objectContaining({ code: 'YAML_SYNTAX', line: expect.any(Number), column: expect.any(Number) }));
  await expect(step(page, 'evaluate')).toBeVisible();
  expect(await yamlText(page, 'pipeline')).toBe(pipelineBefore);
  await page.keyboard.press('Control+z');
  await expect.poll(() => yamlText(page, 'dag')).toBe(before);
  await expect.poll(() => markers(page, 'kfp-designer')).toEqual([]);

  // A real change applies.
  await moveTo(page, 'next: evaluate', 'End');
  for (let i = 0; i < 'evaluate'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('publish');
  await expect(edge(page, 'next: train model → publish')).toBeVisible(SLOW);
  expect((await stepOf(page, 'train model'))!.next).toBe('publish');
});

test('undo after a YAML edit restores the model and the dag text, from the toolbar or by Ctrl+Z outside the editor', async ({ page }) => {
  const before = await openDagTab(page);
  await moveTo(page, 'command: notebooks/evaluate.ipynb', 'End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('executor_config: {kfp: {cpu_limit: "2"}}');
  const indicator = step(page, 'evaluate').getByRole('img', { name: 'kfp overrides: cpu_limit' });
  await expect(indicator).toBeVisible(SLOW);

  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  await expect(indicator).toHaveCount(0);
  expect((await stepOf(page, 'evaluate'))!.kfp ?? []).toEqual([]);
  await expect.poll(() => yamlText(page, 'dag')).toBe(before);

  await toolbar(page).getByRole('button', { name: 'Redo' }).click();
  await expect(indicator).toBeVisible();
  // A change from elsewhere (redo) shows the file as the model writes it.
  await expect.poll(() => yamlText(page, 'dag')).toContain('        kfp:\n          cpu_limit: "2"\n');

  // A second edit, then Ctrl+Z with the focus on the canvas: one undo step for the whole typing run.
  await yamlPane(page).getByRole('tabpanel').getByText('start_at: prepare data').click();
  await moveTo(page, 'cpu_limit: "2"', 'End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('5');
  await expect.poll(async () => (await stepOf(page, 'evaluate'))!.kfp, SLOW).toEqual([{ key: 'cpu_limit', value: '25' }]);
  await canvas(page).click({ position: { x: 12, y: 12 } });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await stepOf(page, 'evaluate'))!.kfp).toEqual([{ key: 'cpu_limit', value: '2' }]);
  await expect.poll(() => yamlText(page, 'dag')).toContain('cpu_limit: "2"');
});

test('Undo clicked right after typing undoes that typing', async ({ page }) => {
  await openDagTab(page);
  await moveTo(page, 'command: notebooks/evaluate.ipynb', 'End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('executor_config: {kfp: {cpu_limit: "2"}}');
  await expect(step(page, 'evaluate').getByRole('img', { name: 'kfp overrides: cpu_limit' })).toBeVisible(SLOW);
  const applied = (await yamlText(page, 'dag'))!;

  await moveTo(page, 'cpu_limit: "2"', 'End');
  for (let i = 0; i < '"}}'.length; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('5');
  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await stepOf(page, 'evaluate'))!.kfp, SLOW).toEqual([{ key: 'cpu_limit', value: '2' }]);
  await expect.poll(() => yamlText(page, 'dag')).toContain('cpu_limit: "2"');
  expect(await yamlText(page, 'dag')).not.toContain('"25"');
  await toolbar(page).getByRole('button', { name: 'Redo' }).click();
  await expect.poll(async () => (await stepOf(page, 'evaluate'))!.kfp).toEqual([{ key: 'cpu_limit', value: '25' }]);
  expect(applied).toContain('{kfp: {cpu_limit: "2"}}');
});

test('a step typed into the dag tab appears on the canvas, placed by layout; the others keep their places', async ({ page }) => {
  await openDagTab(page);
  const layoutBefore = (await present(page)).layout;

  // On publish's `next: success` line: point it at the new step, and write the step before `success`.
  await moveTo(page, 'next: success', 'End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('report');
  await moveTo(page, '    success:', 'Home');
  await page.keyboard.type('report: {type: task, command: echo done, next: success}');
  await page.keyboard.press('Enter');

  await expect(step(page, 'report')).toBeVisible(SLOW);
  await expect(edge(page, 'next: publish → report')).toBeVisible();
  await expect(edge(page, 'next: report → success')).toBeVisible();
  // Placed (by the layout, not at a default origin), and nobody else moved.
  await expect.poll(async () => (await present(page)).layout.report, SLOW).toEqual({ x: expect.any(Number), y: expect.any(Number) });
  const layoutAfter = (await present(page)).layout;
  for (const [path, at] of Object.entries(layoutBefore)) expect(layoutAfter[path], path).toEqual(at);
  const taken = Object.values(layoutBefore).map((p) => `${p.x},${p.y}`);
  expect(taken).not.toContain(`${layoutAfter.report.x},${layoutAfter.report.y}`);
  await expect.poll(() => yamlText(page, 'pipeline'), SLOW).toContain('report');
});

test('config.yaml and parameters.yaml are edited the same way', async ({ page }) => {
  const pane = yamlPane(page);
  await pane.getByRole('tab', { name: 'config.yaml' }).click();
  await expect(pane.getByRole('textbox', { name: 'config.yaml, editable' })).toBeAttached(SLOW);
  await pane.getByRole('tabpanel').getByText('memory_limit: 2Gi').click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('6');
  // The pipeline settings (nothing selected) show the executor's memory limit.
  await expect(properties(page).getByLabel('Memory limit', { exact: true })).toHaveValue('6Gi', SLOW);

  await pane.getByRole('tab', { name: 'parameters.yaml' }).click();
  await expect(pane.getByRole('textbox', { name: 'parameters.yaml, editable' })).toBeAttached(SLOW);
  await pane.getByRole('tabpanel').getByText('epochs: 10').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('25');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __designer: { getState(): { history: { present: { parameters: { name: string; value: unknown }[] } } } } }).__designer.getState().history.present.parameters), SLOW)
    .toContainEqual({ name: 'epochs', value: 25 });
});

test('the magnus schema helps: hover documentation and schema errors in the dag tab', async ({ page }) => {
  await openDagTab(page);
  const pane = yamlPane(page);
  // Hovering a key shows its description from the schema.
  await pane.getByRole('tabpanel').getByText('start_at: prepare data').hover({ position: { x: 30, y: 8 } });
  await expect(page.getByText('The first step of this graph.')).toBeVisible(SLOW);

  await moveTo(page, 'type: fail', 'End');
  for (let i = 0; i < 'fail'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('bogus');
  await expect
    .poll(async () => (await markers(page, 'yaml')).map((m) => m.message).join('\n'), SLOW)
    .toMatch(/Value is not accepted|bogus/);
  // The designer's own reading refuses the unknown type too, and the canvas keeps the fail step.
  await expect.poll(() => markers(page, 'kfp-designer'), SLOW).not.toEqual([]);
  await expect(step(page, 'fail', 'fail')).toBeVisible();
});
