/**
 * Journeys 1 and 2: what a first visit shows, and drawing a pipeline on the canvas — palette drops,
 * next and on_failure edges drawn with the mouse — with the generated files following every edit.
 */
import { expect, test } from './fixtures';
import { canvas, drag, edge, EXAMPLE_STEPS, handle, open, palette, pollYaml, problems, step, toolbar, yamlDocuments, yamlPane } from './designer';

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

  // KFP v2 has no trigger that waits for a failure: the emitter refuses rather than emit another
  // pipeline, and the Problems list says why, on the step and field that caused it.
  const refusal = problems(page).getByRole('button', { name: /^error in step task: .*\bfail\b.*\(on_failure\)$/ });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('KFP v2');
  await expect(step(page, 'task').getByRole('img', { name: '1 problem' })).toBeVisible();
  await expect(yamlPane(page).getByText('1 error — fix it to download')).toBeVisible();

  // KFP v1 (an Argo Workflow) expresses on_failure exactly: `fail` runs when `task` failed.
  await yamlPane(page).getByRole('radio', { name: 'KFP v1' }).check();
  await expect(refusal).toHaveCount(0);
  await pollYaml(page, 'pipeline', ([workflow]) => workflow.kind).toBe('Workflow');
  const [workflow] = (await yamlDocuments(page, 'pipeline')) as any[];
  const tasks = workflow.spec.templates.find((t: any) => t.name === workflow.spec.entrypoint).dag.tasks as any[];
  const task = (name: string) => tasks.find((t) => t.name === name);
  expect(task('task-2')).toMatchObject({ depends: expect.stringContaining('task.Succeeded') });
  expect(task('fail')).toMatchObject({ depends: expect.stringContaining('task.Failed') });
});

// The pane must not show — nor Copy copy — a KFP v2 spec without the on_failure edge: that would
// be a different pipeline, in which the on_failure target runs unconditionally.
test('while KFP v2 refuses on_failure, pipeline.yaml shows no KFP v2 pipeline', async ({ page }) => {
  await open(page);
  await drag(page, handle(page, 'on failure of evaluate'), step(page, 'fail', 'fail'));
  await expect(edge(page, 'on failure: evaluate → fail')).toBeAttached();
  await expect(problems(page).getByRole('button', { name: /^error in step evaluate: .*\(on_failure\)$/ })).toBeVisible();
  await expect(yamlPane(page)).toContainText('cannot be generated until the errors listed under Problems are fixed');
});
