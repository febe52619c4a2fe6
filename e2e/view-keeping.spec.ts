/**
 * Once the user can act, only the user moves the view: a step dropped on the canvas appears under
 * the pointer and stays there — right after the page opened on a loaded machine, and near the
 * canvas's edge — and the pipeline around it does not move.
 */
import { expect, test, type Locator, type Page } from './fixtures';
import { generatePipeline } from '../bench/generate';
import { exportMagnus } from '../src/core/magnus/export';
import { canvas, EXAMPLE_STEPS, open, overlaps, palette, step } from './designer';

/**
 * A loaded machine, made deterministic: the browser's size measurements (ResizeObserver, which
 * React Flow waits for before its own fit-view) are held back until `releaseMeasurements`, as
 * when the page's thread is busy for seconds after it opened.
 */
async function holdMeasurements(page: Page) {
  await page.addInitScript(() => {
    const held: (() => void)[] = [];
    const w = window as unknown as { __releaseMeasurements: () => void };
    let holding = true;
    w.__releaseMeasurements = () => {
      holding = false;
      held.splice(0).forEach((run) => run());
    };
    const Original = window.ResizeObserver;
    window.ResizeObserver = class extends Original {
      constructor(callback: ResizeObserverCallback) {
        super((entries, observer) => (holding ? held.push(() => callback(entries, observer)) : callback(entries, observer)));
      }
    };
  });
}

const releaseMeasurements = (page: Page) => page.evaluate(() => (window as unknown as { __releaseMeasurements: () => void }).__releaseMeasurements());
/** Two frames: what the page does after measurements arrive has been drawn. */
const frames = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

async function centreOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not on screen`);
  return {
    x: Math.round(box.x + box.width / 2),
    y: Math.round(box.y + box.height / 2),
  };
}

/** Drops the palette's task entry at a point of the canvas (relative to its top-left corner); returns the point on the page. */
async function dropTask(page: Page, at: { x: number; y: number }) {
  await palette(page).getByRole('button', { name: 'Add task step' }).dragTo(canvas(page), { targetPosition: at });
  const box = (await canvas(page).boundingBox())!;
  return { x: Math.round(box.x + at.x), y: Math.round(box.y + at.y) };
}

test('a step dropped while the page is still busy opening lands under the pointer, and the view stays put', async ({ page }) => {
  await holdMeasurements(page);
  await open(page);
  const before = await centreOf(step(page, 'prepare data'));
  const pointer = await dropTask(page, { x: 150, y: 60 });
  await expect(step(page, 'task')).toBeVisible();
  await releaseMeasurements(page);
  await frames(page);
  expect(await centreOf(step(page, 'task'))).toEqual(pointer);
  expect(await centreOf(step(page, 'prepare data'))).toEqual(before);
});

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
]) {
  test(`a step dropped near the canvas's edge lands under the pointer and the view does not move (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await open(page);
    const box = (await canvas(page).boundingBox())!;
    const before = await centreOf(step(page, 'prepare data'));
    for (const at of [
      { x: 30, y: 30 },
      { x: box.width - 25, y: Math.round(box.height / 2) },
    ]) {
      const pointer = await dropTask(page, at);
      const dropped = step(page, at.x === 30 ? 'task' : 'task 2');
      await expect(dropped).toBeVisible();
      await frames(page);
      expect(await centreOf(dropped)).toEqual(pointer);
      expect(await centreOf(step(page, 'prepare data'))).toEqual(before);
    }
  });
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1440, height: 760 },
  { width: 1920, height: 1080 },
]) {
  test(`the example opens whole, readable, and clear of the minimap, the zoom controls and Auto layout (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await open(page);
    const area = (await canvas(page).boundingBox())!;
    const overlays = [
      await canvas(page).getByRole('img', { name: 'Minimap' }).boundingBox(),
      await canvas(page).getByLabel('Canvas controls', { exact: true }).boundingBox(),
      await canvas(page).getByRole('button', { name: 'Auto layout' }).boundingBox(),
    ];
    for (const [name, type] of EXAMPLE_STEPS) {
      const box = (await step(page, name, type).boundingBox())!;
      expect(box.x >= area.x && box.y >= area.y && box.x + box.width <= area.x + area.width && box.y + box.height <= area.y + area.height, `${name} inside the canvas`).toBe(true);
      for (const overlay of overlays) expect(overlaps(box, overlay!), `${name} clear of the overlays`).toBe(false);
      // Drawn 200 px wide at zoom 1: below 0.6 its 13 px name is no longer readable.
      expect(box.width).toBeGreaterThanOrEqual(120);
    }
  });
}

test('a 300-step pipeline shows in the minimap, and Fit view keeps its steps readable', async ({ page }) => {
  await open(page);
  const pipeline = generatePipeline(300);
  pipeline.layout = Object.fromEntries(pipeline.dag.steps.map((s, i) => [s.name, { x: (i % 2) * 260, y: i * 110 }]));
  const files = exportMagnus(pipeline);
  await page.getByRole('button', { name: 'Import…' }).click();
  await page
    .getByRole('dialog', { name: 'Import magnus pipeline' })
    .getByLabel('Choose files')
    .setInputFiles([
      { name: 'dag.yaml', mimeType: 'application/yaml', buffer: Buffer.from(files.dag) },
      { name: 'config.yaml', mimeType: 'application/yaml', buffer: Buffer.from(files.config) },
    ]);
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
  await expect(step(page, 'step 0')).toBeVisible();
  // Each step's box in the minimap, in screen pixels: the smallest must still show.
  const smallest = await canvas(page)
    .getByRole('img', { name: 'Minimap' })
    .evaluate((svg) => {
      const scale = svg.getBoundingClientRect().height / (svg as unknown as SVGSVGElement).viewBox.baseVal.height;
      const sizes = [...svg.querySelectorAll('rect[width]')].map((r) => {
        const stroke = parseFloat(getComputedStyle(r).strokeWidth) || 0;
        return Math.min(Number(r.getAttribute('width')) + stroke, Number(r.getAttribute('height')) + stroke) * scale;
      });
      return { count: sizes.length, min: Math.min(...sizes) };
    });
  expect(smallest.count).toBeGreaterThanOrEqual(300);
  expect(smallest.min).toBeGreaterThanOrEqual(1.5);
  await canvas(page).getByRole('button', { name: 'Fit view' }).click();
  await expect(step(page, 'step 0')).toBeInViewport();
  expect((await step(page, 'step 0').boundingBox())!.width).toBeGreaterThanOrEqual(120);
});
