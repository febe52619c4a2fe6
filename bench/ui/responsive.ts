/**
 * `npm run bench:responsive`: how long the page's thread stops answering while the designer reads
 * hostile or huge input — the longest task of the page's main thread from the moment the input is
 * handed over until the designer has dealt with it and gone quiet, from Chromium's trace: its CPU
 * time (what the page costs; robust on a machine shared with other work) and its wall time (what a
 * user waited, which other processes on a busy machine inflate). The target is ~100 ms whatever the
 * input. Prints figures; asserts nothing.
 *
 * Scenarios: a share link holding an alias bomb (opened, then "Open" clicked if the designer asks);
 * a share link that inflates to hundreds of MB; the alias bomb as a file in the import dialog;
 * generated pipelines of 1,000 and 5,000 steps imported through the import dialog (laid out by ELK,
 * and with positions); a generated dag pasted over dag.yaml in the YAML pane; and a huge save in
 * browser storage, whole (restored) and with a broken step (kept aside), the page opened on each;
 * and, as the floor under those, a first visit with no input at all. Files are handed to the page
 * before the measurement starts (Playwright's own transfer of megabytes into the page is a long
 * task of its own that a file picker does not have); the measurement starts at their change event.
 *
 * Environment: BENCH_UI_DIST=<dir>[,<dir>…] measures existing builds (one after the other, in one
 * run) instead of building this tree; BENCH_BOMB_LEVELS (6: a million aliases; 5 is the largest the
 * designer before issue 10 survives); BENCH_IMPORT_SIZES (1000,5000); BENCH_PASTE_SIZE (1000);
 * BENCH_SAVE_SIZE (5000); BENCH_ONLY (a word the scenarios to run contain); BENCH_WAIT_S (how long
 * a scenario may take, 90); CHROMIUM_PATH.
 */
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM } from '../../scripts/chromium';
import { aliasBombDag, inflateBombFragment, shareFragment } from './hostile-input';
import { build, magnusFiles, serve, withPositions } from './run';
import { generatePipeline } from '../generate';
import { AUTOSAVE_KEY } from '../../src/ui/store/saved';
import { endTrace, pageTasks, TRACE_CATEGORIES, type TraceEvent } from './page-tasks';

const LEVELS = Number(process.env.BENCH_BOMB_LEVELS ?? 6);
const IMPORT_SIZES = (process.env.BENCH_IMPORT_SIZES ?? '1000,5000').split(',').map(Number);
const WAIT_MS = Number(process.env.BENCH_WAIT_S ?? 90) * 1000;
const PASTE_SIZE = Number(process.env.BENCH_PASTE_SIZE ?? 1000);
const SAVE_SIZE = Number(process.env.BENCH_SAVE_SIZE ?? 5000);
const ONLY = process.env.BENCH_ONLY;
const INFLATED_MB = 200;

interface Figure {
  scenario: string;
  outcome: string;
  /** The longest main-thread task: its CPU time and its wall time (ms). */
  longestCpu: number;
  longestWall: number;
  /** Tasks over 100 ms of CPU. */
  over100: number;
  elapsed: number;
}

/** Records every long task of the page from its first script on. */
const OBSERVE = `
  globalThis.__name = (f) => f;
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
`;

async function newPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(OBSERVE);
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

/** The page is quiet when no long task started in the last `quietMs`. */
async function settle(page: Page, quietMs = 1500) {
  for (;;) {
    const quiet = await page.evaluate((quietMs) => {
      const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
      const last = tasks.length > 0 ? Math.max(...tasks.map((t) => t.start + t.duration)) : 0;
      return performance.now() - last > quietMs;
    }, quietMs);
    if (quiet) return;
    await page.waitForTimeout(250);
  }
}

/** Runs `act` (which ends when the designer has answered) under Chromium's tracing, until the page is quiet again. */
async function measure(browser: Browser, page: Page, scenario: string, act: () => Promise<string>): Promise<Figure> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const started = Date.now();
  let outcome: string;
  try {
    outcome = await Promise.race([act(), new Promise<string>((_, reject) => setTimeout(() => reject(new Error('no answer')), WAIT_MS))]);
  } catch (error) {
    outcome = `no answer within ${WAIT_MS / 1000} s (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
  const elapsed = Date.now() - started;
  const answered = await Promise.race([settle(page).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))]);
  await endTrace(page);
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const tasks = pageTasks(events, new URL(page.url()).origin);
  if (!answered) outcome += '; the page never answered again';
  if (process.env.BENCH_TASKS) console.log(`${scenario}: tasks over 50 ms CPU, in order: ${tasks.filter((t) => t.cpu > 50).map((t) => t.cpu.toFixed(0)).join(' ')}`);
  return {
    scenario,
    outcome,
    longestCpu: Math.max(0, ...tasks.map((t) => t.cpu)),
    longestWall: Math.max(0, ...tasks.map((t) => t.wall)),
    over100: tasks.filter((t) => t.cpu > 100).length,
    elapsed,
  };
}

/** What the designer said: a notice, a dialog's alert or status, or the import report. */
async function answer(page: Page, expected: RegExp): Promise<string> {
  const said = page.getByRole('status').or(page.getByRole('alert')).or(page.getByRole('dialog', { name: 'Import report' })).filter({ hasText: expected });
  await said.first().waitFor({ timeout: WAIT_MS });
  return (await said.first().innerText()).replace(/\s+/g, ' ').slice(0, 110);
}

async function openLink(browser: Browser, url: string, scenario: string, fragment: string): Promise<Figure> {
  const { page, close } = await newPage(browser);
  try {
    await page.goto(url);
    await page.getByRole('region', { name: 'Pipeline canvas' }).waitFor();
    await settle(page);
    return await measure(browser, page, scenario, async () => {
      // A same-document navigation: the page that is open receives the link (hashchange).
      await page.evaluate((fragment) => (window.location.hash = fragment), fragment);
      const dialog = page.getByRole('dialog', { name: 'Open shared pipeline' });
      const asked = await dialog.waitFor({ timeout: 30_000 }).then(
        () => true,
        () => false,
      );
      if (asked) await dialog.getByRole('button', { name: 'Open', exact: true }).click({ timeout: WAIT_MS });
      return (asked ? 'asked first; ' : '') + (await answer(page, /could not|not loaded|too large|larger|took longer|stopped|Opened/));
    });
  } finally {
    await close();
  }
}

async function importFiles(browser: Browser, url: string, scenario: string, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<Figure> {
  const { page, close } = await newPage(browser);
  try {
    await page.goto(url);
    await page.getByRole('region', { name: 'Pipeline canvas' }).waitFor();
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
    await dialog.getByLabel('Choose files').waitFor();
    // Staged in an input of the bench's own, then handed to the dialog's as a file picker does.
    await page.evaluate(() => {
      const staged = document.createElement('input');
      staged.type = 'file';
      staged.multiple = true;
      staged.id = 'bench-staged-files';
      staged.hidden = true;
      document.body.append(staged);
    });
    await page.locator('#bench-staged-files').setInputFiles(files);
    await settle(page);
    return await measure(browser, page, scenario, async () => {
      await dialog.getByLabel('Choose files').evaluate((input: HTMLInputElement) => {
        input.files = (document.getElementById('bench-staged-files') as HTMLInputElement).files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      return answer(page, /imported|nothing changed|could not|took longer|stopped/);
    });
  } finally {
    await close();
  }
}

/** A generated dag pasted over the whole of dag.yaml (select all, paste), as someone replacing it. */
async function pasteDag(browser: Browser, url: string, scenario: string, text: string): Promise<Figure> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  await context.addInitScript(OBSERVE);
  const page = await context.newPage();
  try {
    await page.goto(url);
    const pane = page.getByRole('region', { name: 'YAML' });
    await pane.getByRole('tab', { name: 'dag.yaml' }).click({ timeout: 30_000 });
    const editor = pane.getByRole('textbox', { name: 'dag.yaml, editable' });
    await editor.waitFor({ state: 'attached', timeout: 30_000 });
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await editor.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await settle(page);
    return await measure(browser, page, scenario, async () => {
      await page.keyboard.press('ControlOrMeta+V');
      // The canvas draws the steps in view (which ones depends on the view it fits).
      await page.locator('.react-flow__node[aria-label^="Step step "]').first().waitFor({ state: 'attached', timeout: WAIT_MS });
      return 'applied: the canvas shows the pasted steps';
    });
  } finally {
    await context.close();
  }
}

/** The page reloaded on a huge save; `answered` waits for what the designer does with it and says what that was. */
async function reloadOnSave(browser: Browser, url: string, scenario: string, save: string, answered: (page: Page) => Promise<string>): Promise<Figure> {
  const { page, close } = await newPage(browser);
  try {
    await page.goto(url);
    await page.getByRole('region', { name: 'Pipeline canvas' }).waitFor();
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [AUTOSAVE_KEY, save] as const);
    return await measure(browser, page, scenario, async () => {
      await page.reload();
      return answered(page);
    });
  } finally {
    await close();
  }
}

/** The page opened with no input at all: its own start (scripts compiled and run, Monaco loaded), the floor under every reload above. */
async function firstVisit(browser: Browser, url: string, scenario: string): Promise<Figure> {
  const { page, close } = await newPage(browser);
  try {
    return await measure(browser, page, scenario, async () => {
      await page.goto(url);
      await page.getByRole('region', { name: 'Pipeline canvas' }).waitFor({ timeout: WAIT_MS });
      // Monaco is part of the start: without this wait a slow fetch of its chunks let the page look
      // quiet, and the trace end, before it was evaluated.
      await page.getByRole('textbox', { name: /, read-only$/ }).waitFor({ state: 'attached', timeout: WAIT_MS });
      return 'opened on the example, the editor up';
    });
  } finally {
    await close();
  }
}

/** A save it cannot restore (a step of the wrong shape at its end): kept aside, its magnus files offered. */
async function notRestored(page: Page): Promise<string> {
  const notice = page.getByRole('region', { name: 'Saved pipeline not restored' });
  await notice.getByRole('button', { name: /^Download .*dag.*\.yaml$/ }).first().waitFor({ timeout: WAIT_MS });
  return (await notice.innerText()).replace(/\s+/g, ' ').slice(0, 110);
}

/** A save it can restore: the designer opens on it (read through the test hook, as the e2e tests do). */
function restored(steps: number) {
  return async (page: Page): Promise<string> => {
    await page.waitForFunction(
      (count) => (window as unknown as { __designer?: { getState(): { history: { present: { dag: { steps: unknown[] } } } } } }).__designer?.getState().history.present.dag.steps.length === count,
      steps,
      { timeout: WAIT_MS },
    );
    return `restored, ${steps.toLocaleString('en')} steps`;
  };
}

async function measureBuild(browser: Browser, url: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const wanted = (scenario: string) => ONLY === undefined || scenario.includes(ONLY);
  const bomb = aliasBombDag(LEVELS);
  const linkScenario = `share link: alias bomb ${LEVELS} × 10 (${shareFragment({ dag: bomb, config: '' }).length} characters)`;
  if (wanted(linkScenario)) figures.push(await openLink(browser, url, linkScenario, shareFragment({ dag: bomb, config: '' })));
  if (wanted('share link inflating')) figures.push(await openLink(browser, url, `share link inflating to ${INFLATED_MB} MB`, inflateBombFragment(INFLATED_MB * 1_000_000)));
  if (wanted('import dialog: alias bomb')) figures.push(await importFiles(browser, url, `import dialog: alias bomb ${LEVELS} × 10`, [{ name: 'dag.yaml', mimeType: 'application/yaml', buffer: Buffer.from(bomb) }]));
  for (const positioned of [false, true]) {
    for (const size of IMPORT_SIZES) {
      const files = magnusFiles(size, positioned);
      const mb = (files.reduce((sum, f) => sum + f.buffer.length, 0) / 1_000_000).toFixed(1);
      const scenario = `import dialog: ${size.toLocaleString('en')} steps, ${positioned ? 'with' : 'no'} positions (${mb} MB)`;
      if (wanted(scenario)) figures.push(await importFiles(browser, url, scenario, files));
    }
  }
  const pasted = magnusFiles(PASTE_SIZE, false)[0].buffer.toString('utf8');
  const pasteScenario = `dag.yaml: ${PASTE_SIZE.toLocaleString('en')} steps pasted (${(pasted.length / 1_000_000).toFixed(1)} MB)`;
  if (wanted(pasteScenario)) figures.push(await pasteDag(browser, url, pasteScenario, pasted));
  if (wanted('first visit')) figures.push(await firstVisit(browser, url, 'first visit, no input (the page\'s own start)'));
  const whole = withPositions(generatePipeline(SAVE_SIZE));
  const good = JSON.stringify(whole);
  const goodScenario = `restored save: ${SAVE_SIZE.toLocaleString('en')} steps (${(good.length / 1_000_000).toFixed(1)} MB)`;
  if (wanted(goodScenario)) figures.push(await reloadOnSave(browser, url, goodScenario, good, restored(whole.dag.steps.length)));
  const broken = structuredClone(whole) as unknown as { dag: { steps: unknown[] } };
  broken.dag.steps.push(null);
  const save = JSON.stringify(broken);
  const saveScenario = `unrestorable save: ${SAVE_SIZE.toLocaleString('en')} steps (${(save.length / 1_000_000).toFixed(1)} MB)`;
  if (wanted(saveScenario)) figures.push(await reloadOnSave(browser, url, saveScenario, save, notRestored));
  return figures;
}

async function main() {
  const given = process.env.BENCH_UI_DIST;
  const dists = given ? given.split(',') : [build()];
  const browser = await chromium.launch(CHROMIUM);
  const measured: { dist: string; figures: Figure[] }[] = [];
  try {
    for (const dist of dists) {
      const { url, server } = await serve(dist);
      try {
        measured.push({ dist, figures: await measureBuild(browser, url) });
      } finally {
        process.kill(-server.pid!, 'SIGTERM');
      }
    }
  } finally {
    await browser.close();
    if (!given) rmSync(dists[0], { recursive: true, force: true });
  }
  for (const { dist, figures } of measured) printFigures(given ? dist : 'this tree', figures);
  console.log(`\n(${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)})`);
}

function printFigures(label: string, figures: Figure[]) {
  console.log(`\n${label}: the page's longest task (ms) from handing the input over until the designer answered and went quiet:`);
  const rows = [
    ['scenario', 'longest, CPU', 'longest, wall', 'tasks > 100 ms CPU', 'answered after', 'what the designer said'],
    ...figures.map((f) => [f.scenario, f.longestCpu.toFixed(0), f.longestWall.toFixed(0), String(f.over100), `${(f.elapsed / 1000).toFixed(1)} s`, f.outcome.slice(0, 100)]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
}

await main();
