import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/support/fixtures';
import { importMagnus } from './magnus/import';
import { deflateRawSync } from 'node:zlib';
import { describeBytes, MAX_SHARED_BYTES } from './limits';
import { decodeShareFragment, encodeShareFragment, inflateCapped, InflatedTooLarge, SHARE_PREFIX } from './share';

describe('share links', () => {
  const pipeline = importMagnus({
    dag: { text: readFixture('golden-input', 'train.dag.yaml') },
    config: { text: readFixture('golden-input', 'train.config.yaml') },
    parameters: { text: readFixture('golden-input', 'train.parameters.yaml') },
  }).pipeline!;

  it('carry the whole pipeline: decoding and importing gives the same model', async () => {
    const fragment = await encodeShareFragment(pipeline);
    expect(fragment.startsWith(SHARE_PREFIX)).toBe(true);
    expect(fragment).toMatch(/^[A-Za-z0-9=._-]+$/);
    const decoded = await decodeShareFragment(`#${fragment}`);
    expect(decoded.ok && importMagnus(decoded.input).pipeline).toEqual(pipeline);
  });

  it('are compact enough for a URL', async () => {
    expect((await encodeShareFragment(pipeline)).length).toBeLessThan(2000);
  });

  it('refuse fragments that are not share links or are damaged, without throwing', async () => {
    expect(await decodeShareFragment('#section-2')).toMatchObject({ ok: false, reason: 'not-a-link' });
    const fragment = await encodeShareFragment(pipeline);
    expect(await decodeShareFragment(fragment.slice(0, -20))).toMatchObject({ ok: false, reason: 'damaged' });
    expect(await decodeShareFragment(`${SHARE_PREFIX}!!!`)).toMatchObject({ ok: false, reason: 'damaged' });
  });

  it('take only strings from the link: other members make it a damaged link, inherited names are not members', async () => {
    const link = (value: unknown) => `${SHARE_PREFIX}${deflateRawSync(JSON.stringify(value)).toString('base64url')}`;
    expect(await decodeShareFragment(link({ dag: 'dag: {}', config: 7 }))).toMatchObject({ ok: false, reason: 'damaged' });
    expect(await decodeShareFragment(link({ dag: 'dag: {}', config: '', nested: { 'a.yaml': 1 } }))).toMatchObject({ ok: false, reason: 'damaged' });
    expect(await decodeShareFragment(link(['dag']))).toMatchObject({ ok: false, reason: 'damaged' });
    const decoded = await decodeShareFragment(link({ dag: 'dag: {}', config: '', nested: { 'inner.yaml': 'dag: {}' } }));
    const nested = decoded.ok ? decoded.input.nested : undefined;
    expect(typeof nested === 'function' && [nested('inner.yaml'), nested('toString'), nested('__proto__')]).toEqual(['dag: {}', undefined, undefined]);
  });
});

describe('share links past the size a link may carry', () => {
  // 64 MB of one character deflates to ~64 KB: a link that would take 64 MB (and more to decode) to read.
  let deflated: Buffer | undefined;
  const bomb = () => (deflated ??= deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 'x'), { level: 9 }));

  it('are refused, saying the limit', async () => {
    const decoded = await decodeShareFragment(`${SHARE_PREFIX}${bomb().toString('base64url')}`);
    expect(decoded).toEqual({ ok: false, reason: 'too-large', message: `it holds more than ${describeBytes(MAX_SHARED_BYTES)} of files, the most a link may carry` });
  });

  it('stop inflating at the limit, without inflating the rest', async () => {
    const reads: number[] = [];
    const RealStream = globalThis.DecompressionStream;
    // Counts what the inflater hands out: past the limit it must not be asked for more.
    class CountingStream extends RealStream {
      constructor(format: CompressionFormat) {
        super(format);
        const reader = this.readable.getReader();
        Object.defineProperty(this, 'readable', {
          value: new ReadableStream<Uint8Array>({
            async pull(controller) {
              const { done, value } = await reader.read();
              if (done) controller.close();
              else {
                reads.push(value.byteLength);
                controller.enqueue(value);
              }
            },
            cancel: (reason) => reader.cancel(reason),
          }),
        });
      }
    }
    globalThis.DecompressionStream = CountingStream;
    try {
      await expect(inflateCapped(new Uint8Array(bomb()), 1024 * 1024)).rejects.toBeInstanceOf(InflatedTooLarge);
    } finally {
      globalThis.DecompressionStream = RealStream;
    }
    const inflated = reads.reduce((a, b) => a + b, 0);
    expect(inflated).toBeGreaterThan(1024 * 1024);
    expect(inflated).toBeLessThan(1024 * 1024 + 2 * Math.max(...reads));
  });

  it('read a link up to the limit', async () => {
    const json = JSON.stringify({ dag: 'x'.repeat(4096), config: '' });
    const decoded = await decodeShareFragment(`${SHARE_PREFIX}${deflateRawSync(json).toString('base64url')}`, json.length);
    expect(decoded.ok).toBe(true);
    expect(await decodeShareFragment(`${SHARE_PREFIX}${deflateRawSync(json).toString('base64url')}`, json.length - 1)).toMatchObject({ reason: 'too-large' });
  });
});
