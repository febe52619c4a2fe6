/**
 * What a new user trips over in the layout and the words: focus that cannot be seen, controls
 * covering what they belong to, a toolbar that jumps, text cut short, wrong plurals, a placeholder
 * taken for a real setting. Checked at the configured 1440×900 and where width matters at 1280
 * and 1920.
 */
import { expect, test, type Locator, type Page } from './fixtures';
import { canvas, edge, field, open, overlaps, problems, properties, step, toolbar, yamlPane } from './designer';

/** WCAG's contrast ratio of two CSS colours (rgb()/rgba() or #hex), as the page computes them. */
function contrast(page: Page, a: string, b: string): Promise<number> {
  return page.evaluate(
    ([first, second]) => {
      const probe = document.createElement('span');
      document.body.append(probe);
      const rgb = (color: string) => {
        probe.style.color = color;
        return getComputedStyle(probe)
          .color.match(/[\d.]+/g)!
          .slice(0, 3)
          .map(Number);
      };
      const luminance = (color: string) => {
        const [r, g, b] = rgb(color).map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [l1, l2] = [luminance(first), luminance(second)].sort((x, y) => y - x);
      probe.remove();
      return (l1 + 0.05) / (l2 + 0.05);
    },
    [a, b],
  );
}

const cssVar = (page: Page, name: string) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
const style = (locator: Locator, property: string) => locator.evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

for (const theme of ['Light', 'Dark']) {
  test(`a focused step and a focused edge show a ring that stands out (${theme.toLowerCase()} theme)`, async ({ page }) => {
    await open(page);
    await toolbar(page).getByRole('combobox', { name: 'Theme' }).selectOption(theme);
    const backgrounds = [await cssVar(page, '--bg'), await cssVar(page, '--panel')];

    // Tab from the canvas's first control lands on the steps, as a keyboard user gets there.
    const node = step(page, 'prepare data');
    await node.focus();
    await expect(node).toBeFocused();
    expect(await style(node, 'outline-style')).toBe('solid');
    expect(parseFloat(await style(node, 'outline-width'))).toBeGreaterThanOrEqual(2);
    for (const bg of backgrounds) expect(await contrast(page, await style(node, 'outline-color'), bg)).toBeGreaterThanOrEqual(3);

    const next = edge(page, 'next: evaluate → publish');
    const line = next.locator('path').first();
    const before = { color: await style(line, 'stroke'), width: parseFloat(await style(line, 'stroke-width')) };
    await next.focus();
    await expect(next).toBeFocused();
    const focused = { color: await style(line, 'stroke'), width: parseFloat(await style(line, 'stroke-width')) };
    expect(focused.color).not.toBe(before.color);
    expect(focused.width).toBeGreaterThanOrEqual(before.width + 2);
    for (const bg of backgrounds) expect(await contrast(page, focused.color, bg)).toBeGreaterThanOrEqual(3);
  });
}

test("the selected step's actions leave the labels of its edges readable", async ({ page }) => {
  await open(page);
  await step(page, 'train model').click();
  const actions = canvas(page).getByRole('toolbar', { name: 'Actions for train model' });
  await expect(actions.getByRole('button', { name: 'Make start step' })).toBeVisible();
  const bar = (await actions.boundingBox())!;
  for (const name of ['next: prepare data → train model', 'next: train model → evaluate']) {
    const label = (await edge(page, name).getByText('next', { exact: true }).boundingBox())!;
    expect(overlaps(bar, label), `${name}'s label clear of the actions`).toBe(false);
  }
  for (const other of ['prepare data', 'evaluate']) expect(overlaps(bar, (await step(page, other).boundingBox())!)).toBe(false);
});

/** The toolbar's controls: their boxes, one row, and the room for more — after the last, and what the find box gives up when the row fills. */
async function toolbarLayout(page: Page) {
  const bar = (await toolbar(page).boundingBox())!;
  const controls = await toolbar(page).locator('button:visible, select:visible, input:visible').all();
  const boxes = await Promise.all(controls.map(async (c) => (await c.boundingBox())!));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const find = toolbar(page).getByRole('combobox', { name: 'Find steps' });
  const yields = await find.evaluate((el) => el.getBoundingClientRect().width - parseFloat(getComputedStyle(el).minWidth || '0'));
  return { height: bar.height, tops: new Set(boxes.map((b) => Math.round(b.y + b.height / 2))), room: page.viewportSize()!.width - right + yields };
}

for (const width of [1280, 1440, 1920]) {
  test(`the toolbar is one row at ${width} px, the same with and without a parameters file, with Run on Kubeflow in it`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await open(page);
    const withParameters = await toolbarLayout(page);
    const canvasTop = (await canvas(page).boundingBox())!.y;
    // New pipeline: no parameters, so no parameters.yaml.
    await toolbar(page).getByRole('button', { name: 'New pipeline' }).click();
    await page.getByRole('dialog', { name: 'Discard current pipeline?' }).getByRole('button', { name: 'Create new pipeline' }).click();
    await expect(step(page, 'hello')).toBeVisible();
    const without = await toolbarLayout(page);
    // One row: every control centred on the same line (±2 px).
    for (const layout of [withParameters, without]) expect(Math.max(...layout.tops) - Math.min(...layout.tops)).toBeLessThanOrEqual(2);
    expect(without.height).toBe(withParameters.height);
    expect((await canvas(page).boundingBox())!.y).toBe(canvasTop);
    // "Run on Kubeflow" is in that row, and nothing runs past the window's edge.
    await expect(toolbar(page).getByRole('button', { name: 'Run on Kubeflow' })).toBeVisible();
    expect(Math.min(withParameters.room, without.room)).toBeGreaterThanOrEqual(0);
  });
}

test('the magnus files download from one menu, parameters.yaml among them when there are parameters', async ({ page }) => {
  await open(page);
  await toolbar(page).getByRole('button', { name: 'Magnus files' }).click();
  const menu = toolbar(page).getByRole('group', { name: 'Magnus files' });
  await expect(menu.getByRole('button')).toHaveText(['Download dag.yaml', 'Download config.yaml', 'Download parameters.yaml']);
  const [file] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Download parameters.yaml' }).click()]);
  expect(file.suggestedFilename()).toBe('parameters.yaml');
});

test('the target switch shows with pipeline.yaml only, where it does something', async ({ page }) => {
  await open(page);
  const target = yamlPane(page).getByRole('radiogroup', { name: 'Target' });
  await expect(target).toBeVisible();
  for (const tab of ['dag.yaml', 'config.yaml', 'parameters.yaml']) {
    await yamlPane(page).getByRole('tab', { name: tab }).click();
    await expect(target).toHaveCount(0);
  }
  await yamlPane(page).getByRole('tab', { name: 'pipeline.yaml' }).click();
  await expect(target).toBeVisible();
});

test("a secret's environment variable shows whole in its input", async ({ page }) => {
  await open(page);
  const input = field(page, 'Secret 1 environment variable');
  await expect(input).toHaveValue('MLFLOW_TRACKING_TOKEN');
  const cut = await input.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(cut).toBe(false);
});

test('long YAML lines can be wrapped to the width of the pane, and it is remembered', async ({ page }) => {
  await open(page);
  const wrap = yamlPane(page).getByRole('checkbox', { name: 'Wrap lines' });
  await expect(wrap).not.toBeChecked();
  const overflow = () =>
    page.evaluate(() => {
      const monaco = (globalThis as unknown as { __monaco?: { editor: { getEditors(): { getScrollWidth(): number; getLayoutInfo(): { contentWidth: number } }[] } } }).__monaco;
      const editor = monaco?.editor.getEditors()[0];
      return editor ? editor.getScrollWidth() - editor.getLayoutInfo().contentWidth : undefined;
    });
  await expect.poll(overflow, { timeout: 20_000 }).toBeGreaterThan(0);
  await wrap.check();
  await expect.poll(overflow).toBeLessThanOrEqual(0);
  await page.reload();
  await expect(yamlPane(page).getByRole('checkbox', { name: 'Wrap lines' })).toBeChecked();
});

test('one error is "1 error — fix it", two are "2 errors — fix them"', async ({ page }) => {
  await open(page);
  await field(page, 'CPU limit').fill('abc');
  await expect(yamlPane(page).getByRole('note')).toHaveText('1 error — fix it to download');
  await field(page, 'Memory limit').fill('xyz');
  await expect(yamlPane(page).getByRole('note')).toHaveText('2 errors — fix them to download');
  await expect(problems(page)).toContainText('2 errors');
});

test("the shortcut sheet's key column leaves the descriptions room", async ({ page }) => {
  await open(page);
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  const rows = await sheet.getByRole('row').all();
  expect(rows.length).toBeGreaterThan(10);
  for (const row of rows) {
    const keys = (await row.getByRole('rowheader').boundingBox())!;
    const text = (await row.getByRole('cell').boundingBox())!;
    expect(text.width, `${await row.textContent()}`).toBeGreaterThanOrEqual(Math.max(keys.width, 180));
  }
  await expect(sheet.getByRole('row', { name: /Add a task step/ })).toContainText('after the selected step');
});

test("a new pipeline's placeholder image is a warning, at the field and under Problems", async ({ page }) => {
  await open(page);
  await toolbar(page).getByRole('button', { name: 'New pipeline' }).click();
  await page.getByRole('dialog', { name: 'Discard current pipeline?' }).getByRole('button', { name: 'Create new pipeline' }).click();
  await expect(field(page, 'Docker image')).toHaveValue('ghcr.io/your-org/your-image:latest');
  await expect(problems(page)).toContainText('0 errors, 1 warning');
  await expect(properties(page).getByText(/placeholder/).first()).toBeVisible();
  await field(page, 'Docker image').fill('ghcr.io/acme/churn:1.4.0');
  await expect(problems(page)).toContainText('0 errors, 0 warnings');
});
