/**
 * Journeys 1 and 2: what a first visit shows, and drawing a pipeline on the canvas — palette drops,
 * next and on_failure edges drawn with the mouse — with the generated files following every edit.
 */
import { expect, test } from './fixtures';
import { canvas, drag, dropFiles, edge, EXAMPLE_STEPS, handle, open, palette, pollYaml, problems, SLOW, step, toolbar, yamlDocuments, yamlPane } from './designer';

const IMAGE = 'ghcr.io/acme/churn:1.4.0';

test('a first visit shows the example pipeline and its Kubeflow YAML', async ({ page }) => {
  await open(page);
  for (const [name, type] of EXAMPLE_STEPS) await expect(step(page, name, type)).toBeVisible();
  for (const [from, to] of [
    ['prepare data', 'train model'],
    ['train model', 'evaluate'],
    ['evaluate', 'publish'],
    ['publish', 'success'],
  ])
    await expect(edge(page, `next: ${from} → ${to}`)).toBeAttached();

  const pane = yamlPane(page);
  await expect(pane.getByRole('tab', { name: 'pipeline.yaml' })).toHaveAttribute('aria-selected', 'true');
  await expect(pane.getByRole('radio', { name: 'KFP v2' })).toBeChecked();
  await expect(pane).toContainText('components:');
  await expect(pane).toContainText(`image: ${IMAGE}`); // on screen, not only in the model

  // The whole file: a KFP v2 pipeline with one task and one container per step that runs, all in the example's image.
  const [spec, platform] = (await yamlDocuments(page, 'pipeline')) as any[];
  expect(spec.schemaVersion).toBe('2.1.0');
  expect(Object.keys(spec.root.dag.tasks)).toEqual(['prepare-data', 'train-model', 'evaluate', 'publish', 'success']);
  const executors = Object.entries(spec.deploymentSpec.executors) as [string, any][];
  expect(executors.map(([label]) => label)).toEqual(['exec-prepare-data', 'exec-train-model', 'exec-evaluate', 'exec-publish', 'exec-success']);
  for (const [, executor] of executors) expect(executor.container.image).toBe(IMAGE);
  expect(Object.keys(platform.platforms.kubernetes.deploymentSpec.executors)).toHaveLength(5);

  await expect(problems(page)).toContainText('0 errors, 0 warnings');
  await expect(toolbar(page).getByRole('button', { name: 'Undo' })).toBeDisabled();
});

test('two task steps dragged from the palette and connected with next and on_failure change the YAML', async ({ page }) => {
  await open(page);
  const addTask = palette(page).getByRole('button', { name: 'Add task step' });
  // HTML5 drag and drop into free space right of the example (Playwright's dragTo fires the drag events).
  await addTask.dragTo(canvas(page), { targetPosition: { x: 400, y: 150 } });
  await expect(step(page, 'task')).toBeVisible();
  await addTask.dragTo(canvas(page), { targetPosition: { x: 400, y: 330 } });
  await expect(step(page, 'task 2')).toBeVisible();

  // Put them on the way: publish → task → task 2 → success. Dropping on a node's body connects as on its handle.
  await drag(page, handle(page, 'next of publish'), step(page, 'task'));
  await expect(edge(page, 'next: publish → task')).toBeAttached();
  await expect(edge(page, 'next: publish → success')).toHaveCount(0); // a step has one next
  await drag(page, handle(page, 'next of task'), step(page, 'task 2'));
  await expect(edge(page, 'next: task → task 2')).toBeAttached();
  await drag(page, handle(page, 'next of task 2'), handle(page, 'into success'));
  await expect(edge(page, 'next: task 2 → success')).toBeAttached();

  // pipeline.yaml runs the new steps in that order…
  await pollYaml(page, 'pipeline', ([spec]) => spec.root.dag.tasks['task-2'].dependentTasks).toEqual(['task']);
  const [spec] = (await yamlDocuments(page, 'pipeline')) as any[];
  expect(Object.keys(spec.root.dag.tasks)).toEqual(expect.arrayContaining(['task', 'task-2']));
  expect(spec.root.dag.tasks.task.dependentTasks).toEqual(['publish']);
  expect(spec.root.dag.tasks.success.dependentTasks).toEqual(['task-2']);
  expect(spec.deploymentSpec.executors['exec-task-2'].container.image).toBe(IMAGE);
  // …and dag.yaml, the magnus file, has the edges as next.
  await pollYaml(page, 'dag', ([dag]) => dag.dag.steps['task 2']).toMatchObject({ type: 'task', next: 'success' });
  expect(((await yamlDocuments(page, 'dag')) as any[])[0].dag.steps.task).toMatchObject({ type: 'task', next: 'task 2' });

  // on_failure of task → the fail step.
  await drag(page, handle(page, 'on failure of task'), step(page, 'fail', 'fail'));
  await expect(edge(page, 'on failure: task → fail')).toBeAttached();
  await pollYaml(page, 'dag', ([dag]) => dag.dag.steps.task).toMatchObject({ next: 'task 2', on_failure: 'fail' });

  // KFP v2 (the default target) runs it too: `task` records its status, and the two ways out are
  // conditions on it (docs/composite-emission.md); nothing to fix, one note on what the UI shows.
  await pollYaml(page, 'pipeline', ([spec]) => spec.root.dag.tasks.fail?.triggerPolicy).toEqual({
    condition: "inputs.parameter_values['pipelinechannel--upstream-status'] == 'failed'",
  });
  const [v2] = (await yamlDocuments(page, 'pipeline')) as any[];
  expect(v2.root.dag.tasks['task-2'].triggerPolicy.condition).toContain("== 'succeeded'");
  expect(v2.components['comp-task'].outputDefinitions.parameters.status).toEqual({ parameterType: 'STRING' });
  await expect(problems(page)).toContainText('0 errors, 0 warnings');
  await expect(step(page, 'task').getByRole('img', { name: /problem/ })).toHaveCount(0);
  await problems(page).getByRole('checkbox', { name: /notes/i }).check();
  await expect(problems(page).getByRole('button', { name: /^note in step task: KFP v2 runs on_failure through status outputs/ })).toBeVisible();

  // KFP v1 (an Argo Workflow) expresses on_failure exactly: `fail` runs when `task` failed.
  await yamlPane(page).getByRole('radio', { name: 'KFP v1' }).check();
  await pollYaml(page, 'pipeline', ([workflow]) => workflow.kind).toBe('Workflow');
  const [workflow] = (await yamlDocuments(page, 'pipeline')) as any[];
  const tasks = workflow.spec.templates.find((t: any) => t.name === workflow.spec.entrypoint).dag.tasks as any[];
  const task = (name: string) => tasks.find((t) => t.name === name);
  expect(task('task-2')).toMatchObject({ depends: expect.stringContaining('task.Succeeded') });
  expect(task('fail')).toMatchObject({ depends: expect.stringContaining('task.Failed') });
});

// What is wrong with an edge (or a step: composites.spec, a dag step whose file no target can emit)
// is said on it when it is drawn, readable by assistive technology, not only in the Problems list.
test('an edge that something is wrong with says so in its accessible description, and stops once fixed', async ({ page }) => {
  await open(page);
  const cycle = 'dag:\n  start_at: a\n  steps:\n    a: {type: stub, next: b}\n    b: {type: stub, next: a}\n    success: {type: success}\n    fail: {type: fail}\n';
  await dropFiles(page, [{ name: 'cycle.yaml', text: cycle }]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toBeVisible(SLOW);
  await report.getByRole('button', { name: 'Close' }).click();
  const back = edge(page, 'next: b → a');
  await expect(back).toHaveAccessibleDescription(/error: the steps loop: `a` → `b` → `a`/);
  await expect(edge(page, 'next: a → b')).not.toHaveAccessibleDescription(/error/);
  await drag(page, handle(page, 'next of b'), handle(page, 'into success'));
  await expect(edge(page, 'next: b → success')).toHaveAccessibleDescription(/^Press enter or space to select an edge/);
  await expect(edge(page, 'next: b → success')).not.toHaveAccessibleDescription(/error/);
  await expect(back).toHaveCount(0);
});

