import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { setStepOverride } from '../../core/model/settings-actions';
import type { Pipeline } from '../../core/model/types';
import { loadEngine } from '../store/engine';
import type { DesignerStore } from '../store/store';
import { EditSession } from './edit-session';
import { piecesEdit } from './markers';
import { yamlDoc } from './yaml-files';

/** Monaco's models as the session uses them, positions being offsets into the text. */
const monacoModels = vi.hoisted(() => {
  class FakeModel {
    constructor(
      public text: string,
      readonly uri: string,
    ) {}
    updateOptions() {}
    isDisposed() {
      return false;
    }
    setValue(text: string) {
      this.text = text;
    }
    getValue() {
      return this.text;
    }
    getLineCount() {
      return this.text.split('\n').length;
    }
    getPositionAt(offset: number) {
      return offset;
    }
    getFullModelRange() {
      return { getEndPosition: () => this.text.length };
    }
    getValueInRange({ start, end }: { start: number; end: number }) {
      return this.text.slice(start, end);
    }
    applyEdits(edits: { range: { start: number; end: number }; text: string }[]) {
      for (const { range, text } of [...edits].sort((a, b) => b.range.start - a.range.start)) this.text = this.text.slice(0, range.start) + text + this.text.slice(range.end);
    }
  }
  const models = new Map<string, FakeModel>();
  const monaco = {
    editor: {
      getModel: (uri: string) => models.get(uri) ?? null,
      createModel: (text: string, _language: string, uri: string) => {
        const model = new FakeModel(text, uri);
        models.set(uri, model);
        return model;
      },
    },
    Uri: { parse: (uri: string) => uri },
    Range: { fromPositions: (start: number, end: number) => ({ start, end }) },
  };
  return { models, monaco };
});
vi.mock('./monaco-setup', () => ({ GENERATED_YAML: 'kfp-generated-yaml', monaco: monacoModels.monaco }));
vi.mock('../reading/reader.worker?worker', () => ({ default: class {} }));
// Watched, to see what a keystroke's edit is found by comparing.
vi.mock('./markers', async (importOriginal) => {
  const markers = await importOriginal<typeof import('./markers')>();
  return { ...markers, piecesEdit: vi.fn(markers.piecesEdit) };
});

const storeOf = (pipeline: Pipeline) => ({ getState: () => ({ history: { present: pipeline }, target: 'kfp-v2' }) }) as unknown as DesignerStore;

describe('the generated workflow given in slices', () => {
  beforeAll(async () => {
    await loadEngine();
  });
  // Long enough to be given in slices (past REPLACE_LATER_FROM).
  const imported = generatePipeline(300);
  const offered = (session: EditSession, pipeline: Pipeline) => {
    const doc = yamlDoc(pipeline, 'kfp-v2', 'pipeline');
    session.offer('pipeline', pipeline, () => doc);
    return doc;
  };
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (frame: () => void) => setTimeout(frame, 16));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    monacoModels.models.clear();
  });

  it('holds the pieces it was joined from once written, so the next edit compares pieces, and ends as the edited text', async () => {
    const session = new EditSession(storeOf(imported), () => {});
    const doc = offered(session, imported);
    expect(session.writingOf('pipeline')).toEqual({ written: 0, total: doc.text.length });
    // The canvas never says it shows the pipeline here: the slices start after the wait's ceiling.
    await vi.runAllTimersAsync();
    const model = monacoModels.models.get('file:///pipeline.yaml')!;
    expect(session.writingOf('pipeline')).toBeUndefined();
    expect(model.text).toBe(doc.text);
    expect(session.lineCountOf('pipeline', doc.pieces)).toBe(model.getLineCount());

    const next = offered(session, setStepOverride(imported, 'step 0', 'memory_limit', '12Gi'));
    expect(model.text).toBe(next.text);
    expect(session.lineCountOf('pipeline', next.pieces)).toBe(model.getLineCount());
  });

  it('holds the pieces of the newest text when an edit came while the slices waited', async () => {
    const session = new EditSession(storeOf(imported), () => {});
    offered(session, imported);
    const typed = setStepOverride(imported, 'step 0', 'memory_limit', '12Gi');
    const waited = offered(session, typed);
    await vi.runAllTimersAsync();
    const model = monacoModels.models.get('file:///pipeline.yaml')!;
    expect(model.text).toBe(waited.text);
    expect(session.lineCountOf('pipeline', waited.pieces)).toBe(model.getLineCount());
    // The next keystroke's edit, found by comparing with those pieces, gives the new text.
    const next = offered(session, setStepOverride(typed, 'step 7', 'memory_limit', '3Gi'));
    expect(model.text).toBe(next.text);
  });

  /** What the pane offers for a read's answer: the text alone (structured clone leaves the emitter's pieces out). */
  const answered = (session: EditSession, pipeline: Pipeline, text: string) => session.offer('pipeline', pipeline, () => ({ pieces: [text], text }));
  const lastCompared = () => vi.mocked(piecesEdit).mock.lastCall![0];

  it('takes the emitter\'s pieces for a text that came without them, once idle, so the first keystroke compares pieces', async () => {
    const { emitPipeline } = await loadEngine();
    const answer = structuredClone(emitPipeline(imported, { target: 'kfp-v2' }));
    expect(answer.pieces).toBeUndefined();
    const session = new EditSession(storeOf(imported), () => {});
    answered(session, imported, answer.text);
    await vi.runAllTimersAsync();
    const model = monacoModels.models.get('file:///pipeline.yaml')!;
    expect(model.text).toBe(answer.text);

    const next = offered(session, setStepOverride(imported, 'step 0', 'memory_limit', '12Gi'));
    expect(model.text).toBe(next.text);
    expect(lastCompared().length).toBe(next.pieces.length);
  });

  it('keeps a text that came without pieces as it is when the page emits another text, and the next edit still gives the new text', async () => {
    const { emitPipeline } = await loadEngine();
    const other = emitPipeline(imported, { target: 'kfp-v1' }).text;
    const session = new EditSession(storeOf(imported), () => {});
    answered(session, imported, other);
    await vi.runAllTimersAsync();
    const model = monacoModels.models.get('file:///pipeline.yaml')!;
    expect(model.text).toBe(other);

    const next = offered(session, setStepOverride(imported, 'step 0', 'memory_limit', '12Gi'));
    expect(lastCompared()).toEqual([other]);
    await vi.runAllTimersAsync();
    expect(model.text).toBe(next.text);
  });
});
