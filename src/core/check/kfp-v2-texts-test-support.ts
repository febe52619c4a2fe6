/** KFP v2 texts in our writer's layout, for the tests that hold the vouch (kfp-v2-vouch.ts) to the full check. */
import { readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { generateOnFailurePipeline, generatePipeline } from '../../../bench/generate';
import { corpusInput } from '../../../test/corpus/corpus-run';
import { CORPUS } from '../../../test/support/fixtures';
import { emitPipeline } from '../emit/index';
import { loadPipeline } from '../transpile';
import { toYaml } from '../yaml/stringify';
import { FIXTURES, readFixture } from './check-test-support.ts';
import { KFP_V2_SAMPLE } from './kfp-v2-sample.ts';
import { objectOrEmpty } from './values.ts';

export interface NamedText {
  name: string;
  text: string;
}

export const emittedText = (size: number): string => emitPipeline(generatePipeline(size), { target: 'kfp-v2' }).text;

/** The KFP v2 emission of each corpus file that imports, each distinct text once (named by its first file). */
export function corpusTexts(): NamedText[] {
  const byText = new Map<string, string>();
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')).sort()) {
    const { pipeline } = loadPipeline(corpusInput(file));
    if (!pipeline) continue;
    const { text } = emitPipeline(pipeline, { target: 'kfp-v2' });
    if (!byText.has(text)) byText.set(text, file);
  }
  return [...byText].map(([text, name]) => ({ name, text }));
}

/**
 * Specs our emitter does not write (the KFP SDK's goldens, the format doc's example, the oracle's
 * composites) rewritten by our writer, for what they hold that our flat pipelines do not: task
 * outputs, artifacts, exit handlers, conditions.
 */
function rewrittenFixtures(): NamedText[] {
  const goldens = new URL('goldens/v2/', FIXTURES);
  const files = [
    ...readdirSync(goldens).filter((f) => f.endsWith('.yaml')).map((f) => ({ name: `goldens/v2/${f}`, text: readFixture(f, goldens) })),
    ...['check/v2-example.yaml', 'oracle/composite.kfp-v2.yaml', 'oracle/on-failure.kfp-v2.yaml'].map((name) => ({ name, text: readFixture(name) })),
  ];
  return files.map(({ name, text }) => ({ name: `${name} (rewritten)`, text: parseAllDocuments(text).map((doc) => toYaml(doc.toJS())).join('---\n') }));
}

/** Every base the mutations start from. */
export function baseTexts(): NamedText[] {
  return [
    ...[1, 2, 6, 12].map((n) => ({ name: `generatePipeline(${n})`, text: emittedText(n) })),
    { name: 'generateOnFailurePipeline(3)', text: emitPipeline(generateOnFailurePipeline(3), { target: 'kfp-v2' }).text },
    { name: 'KFP_V2_SAMPLE', text: KFP_V2_SAMPLE },
    // Task outputs in a flat DAG: what the vouch takes that no emitted pipeline holds.
    { name: 'check/v2-task-outputs.yaml', text: readFixture('check/v2-task-outputs.yaml') },
    ...rewrittenFixtures(),
    ...corpusTexts(),
  ];
}

/**
 * Why the vouch may refuse a spec as written (it holds what the vouch leaves to the full check), or
 * undefined: DAG outputs, and loops over artifacts (no emitted pipeline has one).
 */
export function outsideTheVouch(text: string): string | undefined {
  const spec = objectOrEmpty(parseAllDocuments(text)[0]?.toJS());
  const reasons = new Set<string>();
  const components = objectOrEmpty(spec.components);
  const dags = [objectOrEmpty(objectOrEmpty(spec.root).dag), ...Object.values(components).map((c) => objectOrEmpty(objectOrEmpty(c).dag))];
  for (const dag of dags) {
    if (dag.outputs !== undefined) reasons.add('DAG outputs');
    for (const task of Object.values(objectOrEmpty(dag.tasks))) if (objectOrEmpty(task).artifactIterator !== undefined) reasons.add('artifactIterator');
  }
  return reasons.size === 0 ? undefined : [...reasons].join(', ');
}
