import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { StepSettings } from '../model/step-settings';
import type { OverrideEntry, Pipeline } from '../model/types';
import { renderValue, yamlKey } from '../yaml/stringify';
import {
  componentOf,
  containerTask,
  executorOf,
  platformConfig,
  LaterSteps,
  prefixedKey,
  COMPONENT_TASK_INDENT,
  renderContainerTask,
  renderV2Container,
  SharedText,
  type V2ContainerJob,
} from './kfp-v2-container';
import { plannedVolumes } from './plan';

/**
 * The KFP v2 containers and root tasks are written as text straight from the job (kfp-v2-container.ts);
 * the YAML writer is the reference: for any job, the text must be what rendering its objects gives.
 */
const pipeline: Pipeline = generatePipeline(1);
const volumes = plannedVolumes(pipeline);
const stepSettings = new StepSettings(pipeline);

/** Words and names as odd as users can make them: quotes, colons, YAML keywords, line breaks. */
const oddText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('yes', 'null', '123', '1e3', '- x', 'a: b', '#c', "it's", '"q"', 'x\ny', 'x\n\n', ' lead', 'trail ', 'ünï', '{{$.inputs.parameters[\'run_id\']}}'),
);
const taskName = fc.oneof(fc.stringMatching(/^[a-z0-9][-a-z0-9]{0,20}$/), oddText);

const overrides: fc.Arbitrary<OverrideEntry[]> = fc.array(
  fc.oneof(
    fc.record({ key: fc.constantFrom('cpu_limit', 'memory_limit', 'memory_request', 'gpu_limit', 'image_pull_policy', 'docker_image'), value: oddText }),
    fc.record({ key: fc.constant('env'), value: fc.array(fc.record({ name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/), value: oddText }), { maxLength: 2 }) }),
    fc.record({
      key: fc.constant('secrets_from_k8s'),
      value: fc.array(fc.record({ env: fc.oneof(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/), oddText), ref: fc.oneof(fc.constantFrom('a:b', 'tok:value', 'x'), fc.tuple(oddText, oddText).map(([secret, key]) => `${secret}:${key}`)) }), {
        maxLength: 3,
      }),
    }),
    // The kfp-kubernetes config's other entries, which containers with different secrets share.
    fc.record({ key: fc.constant('node_selector'), value: fc.array(fc.record({ name: oddText, value: oddText }), { maxLength: 2 }) }),
    fc.record({
      key: fc.constant('tolerations'),
      value: fc.array(fc.record({ key: oddText, operator: fc.constantFrom('Equal', 'Exists'), value: oddText, effect: fc.constantFrom('NoSchedule', 'NoExecute'), tolerationSeconds: fc.constantFrom('60', '') }, { requiredKeys: [] }), { maxLength: 2 }),
    }),
    fc.record({ key: fc.constantFrom('active_deadline_seconds', 'image_pull_policy'), value: oddText }),
  ),
  { maxLength: 4 },
);

const job: fc.Arbitrary<V2ContainerJob> = fc
  .record({
    name: taskName,
    argv: fc.array(oddText, { maxLength: 6 }),
    kfp: overrides,
    exports: fc.array(fc.record({ env: oddText, input: oddText }), { maxLength: 2 }),
    inputs: fc.array(oddText, { maxLength: 3 }),
    outputsIterateOn: fc.boolean(),
    failsTheRun: fc.boolean(),
    recordsStatus: fc.option(fc.record({ attempts: fc.integer({ min: 1, max: 3 }) }), { nil: undefined }),
  })
  .map(({ kfp, recordsStatus, ...rest }) => ({
    ...rest,
    // Through StepSettings, as the emitters take them: some made from others with their own secrets (besidesSecrets).
    settings: stepSettings.of({ name: 's', type: 'task', command: 'c', kfp }),
    ...(recordsStatus ? { recordsStatus } : {}),
  }));

describe('KFP v2 text written straight from the job', () => {
  it('is the text the YAML writer renders from the container objects', () => {
    fc.assert(
      fc.property(fc.array(job, { minLength: 1, maxLength: 4 }), (jobs) => {
        // One SharedText for several jobs, as in an emission: what one job shares must not leak into another.
        const shared = new SharedText();
        for (const one of jobs) {
          const text = renderV2Container(shared, one, volumes);
          expect(text.component.text).toBe(renderValue(componentOf(one), 4).text);
          expect(text.executor.text).toBe(renderValue(executorOf(one), 6).text);
          expect(text.platform.text).toBe(renderValue(platformConfig(one.settings, volumes), 10).text);
        }
      }),
    );
  });

  it('of a step after the start (its own command, no inputs) is renderV2Container\'s and renderContainerTask\'s, each part with its key line', () => {
    const laterStep = fc.record({
      job: job.map((one) => ({ ...one, exports: [], inputs: [], outputsIterateOn: false, failsTheRun: false, recordsStatus: undefined })),
      word: oddText,
      retries: fc.integer({ min: 0, max: 3 }),
      backoff: fc.option(fc.record({ duration: fc.constantFrom('10s', '0s'), factor: fc.constantFrom(1.5, 2) }, { requiredKeys: [] }), { nil: undefined }),
      displayName: oddText,
      // Mostly the step written before, as in a linear pipeline.
      after: fc.oneof(fc.constant('the step before'), fc.option(taskName, { nil: undefined })),
    });
    const command = fc.array(oddText, { minLength: 1, maxLength: 6 }).chain((argv) => fc.tuple(fc.constant(argv), fc.nat({ max: argv.length - 1 })));
    fc.assert(
      fc.property(fc.boolean(), command, fc.array(laterStep, { minLength: 1, maxLength: 5 }), (caching, [argv, index], steps) => {
        const shared = new SharedText();
        const later = new LaterSteps(shared, argv, index, caching);
        let before: string | undefined;
        for (const { job: one, word, retries, backoff: someBackoff, displayName, after: someAfter } of steps) {
          const after = someAfter === 'the step before' ? before : someAfter;
          const backoff = retries > 0 ? someBackoff : undefined;
          const text = later.render({ name: one.name, word, settings: one.settings, retries, backoff, displayName, after }, volumes);
          const container = renderV2Container(new SharedText(), { ...one, argv: argv.map((w, i) => (i === index ? word : w)) }, volumes);
          const task = renderContainerTask(new SharedText(), one.name, { retries, backoff, caching, displayName, inputs: {}, dependentTasks: after === undefined ? [] : [after] });
          expect(text.component).toBe(`  ${prefixedKey('comp-', one.name)}:${container.component.text}`);
          expect(text.executor).toBe(`    ${prefixedKey('exec-', one.name)}:${container.executor.text}`);
          expect(text.task).toBe(`      ${yamlKey(one.name)}:\n${task}`);
          expect(text.platformKey + text.platform).toBe(`        ${prefixedKey('exec-', one.name)}:${container.platform.text}`);
          before = one.name;
        }
      }),
    );
  });

  it('is the text the YAML writer renders from a container task, at the root and in a DAG component', () => {
    const options = fc.record({
      retries: fc.integer({ min: 0, max: 3 }),
      caching: fc.boolean(),
      displayName: oddText,
      inputs: fc.dictionary(oddText, fc.record({ componentInputParameter: oddText }), { maxKeys: 3 }),
      dependentTasks: fc.array(taskName, { maxLength: 2 }),
      backoff: fc.option(fc.record({ duration: fc.constantFrom('10s', '0s'), factor: fc.constantFrom(1.5, 2) }, { requiredKeys: [] }), { nil: undefined }),
      triggerPolicy: fc.option(fc.record({ condition: oddText }), { nil: undefined }),
    });
    fc.assert(
      // One SharedText for tasks at both indentations, as one emission writes them: a piece kept at one is not the other's.
      fc.property(fc.array(fc.tuple(taskName, options, fc.constantFrom(8, COMPONENT_TASK_INDENT)), { minLength: 1, maxLength: 6 }), (tasks) => {
        const shared = new SharedText();
        for (const [name, task, at] of tasks) expect(`\n${renderContainerTask(shared, name, task, at)}`).toBe(renderValue(containerTask(name, task), at).text);
      }),
    );
  });
});
