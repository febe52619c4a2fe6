/**
 * The fuzzer: corpus files mutated (mutations.ts) and sent through everything that reads them, in
 * process — import → validate → emit (all targets) → strict check → export → re-import, plus the
 * clipboard and the import dialog's file classification. Each case must finish within its time
 * budget, throw nothing, report no internal error, pass the strict checkers when the pipeline has
 * no errors, and give back an equal model after export and re-import.
 *
 * `npm run fuzz [-- --cases N --seed S --budget-ms MS]` runs it and prints the figures;
 * `--case I` replays one case and prints its files. test/fuzz/fuzz.test.ts runs a short seeded budget.
 */
import { readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { checkArgoWorkflowYaml } from '../../src/core/check/argo';
import { checkKfpV2Yaml } from '../../src/core/check/kfp-v2';
import type { Diagnostic } from '../../src/core/diagnostics';
import { EMIT_TARGETS, emitPipeline } from '../../src/core/emit/index';
import { exportMagnus } from '../../src/core/magnus/export';
import { importMagnus, type MagnusInput } from '../../src/core/magnus/import';
import { ActionError } from '../../src/core/model/actions';
import { pasteSteps } from '../../src/core/model/clipboard';
import { pipelineOf } from '../../src/core/model/defaults';
import type { Pipeline } from '../../src/core/model/types';
import { validatePipeline } from '../../src/core/validate/validate';
import { classifyFiles } from '../../src/ui/import/classify';
import { generateNestedPipeline, generatePipeline } from '../../bench/generate';
import { corpusInput } from '../corpus/corpus-run';
import { CORPUS, readFixture } from '../support/fixtures';
import { MUTATIONS, randomSource } from './mutations';

export interface FuzzOptions {
  cases: number;
  seed: number;
  /**
   * A case using more CPU time than this is a budget overrun. CPU time, not wall time: on a machine
   * shared with other work, waiting for a core is not what a case costs.
   */
  budgetMs: number;
  /** The first case number (cases are numbered, so one can be replayed alone). */
  first?: number;
  onFailure?: (failure: FuzzFailure) => void;
}

export type FailureKind = 'exception' | 'budget overrun' | 'E_IMPORT_INTERNAL' | 'other internal error' | 'checker rejection' | 'round-trip failure';

export interface FuzzFailure {
  kind: FailureKind;
  caseNumber: number;
  mutations: string[];
  detail: string;
  input: MagnusInput;
}

export interface FuzzFigures {
  cases: number;
  milliseconds: number;
  counts: Record<FailureKind, number>;
  /** How many cases reached each stage (a mutation often breaks the file, which is fine). */
  imported: number;
  emitted: number;
  checked: number;
}

const FAILURE_KINDS: FailureKind[] = ['exception', 'budget overrun', 'E_IMPORT_INTERNAL', 'other internal error', 'checker rejection', 'round-trip failure'];

/** The 47 corpus files (each with the files it needs) and the designer's example pipeline. */
export function seedInputs(): { name: string; input: MagnusInput }[] {
  const corpus = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ name: file, input: resolvedNested(corpusInput(file)) }));
  const example = {
    dag: { text: readFixture('..', '..', 'src', 'example', 'train.dag.yaml') },
    config: { text: readFixture('..', '..', 'src', 'example', 'train.config.yaml') },
    parameters: { text: readFixture('..', '..', 'src', 'example', 'train.parameters.yaml') },
  };
  const generated = [generatePipeline(12), generateNestedPipeline(60)].map((pipeline, i) => {
    const files = exportMagnus(pipeline);
    return { name: `generated-${i}`, input: { dag: { text: files.dag }, config: { text: files.config }, ...(files.parameters ? { parameters: { text: files.parameters } } : {}) } };
  });
  return [...corpus, ...generated, { name: 'example', input: example }];
}

/** Nested files read once into a table, so a mutated case can mutate them too and replay without the disk. */
function resolvedNested(input: MagnusInput): MagnusInput {
  const reader = input.nested;
  if (typeof reader !== 'function') return input;
  const nested: Record<string, string> = {};
  const paths = [...(input.dag.text.matchAll(/dag_definition:\s*["']?([^\s"'}]+)/g) ?? [])].map((m) => m[1]);
  for (const path of paths) {
    const text = reader(path);
    if (typeof text === 'string') nested[path] = text;
  }
  return { ...input, nested };
}

type FileKey = 'dag' | 'config' | 'parameters' | `nested:${string}`;

function filesOf(input: MagnusInput): FileKey[] {
  const keys: FileKey[] = ['dag'];
  if (input.config) keys.push('config');
  if (input.parameters) keys.push('parameters');
  if (input.nested && typeof input.nested === 'object') for (const path of Object.keys(input.nested)) keys.push(`nested:${path}`);
  return keys;
}

function textOf(input: MagnusInput, key: FileKey): string {
  if (key === 'dag' || key === 'config' || key === 'parameters') return input[key]!.text;
  return (input.nested as Record<string, string>)[key.slice('nested:'.length)];
}

function withText(input: MagnusInput, key: FileKey, text: string): MagnusInput {
  if (key === 'dag' || key === 'config' || key === 'parameters') return { ...input, [key]: { ...input[key], text } };
  return { ...input, nested: Object.fromEntries([...Object.entries(input.nested as Record<string, string>), [key.slice('nested:'.length), text]]) };
}

/** Case `n` of a run with `seed`: the same input on every machine. */
export function mutatedCase(seeds: ReturnType<typeof seedInputs>, seed: number, n: number): { input: MagnusInput; mutations: string[] } {
  const random = randomSource((seed * 0x9e3779b1 + n) >>> 0);
  const origin = random.pick(seeds);
  let input = origin.input;
  const mutations = [origin.name];
  // Mostly one mutation: a file broken in three places rarely gets past the parser.
  const count = random.pick([1, 1, 1, 2, 3]);
  for (let i = 0; i < count; i++) {
    const files = filesOf(input);
    // Mostly the dag, where most of the reading is.
    const key = random.next() < 0.6 ? 'dag' : random.pick(files);
    const mutation = random.pick(MUTATIONS);
    const { text, what } = mutation.apply(textOf(input, key), random);
    input = withText(input, key, text);
    mutations.push(`${key}: ${what}`);
  }
  return { input, mutations };
}

/** Plain data, with undefined properties gone, for comparing two models. */
const plain = (pipeline: Pipeline | undefined) => (pipeline === undefined ? undefined : JSON.parse(JSON.stringify(pipeline)));

const internalOf = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code.endsWith('_INTERNAL'));

interface CaseResult {
  failures: { kind: FailureKind; detail: string }[];
  imported: boolean;
  emitted: boolean;
  checked: boolean;
}

/** Everything that reads user YAML, on one input. */
export function runCase(input: MagnusInput, { otherReaders = true } = {}): CaseResult {
  const failures: CaseResult['failures'] = [];
  const internal = (diagnostics: readonly Diagnostic[], stage: string) => {
    for (const d of internalOf(diagnostics)) failures.push({ kind: d.code === 'E_IMPORT_INTERNAL' ? 'E_IMPORT_INTERNAL' : 'other internal error', detail: `${stage}: ${d.code}: ${d.message}` });
  };
  const result: CaseResult = { failures, imported: false, emitted: false, checked: false };
  const stage = <T>(name: string, run: () => T): T | undefined => {
    try {
      return run();
    } catch (error) {
      failures.push({ kind: 'exception', detail: `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
      return undefined;
    }
  };

  if (otherReaders) stage('classify', () => classifyFiles([{ name: 'dag.yaml', text: input.dag.text }, ...(input.config ? [{ name: 'config.yaml', text: input.config.text }] : [])]));
  if (otherReaders) stage('paste', () => {
    try {
      pasteSteps(pipelineOf({ steps: [] }), input.dag.text);
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
    }
  });

  const imported = stage('import', () => importMagnus(input));
  if (!imported) return result;
  internal(imported.diagnostics, 'import');
  const pipeline = imported.pipeline;
  if (!pipeline) return result;
  result.imported = true;
  const validation = stage('validate', () => validatePipeline(pipeline)) ?? [];
  internal(validation, 'validate');
  const clean = ![...imported.diagnostics, ...validation].some((d) => d.severity === 'error');

  for (const target of EMIT_TARGETS) {
    const emitted = stage(`emit ${target}`, () => emitPipeline(pipeline, { target }));
    if (!emitted) continue;
    internal(emitted.diagnostics, `emit ${target}`);
    if (!clean || emitted.text === '') continue;
    result.emitted = true;
    // What the CLI does before writing: a pipeline without errors must pass the strict checkers.
    const check = stage(`check ${target}`, () => (target === 'kfp-v2' ? checkKfpV2Yaml(emitted.text) : checkArgoWorkflowYaml(emitted.text)));
    if (!check) continue;
    result.checked = true;
    if (check.problems.length > 0) {
      failures.push({ kind: 'checker rejection', detail: `${target}: ${check.problems.slice(0, 3).map((p) => `${p.path || '/'}: ${p.message}`).join('; ')}` });
    }
  }

  const files = stage('export', () => exportMagnus(pipeline));
  if (!files) return result;
  const again = stage('re-import', () =>
    importMagnus({ dag: { text: files.dag }, config: { text: files.config }, ...(files.parameters ? { parameters: { text: files.parameters } } : {}), nested: files.nested }),
  );
  if (!again) return result;
  internal(again.diagnostics, 're-import');
  if (!isDeepStrictEqual(plain(again.pipeline), plain(pipeline))) {
    const errors = again.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
    failures.push({ kind: 'round-trip failure', detail: errors.length > 0 ? `the export does not import: ${errors.slice(0, 3).join('; ')}` : firstDifference(plain(pipeline), plain(again.pipeline)) });
  }
  return result;
}

/** Where two models differ first, as a path and both values (short). */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
      if (found) return found;
    }
  }
  const short = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 120);
  return `${path || '/'}: ${short(a)} became ${short(b)}`;
}

const cpuMilliseconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

export function runFuzz(options: FuzzOptions): FuzzFigures {
  const seeds = seedInputs();
  const counts = Object.fromEntries(FAILURE_KINDS.map((k) => [k, 0])) as Record<FailureKind, number>;
  const figures: FuzzFigures = { cases: 0, milliseconds: 0, counts, imported: 0, emitted: 0, checked: 0 };
  const first = options.first ?? 0;
  // Compiling the strict checkers' schemas and warming the JIT are not what a case costs.
  runCase(seeds[seeds.length - 1].input);
  const started = performance.now();
  for (let n = first; n < first + options.cases; n++) {
    const { input, mutations } = mutatedCase(seeds, options.seed, n);
    const start = cpuMilliseconds();
    // The import dialog and the clipboard read the same text again: once in four cases is plenty.
    const result = runCase(input, { otherReaders: n % 4 === 0 });
    const elapsed = cpuMilliseconds() - start;
    if (elapsed > options.budgetMs) result.failures.push({ kind: 'budget overrun', detail: `${Math.round(elapsed)} ms of CPU` });
    figures.cases++;
    if (result.imported) figures.imported++;
    if (result.emitted) figures.emitted++;
    if (result.checked) figures.checked++;
    for (const failure of result.failures) {
      counts[failure.kind]++;
      options.onFailure?.({ ...failure, caseNumber: n, mutations, input });
    }
  }
  figures.milliseconds = performance.now() - started;
  return figures;
}
