/**
 * A dag without positions typed over the old one, large enough to be laid out by ELK on the page:
 * once its steps are placed the view is fitted to where they are now, not to where they were
 * before (nowhere: unplaced steps are not drawn), whatever the user had zoomed into before.
 */
import { expect, test } from './fixtures';
import { canvas, open, SLOW, step, yamlPane } from './designer';

/** More steps than a graph laid out at once (needs-layout.ts, SMALL_GRAPH): ELK lays these out. */
const COUNT = 45;
const names = Array.from({ length: COUNT }, (_, i) => `s${i}`);
// One line of flow YAML: the editor's auto-indent has nothing to add to it.
const NEW_DAG = [
  `dag: {start_at: s0, steps: {`,
  ...names.map((name, i) => `${name}: {type: task, command_type: shell, command: ./${name}.sh, next: ${i + 1 < COUNT ? names[i + 1] : 'success'}}, `),
  'success: {type: success}, fail: {type: fail}}}',
].join('');

test('a long dag without positions typed over the old one is shown from its start once ELK has placed it', async ({ page }) => {
  test.slow(); // ELK's worker and Monaco on a busy 2-core machine
  await open(page);
  // The user looks elsewhere: zoomed in on the old pipeline.
  const zoomIn = canvas(page).getByRole('button', { name: 'Zoom in', exact: true });
  for (let i = 0; i < 4; i++) await zoomIn.click();
  const pane = yamlPane(page);
  await pane.getByRole('tab', { name: 'dag.yaml' }).click();
  await expect(pane.getByRole('textbox', { name: 'dag.yaml, editable' })).toBeAttached(SLOW);
  await pane.getByRole('tabpanel').getByText('start_at: prepare data').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(NEW_DAG);

  const inView = async (name: string) => {
    const area = (await canvas(page).boundingBox())!;
    const box = await step(page, name).boundingBox();
    return box !== null && box.x >= area.x && box.y >= area.y && box.x + box.width <= area.x + area.width && box.y + box.height <= area.y + area.height;
  };
  // Unplaced steps are not drawn: a step on screen has its place.
  await expect(step(page, 's0')).toBeVisible(SLOW);
  await expect.poll(async () => Promise.all(names.slice(0, 3).map(inView)), SLOW).toEqual([true, true, true]);
  // The view is the one Fit view gives: fitting again moves nothing.
  const boxes = async () => Promise.all(names.slice(0, 3).map((name) => step(page, name).boundingBox()));
  const placed = await boxes();
  await canvas(page).getByRole('button', { name: 'Fit view', exact: true }).click();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(await boxes()).toEqual(placed);
});
