import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Composer, Parser } from 'yaml';
import { checkKfpV2YamlInFull } from './kfp-v2.ts';
import { plainScalarClass, vouchesForKfpV2 } from './kfp-v2-vouch.ts';
import { changedLines } from './kfp-v2-lines-test-support.ts';
import { scalarFromCharacters, TRICKY_SCALARS } from './kfp-v2-mutation-words-test-support.ts';
import { mutatedTexts, type MutatedText } from './kfp-v2-mutations-test-support.ts';
import { baseTexts, corpusTexts, emittedText, outsideTheVouch, type NamedText } from './kfp-v2-texts-test-support.ts';

/**
 * The vouch (a fast "surely valid", compiled to WebAssembly) stands in for the full check of every
 * pipeline it vouches for, so it must never vouch for a text the full check faults (soundness, over
 * mutated texts), and should vouch for what our emitter writes within its layout (coverage).
 */

const BASES = baseTexts();
const inScope = (base: NamedText) => outsideTheVouch(base.text) === undefined;

function explain(sample: MutatedText, problems: unknown[]): string {
  const base = BASES.find((b) => b.name === sample.base)!;
  return [
    `vouched for ${sample.base} after ${JSON.stringify(sample.mutations)}:`,
    changedLines(base.text, sample.text),
    'but the full check finds:',
    JSON.stringify(problems, null, 2),
  ].join('\n');
}

describe('the vouch is sound: it vouches for no text the full check faults', () => {
  it('over emitted, corpus and fixture texts with line-level mutations', () => {
    fc.assert(
      fc.property(mutatedTexts(BASES, inScope), (sample) => {
        if (!vouchesForKfpV2(sample.text)) return;
        const { problems } = checkKfpV2YamlInFull(sample.text);
        expect(problems, explain(sample, problems)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  /**
   * What the soundness test is worth: the mutations it draws must reach each rule of the full check
   * the vouch has to know (not only the YAML syntax). Drawn from a fixed seed: this measures the
   * generator, it is not a property.
   */
  it('draws mutations that reach every rule the vouch must know', () => {
    const RULES = [
      'YAML syntax error',
      'by YAML 1.1 parsers',
      'would be read differently by YAML 1.1 parsers',
      'expected at most 2 YAML documents',
      'expected a PipelineSpec document',
      'must be a YAML mapping',
      'is unknown',
      'oneof set multiple times',
      'cannot decode enum',
      'cannot decode field',
      'google.protobuf.Duration',
      'schemaVersion must be',
      'pipelineInfo.name is required',
      'root is required',
      'root must be a DAG',
      'has no executor in deploymentSpec.executors',
      'component needs either a dag or an executorLabel',
      'task has no componentRef.name',
      'which is not in components',
      'dependentTasks names',
      'is not declared by component',
      'componentInputParameter "',
      'producerTask "',
      'outputParameterKey "',
      'outputArtifactKey "',
      'is required (no default, not optional)',
      'dependency cycle',
      'placeholder {{$.',
      'platform executor "',
      'platform spec (document 2)',
      'ALL_UPSTREAM_TASKS_COMPLETED',
      'condition',
    ];
    // The full check is run on every sample here: the small bases keep it quick.
    const small = BASES.filter((base) => base.text.length < 10_000);
    const samples = fc.sample(mutatedTexts(small, inScope), { numRuns: 1000, seed: 20261206 });
    // A mutated key can make the yaml package warn (a collection as a key) through process.emitWarning.
    vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const messages = new Set(samples.flatMap((sample) => checkKfpV2YamlInFull(sample.text).problems.map((problem) => problem.message)));
    vi.restoreAllMocks();
    const unreached = RULES.filter((rule) => ![...messages].some((message) => message.includes(rule)));
    expect(unreached).toEqual([]);
  });
});

/** How the `yaml` package reads `key: <text>` composed as YAML `version`, as yaml-documents.ts composes its documents. */
function readPlainValue(text: string, version: '1.1' | '1.2'): { value: unknown } | { error: string } {
  const tokens = [...new Parser().parse(`key: ${text}\n`)];
  const docs = [...new Composer({ version }).compose(tokens)];
  if (docs.length !== 1) return { error: `${docs.length} documents` };
  if (docs[0].errors.length > 0) return { error: docs[0].errors[0].message };
  const value: unknown = docs[0].toJS();
  if (typeof value !== 'object' || value === null || Object.keys(value).join() !== 'key') return { error: `read as ${JSON.stringify(value)}` };
  return { value: (value as { key: unknown }).key };
}

function expectReadAs(text: string, scalarClass: 'string' | 'int' | 'float' | 'bool'): void {
  const as12 = readPlainValue(text, '1.2');
  const as11 = readPlainValue(text, '1.1');
  const what = `plainScalarClass(${JSON.stringify(text)}) is '${scalarClass}', but YAML 1.2 reads ${JSON.stringify(as12)} and YAML 1.1 ${JSON.stringify(as11)}`;
  expect('value' in as12 && 'value' in as11 && Object.is(as12.value, as11.value), what).toBe(true);
  const value = (as12 as { value: unknown }).value;
  const expected = { string: value === text, int: Number.isInteger(value), float: typeof value === 'number', bool: typeof value === 'boolean' };
  expect(expected[scalarClass], what).toBe(true);
}

describe('the vouch reads plain scalars as both YAML versions do', () => {
  it('for every tricky scalar', () => {
    for (const text of TRICKY_SCALARS) {
      const scalarClass = plainScalarClass(text);
      if (scalarClass !== undefined) expectReadAs(text, scalarClass);
    }
  });

  it('for scalars made of the characters numbers, dates, times, booleans and nulls are made of', () => {
    fc.assert(
      fc.property(fc.oneof(scalarFromCharacters, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })), (text) => {
        const scalarClass = plainScalarClass(text);
        if (scalarClass !== undefined) expectReadAs(text, scalarClass);
      }),
      { numRuns: 3000 },
    );
  });
});

/** Each distinct corpus emission, and what in it the vouch leaves to the full check (nothing, today). */
const CORPUS = corpusTexts().map((base) => ({ ...base, outside: outsideTheVouch(base.text) }));

describe('the vouch vouches for what our emitter writes within its layout', () => {
  it.each([1, 12, 100])('the emission of generatePipeline(%i)', (size) => {
    const text = emittedText(size);
    expect(checkKfpV2YamlInFull(text).problems).toEqual([]);
    expect(vouchesForKfpV2(text)).toBe(true);
  });

  it('reads the corpus', () => expect(CORPUS.length).toBeGreaterThanOrEqual(40));

  // A text holding what the vouch leaves to the full check is not asked of it (its name says why); the full check must pass it still.
  it.each(CORPUS.map((base) => [base.name, base.outside === undefined ? 'vouched for' : `holds ${base.outside}: left to the full check`, base]))(
    'the emission of corpus %s is %s',
    (_, __, { text, outside }) => {
      expect(checkKfpV2YamlInFull(text).problems).toEqual([]);
      if (outside === undefined) expect(vouchesForKfpV2(text)).toBe(true);
    },
  );
});
