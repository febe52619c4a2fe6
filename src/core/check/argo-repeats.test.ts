import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { argoWorkflowAjv } from '../../../scripts/precompile-checkers.ts';
import { generateNestedPipeline, generateOnFailurePipeline, generatePipeline } from '../../../bench/generate.ts';
import { emitPipeline } from '../emit/index.ts';
import { checkArgoWorkflow } from './argo.ts';
import validateWorkflow from './generated/argo-workflow-validator.js';
import { parseYamlDocuments } from './yaml-documents.ts';

/**
 * The block reader gives a block that repeats as one object, and the Argo check validates and walks
 * such an object once where it finds nothing wrong with it (argo-walk.ts, argo-template-rules.ts, the
 * generated validator's validOnce). These hold the check of emitted workflows, changed in place (so
 * at every place sharing the object) or at one place only, to the check of the same document with
 * nothing shared, and the generated validator to ajv's own.
 */

/** Tests change documents freely, into shapes no type would allow. */
type Doc = any;

const OUTPUTS = [
  emitPipeline(generatePipeline(12), { target: 'argo' }).text,
  emitPipeline(generatePipeline(8), { target: 'kfp-v1' }).text,
  emitPipeline(generateNestedPipeline(6), { target: 'argo' }).text,
  emitPipeline(generateOnFailurePipeline(6), { target: 'argo' }).text,
].map(String);

const read = (text: string): Doc => parseYamlDocuments(text).docs![0];
const unshared = (doc: Doc): Doc => JSON.parse(JSON.stringify(doc));

interface Place {
  parent: Doc;
  key: string | number;
  value: Doc;
}

function places(doc: Doc): Place[] {
  const out: Place[] = [];
  const walk = (parent: Doc, key: string | number, value: Doc) => {
    out.push({ parent, key, value });
    if (Array.isArray(value)) value.forEach((item, i) => walk(value, i, item));
    else if (typeof value === 'object' && value !== null) for (const k of Object.keys(value)) walk(value, k, value[k]);
  };
  walk(undefined, '', doc);
  return out;
}

const STRINGS = [
  '',
  'Hello World',
  'a'.repeat(64),
  '1st',
  'Sometimes',
  'OnCrash',
  'Always',
  'step-1',
  'success',
  'executor-0',
  'run-log-store',
  'AWS_KEY',
  '{{workflow.parameters.nope}}',
  '{{workflow.parameters.lr}}',
  '{{inputs.parameters.x}}',
  '{{tasks.step-1.outputs.parameters.y}}',
  '{{tasks.nope.outputs.result}}',
  '{{item}}',
  'step-1.Succeeded || step-2.AnySucceeded',
  'step-1 && (',
  'my param',
  '2Gi',
];
const KEYS = ['name', 'template', 'templateRef', 'dependencies', 'depends', 'arguments', 'inputs', 'imagePullPolicy', 'retryStrategy', 'retryPolicy', 'volumeMounts', 'volumes', 'env', 'withItems', 'value', 'retries', 'image'];

/** A value for an edit: a string that breaks a rule, a number, a list or a mapping holding one. */
function valueOf(choice: number): unknown {
  const text = STRINGS[choice % STRINGS.length];
  switch (Math.floor(choice / STRINGS.length) % 6) {
    case 0:
    case 1:
      return text;
    case 2:
      return choice % 3;
    case 3:
      return [text];
    case 4:
      return { name: text };
    default:
      return { name: text, value: text, retryPolicy: text };
  }
}

/** `choice` picks what to do to `value` (a mapping or list: delete, set or add an item; else replace it). */
function edit(place: Place, choice: number): void {
  const { value } = place;
  const what = choice % 4;
  const next = Math.floor(choice / 4);
  if (Array.isArray(value)) {
    if (what === 0 && value.length > 0) value.splice(next % value.length, 1);
    else if (what === 1 && value.length > 0) value.push(structuredClone(value[next % value.length]));
    else value.push(valueOf(next));
  } else if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (what === 0 && keys.length > 0) delete value[keys[next % keys.length]];
    else if (what === 1 && keys.length > 0) value[keys[next % keys.length]] = valueOf(next);
    else value[KEYS[next % KEYS.length]] = valueOf(next);
  } else if (place.parent !== undefined) place.parent[place.key] = valueOf(choice);
}

const edits = fc.array(fc.record({ at: fc.nat(), choice: fc.nat(), here: fc.boolean() }), { minLength: 1, maxLength: 3 });

/** An emitted workflow read by the block reader (repeated blocks shared), changed by `changes`. */
function changed(output: number, changes: Array<{ at: number; choice: number; here: boolean }>): Doc {
  const doc = read(OUTPUTS[output]);
  for (const { at, choice, here } of changes) {
    const all = places(doc);
    const place = all[at % all.length];
    if (here && place.parent !== undefined) {
      // At this place only: the object is replaced by a copy, which is changed.
      const copy = structuredClone(place.value);
      place.parent[place.key] = copy;
      edit({ ...place, value: copy }, choice);
    } else edit(place, choice);
  }
  return doc;
}

describe('the Argo check of a workflow whose repeated blocks are one object', () => {
  it('reads emitted workflows with repeats shared', () => {
    const { templates } = read(OUTPUTS[0]).spec;
    expect(templates[2].volumes).toBe(templates[3].volumes);
    expect(templates[2].container.volumeMounts).toBe(templates[3].container.volumeMounts);
  });

  it('finds the problems a document with nothing shared has, after changes in place or at one place', () => {
    fc.assert(
      fc.property(fc.nat(OUTPUTS.length - 1), edits, (output, changes) => {
        const doc = changed(output, changes);
        expect(checkArgoWorkflow(doc)).toEqual(checkArgoWorkflow(unshared(doc)));
      }),
      { numRuns: 300 },
    );
  });

  it('reports a change to one of many shared blocks at that block only', () => {
    const doc = read(OUTPUTS[0]);
    const { templates } = doc.spec;
    templates[4].volumes = structuredClone(templates[4].volumes);
    templates[4].volumes.push({ name: 'executor-0', emptyDir: {} });
    templates[5].container.env = [...templates[5].container.env, { name: 'AWS_KEY', value: '{{workflow.parameters.nope}}' }];
    const { problems } = checkArgoWorkflow(doc);
    const env = templates[5].container.env.length - 1;
    expect(problems).toEqual([
      {
        path: `/spec/templates/5/container/env/${env}/value`,
        message: expect.stringContaining('workflow parameter "nope"'),
      },
      { path: '/spec/templates/4/volumes/2/name', message: 'volume name "executor-0" is used more than once' },
      { path: `/spec/templates/5/container/env/${env}/name`, message: 'env var name "AWS_KEY" is used more than once' },
    ]);
  });
});

describe('the generated Argo validator (validOnce)', () => {
  let ajvValidate: Awaited<ReturnType<typeof argoWorkflowAjv>>['validate'];
  beforeAll(async () => {
    ajvValidate = (await argoWorkflowAjv()).validate;
  }, 30_000);

  it('gives the verdict and errors of ajv compiling the schema, on changed emitted workflows', () => {
    fc.assert(
      fc.property(fc.nat(OUTPUTS.length - 1), edits, (output, changes) => {
        const doc = changed(output, changes);
        const valid = validateWorkflow(doc);
        expect(valid).toBe(ajvValidate(doc));
        expect(validateWorkflow.errors ?? null).toEqual(ajvValidate.errors ?? null);
      }),
      { numRuns: 300 },
    );
  });
});
