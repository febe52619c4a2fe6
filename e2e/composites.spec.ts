/**
 * Parallel, map and nested-dag steps as groups on the canvas, driven as a user would: built from
 * the palette (into branches too), wired inside lanes, collapsed and expanded by button and
 * keyboard, moved between graphs; corpus pipelines imported with their nested dag file and drawn
 * as groups; the YAML of every target seen and downloaded. The model is read through the app's
 * test hook (`window.__designer`), Monaco's models through `globalThis.__monaco`.
 */
import { readFileSync } from 'node:fs';
import type { Pipeline, Step } from '../src/core/model/types';
import { canvas, centre, corpusPath, drag, edge, problems, SLOW, step, toolbar, yamlPane } from './designer';
import { expect, test, type Page } from './fixtures';

const NESTED_PARALLEL = '0.4.19__tests__scenarios__archive__test_dag_nested_parallel.yaml';
const ITS_NESTED_FILE = '0.4.19__tests__scenarios__archive__test_dag_parallel_as_is.yaml';
const NESTED_PATH = 'tests/scenarios/test_dag_parallel_as_is.yaml';
const MAP = '0.5.0__examples__concepts__map.yaml';

type Hooks = {
  __designer: { getState(): { history: { present: Pipeline; past: unknown[] }; selection: string[] } };
  __monaco?: { Uri: { parse(uri: string): unknown }; editor: { getModel(uri: unknown): { getValue(): string } | null } };
};

const lane = (page: Page, name: string) => canvas(page).getByRole('group', { name, exact: true });
/** Steps of different branches share names; React Flow's node id is the step's path. */
const node = (page: Page, path: string) => canvas(page).locator(`.react-flow__node[data-id="${path}"]`);
const handle = (page: Page, path: string, label: string) => node(page, path).getByLabel(label, { exact: true });

const model = (page: Page): Promise<Pipeline> => page.evaluate(() => (window as unknown as Hooks).__designer.getState().history.present);
const undoSteps = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as Hooks).__designer.getState().history.past.length);
function find(pipeline: Pipeline, path: string): Step | undefined {
  const walk = (steps: Step[], prefix: string): Step | undefined => {
    for (const s of steps) {
      const here = prefix === '' ? s.name : `${prefix}.${s.name}`;
      if (here === path) return s;
      const inner =
        s.type === 'parallel'
          ? s.branches.map((b) => walk(b.graph.steps, `${here}.${b.name}`)).find(Boolean)
          : s.type === 'map'
            ? walk(s.branch.steps, `${here}.map_variable_placeholder`)
            : s.type === 'dag' && s.graph
              ? walk(s.graph.steps, `${here}.dag`)
              : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(pipeline.dag.steps, '');
}
const modelStep = async (page: Page, path: string) => find(await model(page), path);

/** The text of a tab's Monaco model (the whole file; the screen shows only the visible lines). */
const modelText = (page: Page, tab: string) =>
  page.evaluate((uri) => {
    const monaco = (globalThis as unknown as Hooks).__monaco;
    return monaco?.editor.getModel(monaco.Uri.parse(uri))?.getValue() ?? '';
  }, `file:///${tab}`);

async function fitView(page: Page) {
  await page.getByRole('button', { name: 'Fit view', exact: true }).click();
  await page.waitForTimeout(300);
}

/** Imports corpus files through the dialog; a missing nested dag file gets `nested` (or is skipped). */
async function importCorpus(page: Page, files: string[], nested?: string) {
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
  await dialog.getByLabel('Choose files').setInputFiles(files.map(corpusPath));
  const report = page.getByRole('dialog', { name: 'Import report' });
  const picker = dialog.getByLabel(`Choose file for ${NESTED_PATH}`, { exact: true });
  await expect(picker.or(report)).toBeVisible(SLOW);
  if (await picker.isVisible()) {
    if (nested !== undefined) await picker.setInputFiles(corpusPath(nested));
    else await dialog.getByRole('button', { name: 'Import without them' }).click();
  }
  await expect(report).toBeVisible(SLOW);
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(report).toBeHidden();
}

test.use({ viewport: { width: 1920, height: 1080 } });

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(step(page, 'prepare data', 'task')).toBeVisible();
});

test('a parallel step of two branches, a map and an on_failure edge are built on the canvas; groups collapse and expand', async ({ page }) => {
  test.setTimeout(180_000); // a whole pipeline built with the mouse, then its YAML read in all three targets
  await toolbar(page).getByRole('button', { name: 'New pipeline' }).click();
  await page.getByRole('dialog', { name: 'Discard current pipeline?' }).getByRole('button', { name: 'Create new pipeline' }).click();
  await expect(step(page, 'hello', 'task')).toBeVisible();

  // A parallel step from the palette: a group with a lane per branch, each laid out with its steps.
  await page.getByRole('button', { name: 'Add parallel step' }).click();
  await expect(step(page, 'parallel', 'parallel')).toBeVisible();
  await expect(lane(page, 'Branch branch_1 of parallel')).toBeVisible();
  await expect(lane(page, 'Branch branch_2 of parallel')).toBeVisible();
  await expect(node(page, 'parallel.branch_1.step')).toBeVisible();
  await expect(node(page, 'parallel.branch_2.step')).toBeVisible();
  await expect(step(page, 'parallel', 'parallel')).toContainText('2 branches');
  await fitView(page);

  // A task dropped from the palette onto the first lane goes into that branch.
  const branch1 = lane(page, 'Branch branch_1 of parallel');
  const box = (await branch1.boundingBox())!;
  await page.getByRole('button', { name: 'Add task step' }).dragTo(branch1, { targetPosition: { x: box.width * 0.78, y: box.height * 0.35 } });
  await expect(step(page, 'task', 'task')).toBeVisible();
  expect(await modelStep(page, 'parallel.branch_1.task')).toMatchObject({ type: 'task' });
  await expect(node(page, 'parallel.branch_1.task')).toBeVisible();
  await fitView(page);

  // Wired inside the lane: step → task → success, and task's on_failure into the branch's fail.
  await drag(page, handle(page, 'parallel.branch_1.step', 'next of step'), handle(page, 'parallel.branch_1.task', 'into task'));
  await expect(edge(page, 'next: step → task (in Branch branch_1 of parallel)')).toBeAttached();
  await drag(page, handle(page, 'parallel.branch_1.task', 'next of task'), handle(page, 'parallel.branch_1.success', 'into success'));
  await expect(edge(page, 'next: task → success (in Branch branch_1 of parallel)')).toBeAttached();
  await drag(page, handle(page, 'parallel.branch_1.task', 'on failure of task'), handle(page, 'parallel.branch_1.fail', 'into fail'));
  const failureEdge = edge(page, 'on failure: task → fail (in Branch branch_1 of parallel)');
  await expect(failureEdge).toBeAttached();
  await expect(failureEdge).toHaveClass(/edge-on-failure/);
  expect(await modelStep(page, 'parallel.branch_1.task')).toMatchObject({ next: 'success', on_failure: 'fail' });

  // A map below it, and the pipeline's own chain through both groups.
  await canvas(page).locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.getByRole('button', { name: 'Add map step' }).click();
  await expect(step(page, 'map', 'map')).toBeVisible();
  await expect(lane(page, 'Branch of map')).toContainText('over items as item');
  await expect(node(page, 'map.map_variable_placeholder.step')).toBeVisible();
  await fitView(page);
  // Each was added at the end of the chain, before success: hello → parallel → map → success.
  for (const name of ['next: hello → parallel', 'next: parallel → map', 'next: map → success']) await expect(edge(page, name)).toBeAttached();
  // KFP v2 (the default target) runs on_failure too, through a status output and conditions (docs/composite-emission.md).
  await expect(problems(page)).toContainText('0 errors');

  // Collapsing is a view matter: the lanes and inner steps go, the model and the undo history stay.
  const before = await model(page);
  const history = await undoSteps(page);
  await step(page, 'parallel', 'parallel').getByRole('button', { name: 'Collapse parallel' }).click();
  await expect(lane(page, 'Branch branch_1 of parallel')).toHaveCount(0);
  await expect(node(page, 'parallel.branch_1.task')).toHaveCount(0);
  await expect(step(page, 'parallel', 'parallel')).toContainText('2 branches');
  await expect(edge(page, 'next: hello → parallel')).toBeAttached();
  expect(await undoSteps(page)).toBe(history);
  expect(await model(page)).toEqual(before);
  // The keyboard: + expands the focused group, - collapses it.
  await step(page, 'parallel', 'parallel').focus();
  await page.keyboard.press('+');
  await expect(lane(page, 'Branch branch_2 of parallel')).toBeVisible();
  await expect(step(page, 'task', 'task')).toBeVisible();
  await page.keyboard.press('-');
  await expect(lane(page, 'Branch branch_2 of parallel')).toHaveCount(0);
  await step(page, 'parallel', 'parallel').getByRole('button', { name: 'Expand parallel' }).click();
  await expect(lane(page, 'Branch branch_1 of parallel')).toBeVisible();
  await expect(step(page, 'parallel', 'parallel').getByRole('button', { name: 'Collapse parallel' })).toHaveAttribute('aria-expanded', 'true');
  expect(await undoSteps(page)).toBe(history);

  // The generated YAML in all three targets (docs/composite-emission.md), and its download.
  const targets = yamlPane(page).getByRole('radiogroup', { name: 'Target' });
  for (const target of ['KFP v1', 'Argo']) {
    await targets.getByRole('radio', { name: target }).check();
    await expect(problems(page)).toContainText('0 errors');
    await expect.poll(() => modelText(page, 'pipeline.yaml'), SLOW).toContain('name: magnus-dag');
    const text = await modelText(page, 'pipeline.yaml');
    expect(text).toContain('kind: Workflow');
    expect(text).toContain('failFast: false');
    for (const task of ['parallel-fan-out', 'parallel-fan-in', 'map-fan-out', 'map-fan-in', 'map-map']) expect(text).toContain(`name: ${task}`);
    expect(text).toContain('withParam: "{{tasks.map-fan-out.outputs.parameters.iterate-on}}"');
    expect(text).toMatch(/depends: "?parallel-branch-1-task\.Failed"?/);
    const [download] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: 'Download pipeline.yaml' }).click()]);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(text);
  }
  // KFP v2: the branch's task records its status; its on_failure into the branch's fail step is a
  // condition on it, and the parallel's fan-in waits for one task, once all branches ended.
  await targets.getByRole('radio', { name: 'KFP v2' }).check();
  await expect(problems(page)).toContainText('0 errors');
  await expect.poll(() => modelText(page, 'pipeline.yaml'), SLOW).toContain('comp-parallel');
  const v2 = await modelText(page, 'pipeline.yaml');
  expect(v2).toContain('schemaVersion: 2.1.0');
  expect(v2).toContain("condition: inputs.parameter_values['pipelinechannel--upstream-status'] == 'failed'");
  expect(v2).toContain('strategy: ALL_UPSTREAM_TASKS_COMPLETED');
  expect(v2).toContain('parameterIterator:');
  // The edge can be deleted from the keyboard; the condition goes with it.
  await failureEdge.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(failureEdge).toHaveCount(0);
  await expect.poll(() => modelText(page, 'pipeline.yaml'), SLOW).not.toContain("== 'failed'");
  const withoutEdge = await modelText(page, 'pipeline.yaml');
  const [download] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: 'Download pipeline.yaml' }).click()]);
  expect(readFileSync((await download.path())!, 'utf8')).toBe(withoutEdge);
});

test('steps move into and out of branches by dragging, one undo step each, losing their edges with a notice', async ({ page }) => {
  await page.getByRole('button', { name: 'Add parallel step' }).click();
  await expect(node(page, 'parallel.branch_2.step')).toBeVisible();
  await fitView(page);
  const history = await undoSteps(page);

  // `evaluate` (train model → evaluate → publish) dropped onto the second lane.
  const target = lane(page, 'Branch branch_2 of parallel');
  const box = (await target.boundingBox())!;
  await drag(page, step(page, 'evaluate', 'task'), { x: box.x + box.width * 0.75, y: box.y + box.height * 0.4 });
  await expect(node(page, 'parallel.branch_2.evaluate')).toBeVisible();
  expect(await modelStep(page, 'evaluate')).toBeUndefined();
  expect(await modelStep(page, 'parallel.branch_2.evaluate')).toMatchObject({ type: 'task' });
  expect(await modelStep(page, 'train model')).not.toHaveProperty('next');
  await expect(page.getByRole('status').filter({ hasText: 'Moved `evaluate` into Branch branch_2 of parallel' })).toContainText(
    'these were removed: next: train model → evaluate, next: evaluate → publish',
  );
  expect(await undoSteps(page)).toBe(history + 1);

  // Out again onto the pipeline's own graph (its inner steps' positions travel with a group the same way).
  await fitView(page);
  // Below the group and the success and fail steps added before it moved down: on the canvas
  // (away from its edges, where a drag pans), in no lane.
  const parallelBox = (await step(page, 'parallel', 'parallel').boundingBox())!;
  const belowGroup = { x: parallelBox.x + parallelBox.width / 2, y: parallelBox.y + parallelBox.height + 150 };
  await drag(page, node(page, 'parallel.branch_2.evaluate'), belowGroup);
  await expect(step(page, 'evaluate', 'task')).toBeVisible();
  expect(await modelStep(page, 'parallel.branch_2.evaluate')).toBeUndefined();
  expect(await modelStep(page, 'evaluate')).toMatchObject({ type: 'task' });

  // A success step stays in its graph: refused with a reason, and back where it was.
  await fitView(page);
  const success = node(page, 'parallel.branch_1.success');
  const start = await centre(success);
  const group = (await step(page, 'parallel', 'parallel').boundingBox())!;
  await drag(page, success, { x: group.x + group.width / 2, y: group.y + group.height + 45 });
  await expect(page.getByRole('status').filter({ hasText: 'ends its own graph and cannot move to another one' })).toBeVisible();
  expect(await modelStep(page, 'parallel.branch_1.success')).toBeDefined();
  await expect.poll(async () => centre(success)).toEqual(start);

  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(step(page, 'evaluate', 'task')).toBeVisible();
  expect(await modelStep(page, 'train model')).toMatchObject({ next: 'evaluate' });
});

test('a pipeline with a nested dag file imports with that file chosen, drawn as nested groups, and downloads it', async ({ page }) => {
  await importCorpus(page, [NESTED_PARALLEL], ITS_NESTED_FILE);

  await expect(step(page, 'step_parallel_within_dag', 'dag')).toBeVisible();
  await expect(lane(page, 'Branch of step_parallel_within_dag')).toContainText(NESTED_PATH);
  // The nested file's own parallel, two branches, inside the dag's lane.
  await expect(step(page, 'step2', 'parallel')).toBeVisible();
  await expect(lane(page, 'Branch branch_1 of step2')).toBeVisible();
  await expect(lane(page, 'Branch branch_2 of step2')).toBeVisible();
  // A parallel in a parallel, and a parallel in a map: groups two levels deep.
  await expect(step(page, 'step_parallel_within_parallel', 'parallel')).toBeVisible();
  await expect(lane(page, 'Branch branch_1 of step_parallel_within_parallel')).toBeVisible();
  await expect(lane(page, 'Branch of step_parallel_within_map')).toContainText('over map_variable_test as dummy_iter');
  await expect(lane(page, 'Branch branch_1 of step_1')).toHaveCount(2);
  await expect(node(page, 'step_parallel_within_parallel.branch_1.step_1.branch_1.step_1')).toBeVisible();
  await expect(node(page, 'step_parallel_within_map.map_variable_placeholder.step_1.branch_1.step_1')).toBeVisible();

  // Collapsing the outer group hides everything inside it, at every depth.
  await step(page, 'step_parallel_within_parallel', 'parallel').getByRole('button', { name: 'Collapse step_parallel_within_parallel' }).click();
  await expect(node(page, 'step_parallel_within_parallel.branch_1.step_1')).toHaveCount(0);
  await expect(lane(page, 'Branch branch_1 of step_1')).toHaveCount(1);

  // The nested file downloads beside dag.yaml.
  await toolbar(page).getByRole('button', { name: 'Magnus files' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: `Download ${NESTED_PATH}` }).click()]);
  expect(download.suggestedFilename()).toBe('test_dag_parallel_as_is.yaml');
  const nestedText = readFileSync((await download.path())!, 'utf8');
  expect(nestedText).toContain('step2:');
  expect(nestedText).toContain('type: parallel');

  // Without the nested file the dag step says so and has nothing to expand.
  await importCorpus(page, [NESTED_PARALLEL]);
  await expect(page.getByRole('dialog', { name: 'Import report' })).toBeHidden();
  await expect(step(page, 'step_parallel_within_dag', 'dag')).toContainText('(not loaded)');
  await expect(step(page, 'step_parallel_within_dag', 'dag').getByRole('button')).toHaveCount(0);
  // No target can emit it: the step says so when drawn, to assistive technology too, not only the YAML pane.
  await expect(step(page, 'step_parallel_within_dag', 'dag')).toHaveAccessibleDescription(/error: the nested pipeline .* cannot be emitted; import it together with its dag file/);
  await toolbar(page).getByRole('button', { name: 'Magnus files' }).click();
  await expect(toolbar(page).getByRole('button', { name: 'Download dag.yaml' })).toBeVisible();
  await expect(toolbar(page).getByRole('button', { name: `Download ${NESTED_PATH}` })).toHaveCount(0);
});

test('a map pipeline imports as a map group, and its YAML is generated for every target', async ({ page }) => {
  await importCorpus(page, [MAP]);
  await expect(step(page, 'iterate and execute', 'map')).toBeVisible();
  const branch = lane(page, 'Branch of iterate and execute');
  await expect(branch).toContainText('over chunks as start_index');
  await expect(node(page, 'iterate and execute.map_variable_placeholder.execute')).toBeVisible();
  await expect(edge(page, 'next: execute → success (in Branch of iterate and execute)')).toBeAttached();
  await expect(edge(page, 'next: chunk files → iterate and execute')).toBeAttached();

  const targets = yamlPane(page).getByRole('radiogroup', { name: 'Target' });
  await targets.getByRole('radio', { name: 'Argo' }).check();
  await expect.poll(() => modelText(page, 'pipeline.yaml'), SLOW).toContain('withParam: "{{tasks.iterate-and-execute-fan-out.outputs.parameters.iterate-on}}"');
  await targets.getByRole('radio', { name: 'KFP v1' }).check();
  await expect.poll(() => modelText(page, 'pipeline.yaml'), SLOW).toContain('name: iterate-and-execute-fan-in');
  await targets.getByRole('radio', { name: 'KFP v2' }).check();
  await expect.poll(() => modelText(page, 'pipeline.yaml'), SLOW).toContain('parameterIterator:');
});
