/**
 * What the journeys share: the designer's parts found by role and accessible name, mouse drags as
 * React Flow expects them, and the generated files read whole from Monaco's models (the screen
 * shows only the visible lines). Nothing here changes the app other than through its UI.
 */
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { expect, type Locator, type Page } from './fixtures';

export const corpusPath = (name: string) => fileURLToPath(new URL(`../test/fixtures/corpus/${name}`, import.meta.url));

/** Monaco is loaded after the page, and an import lays the steps out with ELK in a worker. */
export const SLOW = { timeout: 20_000 };

export const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Designer toolbar' });
export const canvas = (page: Page) => page.getByRole('region', { name: 'Pipeline canvas' });
export const palette = (page: Page) => page.getByRole('complementary', { name: 'Step palette' });
export const properties = (page: Page) => page.getByRole('complementary', { name: 'Properties' });
export const problems = (page: Page) => page.getByRole('region', { name: 'Problems' });
export const yamlPane = (page: Page) => page.getByRole('region', { name: 'Generated YAML' });
export const step = (page: Page, name: string, type = 'task') => canvas(page).getByRole('group', { name: `Step ${name} (${type})`, exact: true });
export const edge = (page: Page, name: string) => canvas(page).getByRole('group', { name, exact: true });
export const handle = (page: Page, label: string) => canvas(page).getByLabel(label, { exact: true });
/** A labelled field of the properties panel; exact, as "CPU limit" is also part of "Reset CPU limit…". */
export const field = (page: Page, label: string) => properties(page).getByLabel(label, { exact: true });

export const EXAMPLE_STEPS: readonly [string, string][] = [
  ['prepare data', 'task'],
  ['train model', 'task'],
  ['evaluate', 'task'],
  ['publish', 'task'],
  ['success', 'success'],
  ['fail', 'fail'],
];

/** Opens the designer and waits until the canvas shows the pipeline (the example on a first visit). */
export async function open(page: Page, firstStep = 'prepare data') {
  await page.goto('/');
  await expect(step(page, firstStep)).toBeVisible();
  // The commands and their keyboard shortcuts load right after the first paint of the steps (on a
  // loaded machine, seconds after).
  await expect(page.getByRole('button', { name: 'Import…' })).toBeVisible({ timeout: 20_000 });
}

type Box = { x: number; y: number; width: number; height: number };

/** Whether two boxes on screen share any area. */
export const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export async function centre(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A mouse drag in small moves, the way React Flow's handles and nodes expect it; to a locator's centre or a point. */
export async function drag(page: Page, from: Locator, to: Locator | { x: number; y: number }) {
  const start = await centre(from);
  const end = 'x' in to ? to : await centre(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + (end.x - start.x) / 2, start.y + (end.y - start.y) / 2, { steps: 8 });
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

/** A click on empty canvas (its top-left corner, clear of fit-view's padding) deselects: the pipeline settings show. */
export async function clickEmptyCanvas(page: Page) {
  await canvas(page).click({ position: { x: 12, y: 12 } });
  await expect(properties(page).getByRole('heading', { name: 'Pipeline settings' })).toBeVisible();
}

/**
 * Drops File objects at a point on the canvas (its centre by default) the way a file manager does:
 * on whatever element is under that point, from where the events bubble to the canvas's handler.
 */
export async function dropFiles(page: Page, files: { name: string; text: string }[], on: Locator = canvas(page)) {
  const point = await centre(on);
  await page.evaluate(
    ({ list, x, y }) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([f.text], f.name, { type: 'application/yaml' }));
      const target = document.elementFromPoint(x, y);
      if (!target) throw new Error(`nothing at ${x},${y} to drop on`);
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, clientX: x, clientY: y, bubbles: true, cancelable: true }));
    },
    { list: files, ...point },
  );
}

export type YamlTabName = 'pipeline' | 'dag' | 'config' | 'parameters';

interface MonacoHook {
  __monaco?: { editor: { getModels(): { uri: { toString(): string }; getValue(): string }[] } };
}

/** The whole text of a tab's Monaco model, or undefined while Monaco (or that tab's model) is not there yet. */
export function yamlText(page: Page, tab: YamlTabName): Promise<string | undefined> {
  return page.evaluate((uri) => {
    const monaco = (globalThis as unknown as MonacoHook).__monaco;
    return monaco?.editor
      .getModels()
      .find((model) => model.uri.toString() === uri)
      ?.getValue();
  }, `file:///${tab}.yaml`);
}

/** A tab's text once its model exists. */
export async function loadedYaml(page: Page, tab: YamlTabName): Promise<string> {
  await expect.poll(() => yamlText(page, tab), { message: `Monaco model of ${tab}.yaml`, ...SLOW }).toEqual(expect.any(String));
  return (await yamlText(page, tab))!;
}

/** Every YAML document of a tab, parsed; a parse error fails the test, as it would for a user. */
export async function yamlDocuments(page: Page, tab: YamlTabName): Promise<unknown[]> {
  return parseYaml(await loadedYaml(page, tab));
}

export function parseYaml(text: string): unknown[] {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) if (doc.errors.length > 0) throw new Error(`generated YAML does not parse: ${doc.errors[0].message}`);
  return docs.map((doc) => doc.toJS());
}

/**
 * Polls a value computed from a tab's parsed YAML until it matches. The emitted text follows the
 * model within a render, but Monaco's model is updated in an effect after it.
 */
export function pollYaml<T>(page: Page, tab: YamlTabName, pick: (docs: any[]) => T, message?: string) {
  return expect.poll(
    async () => {
      const text = await yamlText(page, tab);
      if (text === undefined) return undefined;
      try {
        return pick(parseYaml(text));
      } catch {
        return undefined; // a path not there yet
      }
    },
    { ...SLOW, ...(message ? { message } : {}) },
  );
}

/** The pipeline's step names, read through the app's test hook (never changed through it). */
export const stepNames = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __designer: { getState(): { history: { present: { dag: { steps: { name: string }[] } } } } } }).__designer
      .getState()
      .history.present.dag.steps.map((s) => s.name),
  );
