/**
 * A dag typed over the old one in the dag.yaml tab: when most steps are new, the graph is laid out
 * afresh and shown whole, not put below where the old end was.
 */
import { expect, test } from './fixtures';
import { canvas, open, overlaps, pollYaml, SLOW, step, toolbar, yamlPane, yamlText } from './designer';
import { generatePipeline } from '../bench/generate';
import { exportMagnus } from '../src/core/magnus/export';
import type { Pipeline } from '../src/core/model/types';

// One line of flow YAML: the editor's auto-indent has nothing to add to it.
const NEW_DAG = [
  'dag: {start_at: fetch, steps: {',
  'fetch: {type: task, command_type: shell, command: ./fetch.sh, next: clean}, ',
  'clean: {type: task, command_type: shell, command: ./clean.sh, next: fit}, ',
  'fit: {type: task, command_type: shell, command: ./fit.sh, next: report}, ',
  'report: {type: task, command_type: shell, command: ./report.sh, next: success}, ',
  'success: {type: success}, fail: {type: fail}}}',
].join('');

test('a dag that replaces most steps is laid out top-down and brought into view', async ({ page }) => {
  await open(page);
  const pane = yamlPane(page);
  await pane.getByRole('tab', { name: 'dag.yaml' }).click();
  const editor = pane.getByRole('textbox', { name: 'dag.yaml, editable' });
  await expect(editor).toBeAttached(SLOW);
  await pane.getByRole('tabpanel').getByText('start_at: prepare data').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(NEW_DAG);
  await expect(step(page, 'report')).toBeVisible(SLOW);
  await expect(step(page, 'prepare data')).toHaveCount(0);

  const names = ['fetch', 'clean', 'fit', 'report', 'success'];
  const placed = async () => {
    const area = (await canvas(page).boundingBox())!;
    const overlays = [await canvas(page).getByRole('img', { name: 'Minimap' }).boundingBox(), await canvas(page).getByLabel('Canvas controls', { exact: true }).boundingBox()];
    const boxes = [];
    const problems: string[] = [];
    for (const name of names) {
      const box = (await step(page, name, name === 'success' ? 'success' : 'task').boundingBox())!;
      if (!(box.x >= area.x && box.y >= area.y && box.x + box.width <= area.x + area.width && box.y + box.height <= area.y + area.height)) problems.push(`${name} out of view`);
      for (const overlay of overlays) if (overlaps(box, overlay!)) problems.push(`${name} under the canvas controls`);
      boxes.push(box);
    }
    return { boxes, problems };
  };
  // Laid out and fitted once the layout has run (in its worker): the steps may show a moment before.
  await expect.poll(async () => (await placed()).problems, SLOW).toEqual([]);
  const { boxes } = await placed();
  // The chain reads top to bottom, no step on another.
  for (let i = 1; i < boxes.length; i++) expect(boxes[i].y, `${names[i]} below ${names[i - 1]}`).toBeGreaterThan(boxes[i - 1].y + boxes[i - 1].height);
  const fail = (await step(page, 'fail', 'fail').boundingBox())!;
  for (const box of boxes) expect(overlaps(box, fail)).toBe(false);
});

test.describe('a long dag pasted whole', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  // Long enough (≥ 32 KB, SEED_FROM) to be placed in the reader worker with its derived values, not on the page.
  test('is laid out top-down, every step placed, shown from its start, and undone in one step', async ({ page }) => {
    test.slow(); // 300 steps read, checked, emitted and laid out: long on a busy 2-core machine
    const pipeline = generatePipeline(300);
    const text = exportMagnus(pipeline).dag;
    await open(page);
    const pane = yamlPane(page);
    await pane.getByRole('tab', { name: 'dag.yaml' }).click();
    const editor = pane.getByRole('textbox', { name: 'dag.yaml, editable' });
    await expect(editor).toBeAttached(SLOW);
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await pane.getByRole('tabpanel').getByText('start_at: prepare data').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+v');
    // Applied by the designer rather than Monaco (large-paste.ts): the text replaced, the cursor after it.
    expect(await yamlText(page, 'dag')).toBe(text);
    await page.keyboard.type('#');
    expect(await yamlText(page, 'dag')).toBe(`${text}#`);
    await page.keyboard.press('Backspace');
    await expect(step(page, 'step 0')).toBeVisible(SLOW);

    const present = () => page.evaluate(() => (window as unknown as { __designer: { getState(): { history: { present: Pipeline } } } }).__designer.getState().history.present);
    // Every step is placed by the time any is drawn: the page commits the pasted dag laid out.
    const placed = await present();
    const chain = pipeline.dag.steps.slice(0, 300).map((s) => s.name);
    expect(placed.dag.steps.map((s) => s.name)).toEqual(pipeline.dag.steps.map((s) => s.name));
    for (const { name } of placed.dag.steps) expect(placed.layout[name], `${name} placed`).toBeDefined();
    for (let i = 1; i < chain.length; i++) expect(placed.layout[chain[i]].y, `${chain[i]} below ${chain[i - 1]}`).toBeGreaterThan(placed.layout[chain[i - 1]].y);
    await pollYaml(page, 'pipeline', (docs) => Object.keys(docs[0].root.dag.tasks)).toContain('step-299');
    expect((await present()).layout).toEqual(placed.layout);

    await toolbar(page).getByRole('button', { name: 'Undo' }).click();
    await expect(step(page, 'prepare data')).toBeVisible(SLOW);
    await expect(step(page, 'step 0')).toHaveCount(0);
  });
});
