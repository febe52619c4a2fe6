/**
 * Copy, cut, paste and duplicate through the system clipboard, the keyboard shortcuts (every row
 * of the `?` cheat sheet is pressed and its effect checked, so the sheet cannot promise a key that
 * does nothing) and Find — driven by the keyboard and by role and accessible name. The model is
 * read through the app's test hook (`window.__designer`), the clipboard through the page's
 * navigator.clipboard.
 */
import { parse } from 'yaml';
import type { Pipeline } from '../src/core/model/types';
import { canvas, edge, field, open, palette, properties, step, toolbar } from './designer';
import { expect, test, type Page } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

type Hooks = { __designer: { getState(): { history: { present: Pipeline; past: unknown[] }; selection: string[]; notice?: { text: string } } } };

const model = (page: Page): Promise<Pipeline> => page.evaluate(() => (window as unknown as Hooks).__designer.getState().history.present);
const selection = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as Hooks).__designer.getState().selection);
const undoSteps = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as Hooks).__designer.getState().history.past.length);
const names = async (page: Page) => (await model(page)).dag.steps.map((s) => s.name);
const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const writeClipboard = (page: Page, text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);
const notice = (page: Page) => page.getByRole('status').filter({ hasText: /./ }).first();
const findBox = (page: Page) => page.getByRole('combobox', { name: 'Find steps' });
const sheet = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' });
/** The focus back on the page itself, as after a click on nothing in particular. */
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
const undoButton = (page: Page) => toolbar(page).getByRole('button', { name: 'Undo', exact: true });

/** Zoomed in as far as the canvas goes, so most of the pipeline is out of view. */
async function zoomInFully(page: Page) {
  const zoomIn = canvas(page).getByRole('button', { name: 'Zoom in' });
  for (let i = 0; i < 8 && (await zoomIn.isEnabled()); i++) await zoomIn.click();
}

async function selectSteps(page: Page, ...stepNames: string[]) {
  await blur(page);
  await page.keyboard.press('Escape'); // clears the selection
  await step(page, stepNames[0]).click();
  for (const name of stepNames.slice(1)) await step(page, name).click({ modifiers: ['Shift'] });
  await expect.poll(() => selection(page)).toEqual(stepNames);
}

test.beforeEach(async ({ page }) => {
  await open(page);
});

test('two connected steps are copied as magnus YAML and pasted under new names with their edge, as one undo step', async ({ page }) => {
  await selectSteps(page, 'train model', 'evaluate');
  await page.keyboard.press('Control+c');
  await expect.poll(() => readClipboard(page)).toContain('train model:');
  const copied = parse(await readClipboard(page));
  expect(Object.keys(copied.dag.steps)).toEqual(['train model', 'evaluate']);
  expect(copied.dag.steps['train model']).toMatchObject({ command: 'churn.train.main', next: 'evaluate', executor_config: { kfp: { memory_limit: '8Gi' } } });

  const history = await undoSteps(page);
  await page.keyboard.press('Control+v');
  await expect(step(page, 'train model 2')).toBeVisible();
  await expect(step(page, 'evaluate 2')).toBeVisible();
  await expect(edge(page, 'next: train model 2 → evaluate 2')).toBeAttached();
  expect(await undoSteps(page)).toBe(history + 1);
  const pasted = (await model(page)).dag.steps.find((s) => s.name === 'train model 2');
  expect(pasted).toMatchObject({ type: 'task', command: 'churn.train.main', next: 'evaluate 2' });
  // The edge out of the copy to a step outside it is kept: the pipeline has that step.
  expect((await model(page)).dag.steps.find((s) => s.name === 'evaluate 2')).toMatchObject({ next: 'publish' });
  expect(await selection(page)).toEqual(['train model 2', 'evaluate 2']);

  await page.keyboard.press('Control+z');
  await expect(step(page, 'train model 2')).toHaveCount(0);
  expect(await names(page)).not.toContain('evaluate 2');
});

test('cut removes the steps as one undo step, and paste brings them back', async ({ page }) => {
  await selectSteps(page, 'publish');
  const history = await undoSteps(page);
  await page.keyboard.press('Control+x');
  await expect(step(page, 'publish')).toHaveCount(0);
  await expect(edge(page, 'next: evaluate → publish')).toHaveCount(0);
  expect(await undoSteps(page)).toBe(history + 1);
  expect(await readClipboard(page)).toContain('publish:');

  // Nothing selected now and the focus on no step: steps copied by the designer still paste as steps.
  await page.keyboard.press('Control+v');
  await expect(step(page, 'publish')).toBeVisible();
  expect((await model(page)).dag.steps.find((s) => s.name === 'publish')).toMatchObject({ next: 'success' });
  expect(await undoSteps(page)).toBe(history + 2);
});

test('duplicate copies the selection next to it without touching the clipboard', async ({ page }) => {
  await writeClipboard(page, 'untouched');
  await selectSteps(page, 'evaluate');
  const history = await undoSteps(page);
  await page.keyboard.press('Control+d');
  await expect(step(page, 'evaluate 2')).toBeVisible();
  await expect(edge(page, 'next: evaluate 2 → publish')).toBeAttached();
  expect(await undoSteps(page)).toBe(history + 1);
  expect(await selection(page)).toEqual(['evaluate 2']);
  expect(await readClipboard(page)).toBe('untouched');
  // Again: a copy of the copy is numbered on.
  await page.keyboard.press('Control+d');
  await expect(step(page, 'evaluate 3')).toBeVisible();
});

test('a paste of text that holds no steps says so and changes nothing; a whole pipeline pasted with nothing selected is offered for import', async ({ page }) => {
  await writeClipboard(page, 'hello world');
  await selectSteps(page, 'evaluate');
  const before = await model(page);
  await page.keyboard.press('Control+v');
  await expect(notice(page)).toContainText('Nothing was pasted');
  await expect(notice(page)).toContainText('no magnus steps');
  expect(await model(page)).toEqual(before);

  await writeClipboard(page, 'dag:\n  start_at: only\n  steps:\n    only:\n      type: stub\n      next: success\n    success:\n      type: success\n');
  await page.keyboard.press('Escape'); // clears the selection
  await blur(page);
  await page.keyboard.press('Control+v');
  await expect(page.getByRole('dialog', { name: 'Import magnus pipeline' })).toBeVisible();
  expect(await model(page)).toEqual(before);
});

/** Playwright's name for a key the cheat sheet shows. */
const KEY_NAMES: Record<string, string> = { Ctrl: 'Control', '↑': 'ArrowUp', '↓': 'ArrowDown', '←': 'ArrowLeft', '→': 'ArrowRight' };
function keysToPress(shown: string): string {
  const parts = shown.split(/(?<=.)\+/).map((k) => KEY_NAMES[k] ?? k);
  const key = parts[parts.length - 1];
  // A letter without Shift is typed in lower case.
  if (/^[A-Z]$/.test(key) && !parts.includes('Shift')) parts[parts.length - 1] = key.toLowerCase();
  return parts.join('+');
}

/** What each row of the cheat sheet must do: set up, press (`press`), see the effect, put things back. */
const CHECKS: Record<string, (page: Page, press: () => Promise<void>) => Promise<void>> = {
  'Show these keyboard shortcuts': async (page, press) => {
    await blur(page);
    await press();
    await expect(sheet(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(sheet(page)).toBeHidden();
  },
  'Find steps by name or command': async (page, press) => {
    await blur(page);
    await press();
    await expect(findBox(page)).toBeFocused();
    await blur(page);
  },
  Undo: async (page, press) => {
    await palette(page).getByRole('button', { name: 'Add stub step' }).click();
    await expect(step(page, 'stub', 'stub')).toBeVisible();
    await blur(page);
    await press();
    await expect(step(page, 'stub', 'stub')).toHaveCount(0);
  },
  Redo: async (page, press) => {
    await palette(page).getByRole('button', { name: 'Add stub step' }).click();
    await undoButton(page).click();
    await expect(step(page, 'stub', 'stub')).toHaveCount(0);
    await blur(page);
    await press();
    await expect(step(page, 'stub', 'stub')).toBeVisible();
    await undoButton(page).click();
  },
  'Download pipeline.yaml': async (page, press) => {
    await blur(page);
    const [download] = await Promise.all([page.waitForEvent('download'), press()]);
    expect(download.suggestedFilename()).toMatch(/\.yaml$/);
  },
  'Add a task step after the selected step (else at the end, before success)': async (page, press) => {
    await selectSteps(page, 'evaluate');
    await press();
    await expect(step(page, 'task')).toBeVisible();
    expect(await selection(page)).toEqual(['task']);
    expect((await model(page)).dag.steps.find((s) => s.name === 'evaluate')).toMatchObject({ next: 'task' });
    await undoButton(page).click();
  },
  'Copy the selected steps (as magnus YAML)': async (page, press) => {
    await writeClipboard(page, '');
    await selectSteps(page, 'evaluate');
    await press();
    await expect.poll(() => readClipboard(page)).toContain('evaluate:');
  },
  'Cut the selected steps': async (page, press) => {
    await selectSteps(page, 'publish');
    await press();
    await expect(step(page, 'publish')).toHaveCount(0);
    await expect.poll(() => readClipboard(page)).toContain('publish:');
    await undoButton(page).click();
    await expect(step(page, 'publish')).toBeVisible();
  },
  'Paste steps into the graph of the selected step': async (page, press) => {
    await selectSteps(page, 'evaluate');
    await page.keyboard.press('Control+c');
    await expect.poll(() => readClipboard(page)).toContain('evaluate:');
    await press();
    await expect(step(page, 'evaluate 2')).toBeVisible();
    await undoButton(page).click();
    await expect(step(page, 'evaluate 2')).toHaveCount(0);
  },
  'Duplicate the selected steps': async (page, press) => {
    await selectSteps(page, 'evaluate');
    await press();
    await expect(step(page, 'evaluate 2')).toBeVisible();
    await undoButton(page).click();
    await expect(step(page, 'evaluate 2')).toHaveCount(0);
  },
  'Delete the selected steps and edges': async (page, press) => {
    await selectSteps(page, 'publish');
    await press();
    await expect(step(page, 'publish')).toHaveCount(0);
    await undoButton(page).click();
    await expect(step(page, 'publish')).toBeVisible();
  },
  'Connect the first selected step to the second with next': async (page, press) => {
    await selectSteps(page, 'prepare data', 'publish');
    await press();
    await expect(edge(page, 'next: prepare data → publish')).toBeAttached();
    await undoButton(page).click();
    await expect(edge(page, 'next: prepare data → train model')).toBeAttached();
  },
  'Connect the first selected step to the second with on failure': async (page, press) => {
    await selectSteps(page, 'prepare data', 'publish');
    await press();
    await expect(edge(page, 'on failure: prepare data → publish')).toBeAttached();
    await undoButton(page).click();
    await expect(edge(page, 'on failure: prepare data → publish')).toHaveCount(0);
  },
  'Auto layout': async (page, press) => {
    // A step dragged out of place first, so the layout has something to do.
    const box = (await step(page, 'fail', 'fail').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 100, box.y - 150, { steps: 8 });
    await page.mouse.move(box.x + 200, box.y - 300, { steps: 8 });
    await page.mouse.up();
    const history = await undoSteps(page);
    await blur(page);
    await press();
    await expect.poll(() => undoSteps(page)).toBe(history + 1);
    await undoButton(page).click();
    await undoButton(page).click();
  },
  'Fit the pipeline in view': async (page, press) => {
    await zoomInFully(page);
    // Zoomed in on the middle: the first step is out of view (above it).
    await expect(step(page, 'prepare data')).not.toBeInViewport();
    await blur(page);
    await press();
    for (const name of ['prepare data', 'publish']) await expect(step(page, name)).toBeInViewport();
    await expect(step(page, 'success', 'success')).toBeInViewport();
  },
  'Expand the focused group': async (page, press) => {
    await palette(page).getByRole('button', { name: 'Add parallel step' }).click();
    await step(page, 'parallel', 'parallel').getByRole('button', { name: 'Collapse parallel' }).click();
    await expect(canvas(page).getByRole('group', { name: 'Branch branch_1 of parallel', exact: true })).toHaveCount(0);
    await step(page, 'parallel', 'parallel').focus();
    await press();
    await expect(canvas(page).getByRole('group', { name: 'Branch branch_1 of parallel', exact: true })).toBeVisible();
    await undoButton(page).click();
  },
  'Collapse the focused group': async (page, press) => {
    await palette(page).getByRole('button', { name: 'Add parallel step' }).click();
    await expect(canvas(page).getByRole('group', { name: 'Branch branch_1 of parallel', exact: true })).toBeVisible();
    await step(page, 'parallel', 'parallel').focus();
    await press();
    await expect(canvas(page).getByRole('group', { name: 'Branch branch_1 of parallel', exact: true })).toHaveCount(0);
    await undoButton(page).click();
  },
  'Go to the next step (along next)': async (page, press) => {
    await selectSteps(page, 'train model');
    await press();
    await expect.poll(() => selection(page)).toEqual(['evaluate']);
    await expect(step(page, 'evaluate')).toBeFocused();
  },
  'Go to the step before (whose next leads here)': async (page, press) => {
    await selectSteps(page, 'train model');
    await press();
    await expect.poll(() => selection(page)).toEqual(['prepare data']);
    await expect(step(page, 'prepare data')).toBeFocused();
  },
  'Go to the following step in list order, into groups too': async (page, press) => {
    await selectSteps(page, 'publish');
    await press();
    await expect.poll(() => selection(page)).toEqual(['success']);
  },
  'Go to the preceding step in list order': async (page, press) => {
    await selectSteps(page, 'publish');
    await press();
    await expect.poll(() => selection(page)).toEqual(['evaluate']);
  },
  "Edit the selected step's settings in the Properties panel": async (page, press) => {
    await selectSteps(page, 'evaluate');
    await press();
    await expect(field(page, 'Step name')).toBeFocused();
    await expect(field(page, 'Step name')).toHaveValue('evaluate');
  },
  'Clear the selection': async (page, press) => {
    await selectSteps(page, 'evaluate');
    await press();
    await expect.poll(() => selection(page)).toEqual([]);
    await expect(properties(page).getByRole('heading', { name: 'Pipeline settings' })).toBeVisible();
  },
};

test('the cheat sheet lists every shortcut, and each one listed does what it says', async ({ page }) => {
  test.setTimeout(240_000); // some thirty keys, each set up and checked on the page
  await toolbar(page).getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(sheet(page)).toBeVisible();
  const rows = sheet(page).getByRole('row');
  const listed: { keys: string[]; description: string }[] = [];
  for (const row of await rows.all()) {
    // One combination a line, the alternatives after "or".
    const keys = (await row.getByRole('rowheader').innerText())
      .split(/\n| or /)
      .map((k) => k.replace(/^or /, '').trim())
      .filter(Boolean);
    listed.push({ keys, description: (await row.getByRole('cell').innerText()).trim() });
  }
  await sheet(page).getByRole('button', { name: 'Close' }).click();
  await expect(sheet(page)).toBeHidden();

  expect(listed.length).toBeGreaterThan(15);
  expect(listed.map((r) => r.description).filter((d) => !(d in CHECKS)), 'rows this test does not know how to check').toEqual([]);
  const startNames = await names(page);
  for (const { keys, description } of listed) {
    for (const shown of keys) {
      await test.step(`${shown}: ${description}`, async () => {
        await CHECKS[description](page, () => page.keyboard.press(keysToPress(shown)));
        await blur(page);
        // The whole pipeline back in view for the next check (a check may have zoomed or scrolled).
        await canvas(page).getByRole('button', { name: 'Fit view' }).click();
      });
    }
  }
  // Every check put the pipeline back.
  expect(await names(page)).toEqual(startNames);
});

test('shortcuts do not fire while typing in a form field', async ({ page }) => {
  await selectSteps(page, 'evaluate');
  const image = field(page, 'Docker image');
  await image.click();
  const before = await model(page);
  for (const key of ['a', 'n', 'l', 'f', '?', '/', 'Shift+N', 'Alt+ArrowDown', 'Control+d', 'Control+c', 'Delete', 'Enter', 'Escape']) await page.keyboard.press(key);
  await expect(sheet(page)).toHaveCount(0);
  await expect(image).toBeFocused();
  expect(await selection(page)).toEqual(['evaluate']);
  expect((await model(page)).dag.steps.map((s) => s.name)).toEqual(before.dag.steps.map((s) => s.name));
  expect((await model(page)).layout).toEqual(before.layout);
});

const GROUP_STEPS = `dag:
  start_at: fan
  steps:
    fan:
      type: parallel
      next: success
      branches:
        left:
          start_at: deep inner
          steps:
            deep inner:
              type: task
              command: churn.deep_fn
              next: success
            success:
              type: success
            fail:
              type: fail
    success:
      type: success
`;

test('find selects a step inside a collapsed group and brings it into view; no match is said', async ({ page }) => {
  await writeClipboard(page, GROUP_STEPS);
  await selectSteps(page, 'publish');
  await page.keyboard.press('Control+v');
  await expect(step(page, 'fan', 'parallel')).toBeVisible();
  await step(page, 'fan', 'parallel').getByRole('button', { name: 'Collapse fan' }).click();
  await expect(step(page, 'deep inner')).toHaveCount(0);
  await zoomInFully(page);

  await blur(page);
  await page.keyboard.press('Control+f');
  await expect(findBox(page)).toBeFocused();
  await page.keyboard.type('DEEP_FN');
  const option = page.getByRole('listbox', { name: 'Matching steps' }).getByRole('option');
  await expect(option).toHaveCount(1);
  await expect(option).toContainText('deep inner (task) in fan');
  await expect(option).toContainText('churn.deep_fn');
  await page.keyboard.press('Enter');
  await expect.poll(() => selection(page)).toEqual(['fan.left.deep inner']);
  await expect(step(page, 'deep inner')).toBeInViewport();
  await expect(findBox(page)).toHaveAccessibleName('Find steps');
  await expect(toolbar(page).getByRole('status')).toHaveText('1 of 1');

  // By name, several matches: Enter goes on, Shift+Enter back.
  await findBox(page).fill('a');
  await page.keyboard.press('Enter');
  const first = await selection(page);
  await page.keyboard.press('Enter');
  await expect.poll(() => selection(page)).not.toEqual(first);
  await page.keyboard.press('Shift+Enter');
  await expect.poll(() => selection(page)).toEqual(first);

  await findBox(page).fill('no such step');
  await expect(toolbar(page).getByRole('status')).toHaveText('No step matches “no such step”');
});

test('the keyboard moves the selection and the focus between steps, and Enter opens the step’s form', async ({ page }) => {
  await step(page, 'prepare data').focus();
  await page.keyboard.press('Enter'); // React Flow's own key: selects the focused step
  await expect.poll(() => selection(page)).toEqual(['prepare data']);
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => selection(page)).toEqual(['evaluate']);
  await expect(step(page, 'evaluate')).toBeFocused();
  const placed = (await model(page)).layout.evaluate;
  await page.keyboard.press('Alt+ArrowUp');
  await expect(step(page, 'train model')).toBeFocused();
  // The arrows moved the selection, not the step (React Flow moves a selected node by arrow keys).
  expect((await model(page)).layout.evaluate).toEqual(placed);
  await page.keyboard.press('Enter');
  await expect(field(page, 'Step name')).toBeFocused();
  await expect(field(page, 'Step name')).toHaveValue('train model');
});
