/**
 * The vouch against each rule of the full check, one edit at a time: emitted pipelines it vouches
 * for, each broken in one place a rule reads, must be refused — and the full check must find the
 * problem (else the edit tests nothing). The random mutations are kfp-v2-vouch.test.ts's; these
 * name every rule, so that a rule the vouch stops applying fails here by name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { emitPipeline } from '../emit/index';
import { transpile } from '../transpile';
import { checkKfpV2YamlInFull } from './kfp-v2';
import { vouchesForKfpV2, vouchRefusal } from './kfp-v2-vouch';
import { fnv1a } from './kfp-v2-vouch-table';

const CONFIG = readFileSync('test/fixtures/golden-input/train.config.yaml', 'utf8');

function emittedCorpus(file: string): string {
  const { text } = transpile(
    { dag: { path: 'pipeline/dag.yaml', text: readFileSync(`test/fixtures/corpus/${file}`, 'utf8') }, config: { path: 'pipeline/config.yaml', text: CONFIG } },
    { target: 'kfp-v2' },
  );
  if (text === undefined) throw new Error(`${file} did not transpile`);
  return text;
}

const TEXTS = {
  /** Retries, runtime values, secrets and volumes, placeholders in command and args. */
  generated: emitPipeline(generatePipeline(12), { target: 'kfp-v2' }).text,
  /** Trigger conditions, task outputs as inputs. */
  onFailure: emittedCorpus('0.12.0__examples__02-sequential__on_failure_fail.yaml'),
  /** Nested DAGs, loops, exit hooks (ALL_UPSTREAM_TASKS_COMPLETED). */
  nesting: emittedCorpus('0.5.0__examples__concepts__nesting.yaml'),
};

/**
 * 2^blocks distinct names whose FNV-1a hashes share their low 16 bits (so they share a slot in any
 * table of up to 65,536): blocks of two key characters, two per block that lead from the same low
 * bits of the hash to the same ones (which depend on nothing else), so any choice per block collides.
 */
function collidingNames(blocks: number): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';
  const step = (state: number, text: string) => {
    let hash = state;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return hash;
  };
  let state = step(0x811c9dc5, 't');
  const pairs: Array<[string, string]> = [];
  for (let b = 0; b < blocks; b++) {
    const seen = new Map<number, string>();
    for (let i = 0; pairs.length === b; i++) {
      const block = alphabet[i % 64] + alphabet[i >> 6];
      const low = step(state, block) & 0xffff;
      const other = seen.get(low);
      if (other === undefined) seen.set(low, block);
      else pairs.push([other, block]);
    }
    state = step(state, pairs[b][0]);
  }
  return pairs.reduce<string[]>((names, [a, b]) => names.flatMap((name) => [name + a, name + b]), ['t']);
}

/** `text` with the first occurrence of `from` (it must be there) made `to`. */
function edited(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`expected ${JSON.stringify(from)} in the text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe('the KFP v2 vouch (kfp-v2-vouch.ts)', () => {
  it.each(Object.entries(TEXTS))('vouches for the emitted %s pipeline, which the full check finds fine', (_, text) => {
    expect(checkKfpV2YamlInFull(text).problems).toEqual([]);
    expect(vouchRefusal(text)).toBeUndefined();
  });

  it('vouches for text past ASCII in quoted scalars and literal blocks, which the emitter writes for such names and descriptions', () => {
    const described = edited(TEXTS.onFailure, '  description: |-\n', '  description: |-\n    Entraînement du modèle — étape 1 😀\n');
    const named = edited(described, 'name: step_2\n', 'name: "étape 2 — ok"\n');
    expect(checkKfpV2YamlInFull(named).problems).toEqual([]);
    expect(vouchRefusal(named)).toBeUndefined();
  });

  const BROKEN: Array<[string, keyof typeof TEXTS, string, string]> = [
    ['an unsupported schemaVersion', 'generated', 'schemaVersion: 2.1.0', 'schemaVersion: 2.0.0'],
    ['an empty pipeline name', 'generated', '  name: magnus-dag\n', '  name: ""\n'],
    ['an executorLabel naming no executor', 'generated', 'executorLabel: exec-step-3\n', 'executorLabel: exec-step-x\n'],
    ['a componentRef naming no component', 'generated', 'name: comp-step-3\n', 'name: comp-step-x\n'],
    ['a dependency on no task', 'generated', '- step-3\n', '- step-x\n'],
    ['a dependency cycle', 'generated', '- step-3\n', '- step-5\n'],
    ['an input the component does not declare', 'generated', '            lr:\n              componentInputParameter: lr\n', '            lrx:\n              componentInputParameter: lr\n'],
    ['a componentInputParameter the pipeline does not declare', 'generated', 'componentInputParameter: lr\n', 'componentInputParameter: lrx\n'],
    ['a required input not supplied', 'generated', '            lr:\n              componentInputParameter: lr\n', ''],
    ['a placeholder naming no input', 'generated', `- "{{$.inputs.parameters['lr']}}"`, `- "{{$.inputs.parameters['lrx']}}"`],
    ['a platform executor with no executor', 'generated', '        exec-step-3:\n          imagePullPolicy', '        exec-step-x:\n          imagePullPolicy'],
    ['a key twice', 'generated', '          backoffFactor: 2\n', '          backoffFactor: 2\n          backoffFactor: 2\n'],
    ['a field the protos do not have', 'generated', 'maxRetryCount: 2\n', 'maxRetries: 2\n'],
    ['a value of the wrong type', 'generated', 'maxRetryCount: 2\n', 'maxRetryCount: two\n'],
    ['an int32 out of range', 'generated', 'maxRetryCount: 2\n', 'maxRetryCount: 2147483648\n'],
    ['a scalar YAML 1.1 reads otherwise', 'generated', 'description: generated pipeline of 12 steps', 'description: yes'],
    ['a lone surrogate (no UTF-8 for it)', 'generated', 'description: generated pipeline of 12 steps', 'description: "a\ud800b"'],
    ['two members of a oneof', 'generated', '            lr:\n              componentInputParameter: lr\n', '            lr:\n              componentInputParameter: lr\n              runtimeValue:\n                constant: x\n'],
    ['a third document', 'generated', '---\n', '---\nplatforms: {}\n---\n'],
    ['a producerTask naming no task', 'onFailure', 'producerTask: step-1\n        taskInfo:\n          name: step_2', 'producerTask: step-x\n        taskInfo:\n          name: step_2'],
    ['an output the producer does not declare', 'onFailure', 'outputParameterKey: status\n                producerTask: step-1\n        taskInfo:\n          name: step_2', 'outputParameterKey: state\n                producerTask: step-1\n        taskInfo:\n          name: step_2'],
    ['a condition reading no input of the task', 'onFailure', "condition: inputs.parameter_values['pipelinechannel--upstream-status'] == 'succeeded'", "condition: inputs.parameter_values['upstream'] == 'succeeded'"],
    ['a condition CEL cannot read', 'onFailure', "== 'succeeded'", "== 'succeeded' &&"],
    ['an exit hook waiting for two tasks', 'nesting', '            - outer-most-map-map-nested-parallel-branches\n', '            - outer-most-map-map-nested-parallel-branches\n            - outer-most-map-map-nested-parallel-fan-out\n'],
    ['a loop item the loop body does not declare', 'nesting', 'itemInput: pipelinechannel--outer-most-map-map-nested-parallel-a-inner-most-map-fan-out-iterate_on-loop-item\n', 'itemInput: pipelinechannel--x\n'],
    ['loop items from no input of the task', 'nesting', 'inputParameter: pipelinechannel--outer-most-map-map-nested-parallel-a-inner-most-map-fan-out-iterate_on\n', 'inputParameter: pipelinechannel--x\n'],
  ];

  it('leaves to the full check a text whose rules would cost more than a few lookups per byte', () => {
    /** `taskCount` tasks of one component of `inputCount` optional inputs. */
    const pipeline = (taskCount: number, inputCount: number) => {
      const inputs = Array.from({ length: inputCount }, (_, i) => `        i${i}:\n          isOptional: true\n          parameterType: STRING\n`).join('');
      const tasks = Array.from({ length: taskCount }, (_, i) => `      t${i}:\n        componentRef:\n          name: comp\n        taskInfo:\n          name: t\n`).join('');
      return (
        `components:\n  comp:\n    executorLabel: exec\n    inputDefinitions:\n      parameters:\n${inputs}` +
        `deploymentSpec:\n  executors:\n    exec:\n      container:\n        image: x\n` +
        `pipelineInfo:\n  name: p\nroot:\n  dag:\n    tasks:\n${tasks}schemaVersion: 2.1.0\n`
      );
    };
    // 2.25 million task-input pairs in ~0.3 MB.
    const costly = pipeline(1500, 1500);
    expect(checkKfpV2YamlInFull(costly).problems).toEqual([]);
    expect(vouchRefusal(costly)).toBe('a cross-reference rule');
    expect(vouchRefusal(pipeline(1500, 150))).toBeUndefined();
  });

  it('leaves to the full check a text whose names were chosen to share a slot of the names table', () => {
    const names = collidingNames(12);
    expect(new Set(names).size).toBe(4096);
    expect(new Set(names.map((name) => fnv1a(name) & 0xffff)).size).toBe(1);
    const tasks = names.map((name) => `      ${name}:\n        componentRef:\n          name: comp\n        taskInfo:\n          name: t\n`).join('');
    const text =
      'components:\n  comp:\n    executorLabel: exec\ndeploymentSpec:\n  executors:\n    exec:\n      container:\n        image: x\n' +
      `pipelineInfo:\n  name: p\nroot:\n  dag:\n    tasks:\n${tasks}schemaVersion: 2.1.0\n`;
    expect(checkKfpV2YamlInFull(text).problems).toEqual([]);
    // Each name would walk all those before it: past the probes' budget the vouch traps, and says "not known".
    expect(vouchesForKfpV2(text)).toBe(false);
    // Vouched for with names that do not collide.
    expect(vouchesForKfpV2(text.replace(/^( {6})t([^:\n]*):$/gm, (_, indent, rest, at: number) => `${indent}u${at}${rest.length}:`))).toBe(true);
  });

  it.each(BROKEN)('refuses %s, which the full check reports', (_, fixture, from, to) => {
    const text = edited(TEXTS[fixture], from, to);
    expect(checkKfpV2YamlInFull(text).problems).not.toEqual([]);
    expect(vouchesForKfpV2(text)).toBe(false);
  });
});
