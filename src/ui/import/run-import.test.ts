import { beforeEach, describe, expect, it, vi } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import type { Diagnostic } from '../../core/diagnostics';
import type { Pipeline } from '../../core/model/types';
import { ReadStopped } from '../reading/reader';
import type { PartOf } from '../reading/protocol';
import { emitted, validation } from '../store/derived';
import { createDesignerStore, isAwaited } from '../store/store';
import { newPipeline } from '../toolbar/new-pipeline';
import { deriveSeed, withExport } from '../store/derive-seed';
import type { Classification } from './classify';
import { canvasShows } from '../common/canvas-shown';

/** The reader worker, played by the test: it hands over the pipeline, then answers as `then` says. */
const reader = vi.hoisted(() => ({ script: undefined as undefined | ((onPart: (part: PartOf['import']) => unknown) => Promise<unknown>) }));
vi.mock('../reading/readers', () => ({
  inputReader: { run: (_request: unknown, options: { onPart: (part: PartOf['import']) => unknown }) => reader.script!(options.onPart) },
}));
const { runImport } = await import('./run-import');

const classification: Classification = { files: [], fileNames: { dag: 'dag.yaml' }, problems: [] };
const finding: Diagnostic = { code: 'W_IMPORT_SOMETHING', severity: 'warning', message: 'read with a guess', file: 'dag.yaml', line: 3 };

/** Whether the page is ready for the answer (the reader takes it from its port only then: reader.ts `handOver`). */
let answerAsked = false;

/** Hands `read` over, answers once the page has taken it, and says what the store held then. */
function playing(read: Pipeline, answer: (seen: { awaited: boolean; present: Pipeline }) => Promise<unknown>, store: ReturnType<typeof createDesignerStore>) {
  answerAsked = false;
  reader.script = async (onPart) => {
    const taken = new Promise<void>((resolve) => {
      const stop = store.subscribe((state) => {
        if (state.history.present !== read) return;
        stop();
        resolve();
      });
    });
    void Promise.resolve(onPart({ pipeline: read })).then(() => (answerAsked = true));
    await taken;
    const state = store.getState();
    return answer({ awaited: isAwaited(state, state.history.present), present: state.history.present });
  };
}

describe('an import, as the page runs it', () => {
  let store: ReturnType<typeof createDesignerStore>;
  let before: Pipeline;
  beforeEach(() => {
    store = createDesignerStore(newPipeline());
    before = store.getState().history.present;
  });

  it('takes the pipeline as soon as it is read, its check awaited, then shows the check', async () => {
    const read = generatePipeline(5);
    const seed = withExport(deriveSeed(read, 'kfp-v2'), read);
    let seen: { awaited: boolean; present: Pipeline } | undefined;
    playing(
      read,
      async (state) => {
        seen = state;
        return { classification, status: 'checked', diagnostics: [finding], seed };
      },
      store,
    );
    const running = runImport(classification, store);
    await vi.waitFor(() => expect(seen).toEqual({ awaited: true, present: read }));
    // The check waits for the canvas to show the steps: shown before, it would interrupt their render.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(isAwaited(store.getState(), read)).toBe(true);
    // Nor is the answer asked for before then: its copy into the page would land among the canvas's tasks.
    expect(answerAsked).toBe(false);
    canvasShows(read);
    await vi.waitFor(() => expect(answerAsked).toBe(true));
    const attempt = await running;
    expect(attempt).toEqual({ status: 'imported', report: expect.objectContaining({ ok: true, diagnostics: [finding] }) });
    const state = store.getState();
    expect(state.history.present).toBe(read);
    expect(isAwaited(state, read)).toBe(false);
    expect(state.history.past.at(-1)).toBe(before);
    // The import's own finding stays in Problems; its validation is the check's, not computed again.
    expect(state.importFindings).toMatchObject({ pipeline: read, at: state.history.past.length, diagnostics: [finding] });
    expect(validation(read)).toBe(seed.validation);
    expect(emitted(read, 'kfp-v2')).toBe(seed.emission);
  });

  it.each([
    ['cancelled', new ReadStopped('cancelled', 'cancelled'), { status: 'cancelled' }],
    ['out of time', new ReadStopped('timeout', 'reading took too long'), { status: 'failed', diagnostics: [expect.objectContaining({ code: 'E_IMPORT_TIMEOUT' })] }],
  ])('takes the pipeline back, leaving no undo step, when the check is %s', async (_, error, expected) => {
    const read = generatePipeline(5);
    playing(read, () => Promise.reject(error), store);
    expect(await runImport(classification, store)).toEqual(expected);
    const state = store.getState();
    expect(state.history.present).toBe(before);
    expect(state.history.past).toEqual([]);
    expect(state.waiting).toBeUndefined();
  });
});
