/**
 * `npm run bench:ui`: how the designer itself feels on long pipelines, measured in Debian Chromium
 * against a production build. Prints figures; asserts nothing (timed tests would only be flaky).
 *
 * - first load: the JavaScript fetched before the Monaco chunk is requested, gzipped (the budget is
 *   200 KB), on a first visit (empty localStorage, so the built-in example opens);
 * - import + render: generated pipelines (bench/generate.ts, exported to magnus YAML) of 200 and
 *   1,000 steps, put into the import dialog's file input — the real UI path: reading, classifying,
 *   importing, laying out (ELK, when the files carry no positions), committing, drawing. Timed from
 *   the input's `change` event to the first frame that shows the imported steps on the canvas;
 * - edit → YAML: keystrokes in the step form's Command and Memory limit fields. Timed from the
 *   keydown event's timestamp to the change of Monaco's pipeline.yaml model (all the synchronous
 *   work: commit, validation, emission, React, the model edit), and to the next animation frame
 *   after it (adds Monaco's own rendering and the wait for the frame). Median of several keystrokes.
 *
 * Environment: BENCH_UI_DIST=<dir> reuses a build instead of building; BENCH_UI_SIZES=200,1000;
 * BENCH_UI_KEYS=<keystrokes per field>; BENCH_UI_REPEAT=<imports per size>; CHROMIUM_PATH.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { exportMagnus } from '../../src/core/magnus/export';
import type { Pipeline } from '../../src/core/model/types';
import { generatePipeline } from '../generate';

const ROOT = new URL('../..', import.meta.url).pathname;
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
const SIZES = (process.env.BENCH_UI_SIZES ?? '200,1000').split(',').map(Number);
const KEYSTROKES = Number(process.env.BENCH_UI_KEYS ?? 15);
const IMPORTS = Number(process.env.BENCH_UI_REPEAT ?? 3);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function build(): { dist: string; temporary: boolean } {
  if (process.env.BENCH_UI_DIST) return { dist: process.env.BENCH_UI_DIST, temporary: false };
  const dist = mkdtempSync(join(tmpdir(), 'kfp-designer-bench-ui-'));
  console.log(`building into ${dist} …`);
  const result = spawnSync(process.execPath, [VITE, 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
  return { dist, temporary: true };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function serve(dist: string): Promise<{ url: string; server: ChildProcess }> {
  const port = await freePort();
  // Its own process group, so stopping it stops every process it started.
  const server = spawn(process.execPath, [VITE, 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, server };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer on ${url}`);
}

/** The built files that are Monaco's: the lazily loaded editor chunk sets MonacoEnvironment. */
function monacoFiles(dist: string): Set<string> {
  const assets = join(dist, 'assets');
  return new Set(readdirSync(assets).filter((f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes('MonacoEnvironment')));
}

interface FirstLoad {
  files: { name: string; raw: number; gzip: number }[];
  total: { raw: number; gzip: number };
  monacoRequested: boolean;
}

async function measureFirstLoad(browser: Browser, url: string, monaco: Set<string>): Promise<FirstLoad> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const requested: string[] = [];
  const bodies = new Map<string, Promise<Buffer>>();
  page.on('request', (request) => requested.push(request.url()));
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) bodies.set(response.url(), response.body());
  });
  await page.goto(url);
  await page.waitForFunction(() => 'monaco' in window || '__monaco' in globalThis, undefined, { timeout: 30_000 });
  const name = (u: string) => new URL(u).pathname.split('/').pop()!;
  const firstMonaco = requested.findIndex((u) => monaco.has(name(u)));
  const before = requested.slice(0, firstMonaco < 0 ? requested.length : firstMonaco).filter((u) => u.endsWith('.js'));
  const files = await Promise.all(
    before.map(async (u) => {
      const body = await bodies.get(u)!;
      return { name: name(u), raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    }),
  );
  await context.close();
  const total = files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 });
  return { files, total, monacoRequested: firstMonaco >= 0 };
}

/** The generated pipeline as the magnus files a user would import; with or without canvas positions. */
function magnusFiles(size: number, positioned: boolean) {
  const pipeline: Pipeline = generatePipeline(size);
  if (positioned) {
    pipeline.layout = Object.fromEntries(pipeline.dag.steps.map((s, i) => [s.name, { x: (i % 2) * 260, y: i * 110 }]));
  }
  const files = exportMagnus(pipeline);
  return [
    { name: 'dag.yaml', mimeType: 'application/yaml', buffer: Buffer.from(files.dag) },
    { name: 'config.yaml', mimeType: 'application/yaml', buffer: Buffer.from(files.config) },
    { name: 'parameters.yaml', mimeType: 'application/yaml', buffer: Buffer.from(files.parameters ?? '') },
  ];
}

/** The app at a first visit, with Monaco up, so loading it does not compete with what is measured. */
async function openApp(browser: Browser, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => {
    const m = (globalThis as { __monaco?: { editor: { getModels(): unknown[] } } }).__monaco;
    return !!m && m.editor.getModels().length > 0;
  }, undefined, { timeout: 30_000 });
  return { page, close: () => context.close() };
}

interface ImportTiming {
  canvas: number;
  yaml: number;
  nodesInDom: number;
}

async function importThroughDialog(page: Page, files: ReturnType<typeof magnusFiles>): Promise<ImportTiming> {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
  await dialog.waitFor();
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.__benchImport;
    const state: { start?: number; canvas?: number; yaml?: number; nodes?: number } = {};
    const model = (globalThis as unknown as { __monaco: MonacoLike }).__monaco.editor.getModel(
      (globalThis as unknown as { __monaco: MonacoLike }).__monaco.Uri.parse('file:///pipeline.yaml'),
    )!;
    const onChange = (event: Event) => {
      if ((event.target as HTMLInputElement).type === 'file') state.start = performance.now();
    };
    document.addEventListener('change', onChange, true);
    const subscription = model.onDidChangeContent(() => {
      if (state.start !== undefined && state.yaml === undefined && model.getValue().includes('step-0')) state.yaml = performance.now();
    });
    const observer = new MutationObserver(() => {
      if (state.start === undefined || state.canvas !== undefined) return;
      if (!document.querySelector('.react-flow__node[aria-label="Step step 0 (task)"]')) return;
      observer.disconnect();
      // The frame that shows them: rAF runs after this task's rendering work, before the paint.
      requestAnimationFrame(() => {
        state.canvas = performance.now();
        state.nodes = document.querySelectorAll('.react-flow__node').length;
        w.__benchImport = state;
        document.removeEventListener('change', onChange, true);
        if (state.yaml !== undefined) subscription.dispose();
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
    w.__benchImportState = state;
  });
  await dialog.getByLabel('Choose files').setInputFiles(files);
  await page.waitForFunction(() => {
    const s = (window as unknown as { __benchImportState: { canvas?: number; yaml?: number } }).__benchImportState;
    return s.canvas !== undefined && s.yaml !== undefined;
  }, undefined, { timeout: 60_000 });
  const state = await page.evaluate(() => (window as unknown as { __benchImportState: { start: number; canvas: number; yaml: number; nodes: number } }).__benchImportState);
  // The import report opens over the page; close it as a user would.
  const report = page.getByRole('dialog', { name: 'Import report' });
  await report.waitFor();
  await page.keyboard.press('Escape');
  await report.waitFor({ state: 'hidden' });
  return { canvas: state.canvas - state.start, yaml: state.yaml - state.start, nodesInDom: state.nodes };
}

interface MonacoModel {
  getValue(): string;
  onDidChangeContent(listener: () => void): { dispose(): void };
}
interface MonacoLike {
  editor: { getModel(uri: unknown): MonacoModel | null };
  Uri: { parse(text: string): unknown };
}

interface KeystrokeTiming {
  model: number;
  frame: number;
}

/** Keystrokes into the focused field, one at a time, each timed from its keydown to the YAML change. */
async function typeAndTime(page: Page, keys: string[], tab: 'pipeline' | 'dag'): Promise<KeystrokeTiming[]> {
  await page.evaluate((tab) => {
    const monaco = (globalThis as unknown as { __monaco: MonacoLike }).__monaco;
    const model = monaco.editor.getModel(monaco.Uri.parse(`file:///${tab}.yaml`))!;
    const records: { keydown: number; model?: number; frame?: number }[] = [];
    const w = window as unknown as Record<string, unknown>;
    w.__benchKeys = records;
    const onKeyDown = (event: KeyboardEvent) => {
      records.push({ keydown: event.timeStamp });
    };
    window.addEventListener('keydown', onKeyDown, true);
    const subscription = model.onDidChangeContent(() => {
      const record = records[records.length - 1];
      if (!record || record.model !== undefined) return;
      record.model = performance.now();
      requestAnimationFrame(() => {
        record.frame = performance.now();
      });
    });
    w.__benchKeysStop = () => {
      window.removeEventListener('keydown', onKeyDown, true);
      subscription.dispose();
    };
  }, tab);
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i]);
    // Let deferred work (autosave) run, so each keystroke starts from a quiet page.
    await page.waitForTimeout(120);
  }
  return page.evaluate(() => {
    const w = window as unknown as { __benchKeys: { keydown: number; model: number; frame: number }[]; __benchKeysStop: () => void };
    w.__benchKeysStop();
    return w.__benchKeys.map((r) => ({ model: r.model - r.keydown, frame: r.frame - r.keydown }));
  });
}

interface SizeResult {
  size: number;
  importLaidOut: ImportTiming[];
  importPositioned: ImportTiming[];
  command: KeystrokeTiming[];
  memory: KeystrokeTiming[];
  commandDagTab: KeystrokeTiming[];
}

async function measureSize(browser: Browser, url: string, size: number): Promise<SizeResult> {
  const importLaidOut: ImportTiming[] = [];
  const importPositioned: ImportTiming[] = [];
  for (let i = 0; i < IMPORTS; i++) {
    for (const [positioned, into] of [
      [false, importLaidOut],
      [true, importPositioned],
    ] as const) {
      const app = await openApp(browser, url);
      into.push(await importThroughDialog(app.page, magnusFiles(size, positioned)));
      await app.close();
    }
  }

  const { page, close } = await openApp(browser, url);
  await importThroughDialog(page, magnusFiles(size, true));
  await page.getByRole('group', { name: 'Step step 1 (task)' }).click();
  const command = page.getByLabel('Command', { exact: true });
  await command.click();
  await page.keyboard.press('End');
  // The command is not in the Kubeflow YAML (every container runs `magnus execute_single_node`), so
  // its keystrokes are timed to the change of dag.yaml's model, kept current while hidden.
  const commandTimes = await typeAndTime(page, Array.from({ length: KEYSTROKES }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[i % 26]), 'dag');
  // Digits before "2Gi" keep the quantity valid, so every keystroke emits a workflow.
  await page.getByLabel('Memory limit', { exact: true }).click();
  await page.keyboard.press('Home');
  const memoryTimes = await typeAndTime(page, Array.from({ length: KEYSTROKES }, (_, i) => String((i % 9) + 1)), 'pipeline');
  await page.getByRole('tab', { name: 'dag.yaml' }).click();
  await page.waitForTimeout(300);
  await command.click();
  await page.keyboard.press('End');
  const commandDagTab = await typeAndTime(page, Array.from({ length: KEYSTROKES }, (_, i) => 'zyxwvutsrqponmlkjihgfedcba'[i % 26]), 'dag');
  await close();
  return { size, importLaidOut, importPositioned, command: commandTimes, memory: memoryTimes, commandDagTab };
}

function printTable(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
}

async function main() {
  const { dist, temporary } = build();
  const { url, server } = await serve(dist);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // tsx compiles the functions handed to page.evaluate with esbuild's keepNames, which calls a
  // `__name` helper the page does not have.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript('globalThis.__name = (f) => f;');
    return context;
  };
  try {
    const firstLoad = await measureFirstLoad(browser, url, monacoFiles(dist));
    const results: SizeResult[] = [];
    for (const size of SIZES) results.push(await measureSize(browser, url, size));

    console.log('\nJavaScript loaded before Monaco (first visit), gzip -9 per file:');
    printTable([
      ['file', 'raw', 'gzip'],
      ...firstLoad.files.map((f) => [f.name, kb(f.raw), kb(f.gzip)]),
      ['total', kb(firstLoad.total.raw), kb(firstLoad.total.gzip)],
    ]);
    if (!firstLoad.monacoRequested) console.log('(Monaco was never requested: the total is everything loaded)');

    console.log('\nmedians (ms); edit → YAML: keydown to Monaco model change / to the next animation frame');
    const header = ['', ...results.map((r) => `${r.size.toLocaleString('en')} steps`)];
    const row = (label: string, value: (r: SizeResult) => string) => [label, ...results.map(value)];
    const pair = (times: KeystrokeTiming[]) => `${ms(median(times.map((t) => t.model)))} / ${ms(median(times.map((t) => t.frame)))}`;
    printTable([
      header,
      row('import → canvas (files without positions: ELK layout)', (r) => ms(median(r.importLaidOut.map((t) => t.canvas)))),
      row('import → canvas (files with positions)', (r) => ms(median(r.importPositioned.map((t) => t.canvas)))),
      row('import → YAML (files with positions)', (r) => ms(median(r.importPositioned.map((t) => t.yaml)))),
      row('nodes in the DOM after import', (r) => String(r.importPositioned[0].nodesInDom)),
      row('edit → YAML, Memory limit → pipeline.yaml (shown)', (r) => pair(r.memory)),
      row('edit → YAML, Command → dag.yaml (pipeline.yaml shown)', (r) => pair(r.command)),
      row('edit → YAML, Command → dag.yaml (dag.yaml shown)', (r) => pair(r.commandDagTab)),
      row('edit → YAML, slowest Memory limit keystroke', (r) => ms(Math.max(...r.memory.map((t) => t.model)))),
    ]);
    console.log(`\n(${IMPORTS} imports per size and variant, ${KEYSTROKES} keystrokes per field; ${statSync(dist).isDirectory() ? dist : ''})`);
  } finally {
    await browser.close();
    process.kill(-server.pid!, 'SIGTERM');
    if (temporary) rmSync(dist, { recursive: true, force: true });
  }
}

await main();
