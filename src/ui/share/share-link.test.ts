import { describe, expect, it } from 'vitest';
import { encodeShareFragment } from '../../core/share';
import { importMagnus } from '../../core/magnus/import';
import { EXAMPLE } from '../../example';
import { readSharedLink } from './open-shared';
import { deflateRawSync } from 'node:zlib';
import { sortDiagnostics } from '../../core/diagnostics';
import { emitPipeline } from '../../core/emit/index';
import { validatePipeline } from '../../core/validate/validate';
import { copiedNotice, describeShared, isReadableShareHash, isShareHash, LONG_LINK_CHARS, shareUrl, sizeText, withoutFragment } from './share-link';

const example = importMagnus(EXAMPLE).pipeline!;

describe('share links in the app', () => {
  it('recognise share fragments of any version and nothing else', () => {
    expect(isShareHash('#pipeline=v1.abc')).toBe(true);
    expect(isShareHash('#pipeline=v9.abc')).toBe(true);
    expect(isShareHash('')).toBe(false);
    expect(isShareHash('#section')).toBe(false);
  });

  it('put the fragment on the page address in place of any other, and take it off again', () => {
    expect(shareUrl('http://127.0.0.1:4303/?x=1#old', 'pipeline=v1.AB-_')).toBe('http://127.0.0.1:4303/?x=1#pipeline=v1.AB-_');
    expect(withoutFragment('http://127.0.0.1:4303/app/?x=1#pipeline=v1.AB')).toBe('http://127.0.0.1:4303/app/?x=1');
    expect(withoutFragment('http://127.0.0.1:4303/')).toBe('http://127.0.0.1:4303/');
  });

  it('say the size only of a long link', () => {
    expect(copiedNotice('http://x/#pipeline=v1.abc')).not.toMatch(/long/);
    const long = `http://x/#pipeline=v1.${'a'.repeat(LONG_LINK_CHARS)}`;
    expect(copiedNotice(long)).toMatch(/It is long \(8\.0 kB\)/);
    expect(sizeText(950)).toBe('950 characters');
    expect(sizeText(54_321)).toBe('54 kB');
  });

  it('read a link back into the same pipeline, with what the page will show of it, and refuse a damaged one', async () => {
    const fragment = await encodeShareFragment(example);
    const link = await readSharedLink({ hash: `#${fragment}`, target: 'kfp-v2' });
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.pipeline.dag).toEqual(example.dag);
    expect(link.summary).toBe(describeShared(example));
    expect(link.summary).toMatch(/^6 steps \(prepare data, train model, evaluate, publish\)/);
    expect(link.seed.emission).toEqual(emitPipeline(link.pipeline, { target: 'kfp-v2' }));
    expect(link.seed.validation).toEqual(sortDiagnostics(validatePipeline(link.pipeline)));
    expect(await readSharedLink({ hash: `#${fragment.slice(0, -10)}`, target: 'kfp-v2' })).toEqual({ ok: false, message: 'it may have been cut short or changed' });
    expect(await readSharedLink({ hash: '#pipeline=v2.abc', target: 'kfp-v2' })).toMatchObject({ ok: false });
  });

  it('say why a link that holds no readable pipeline is refused', async () => {
    const link = (files: object) => `#pipeline=v1.${deflateRawSync(JSON.stringify(files)).toString('base64url')}`;
    const read = await readSharedLink({ hash: link({ dag: 'dag: [', config: '' }), target: 'kfp-v2' });
    expect(read).toMatchObject({ ok: false, message: expect.stringMatching(/^its dag file is not readable: /) });
  });

  it('tell links of this version (read when asked) from others (refused at once)', () => {
    expect(isReadableShareHash('#pipeline=v1.abc')).toBe(true);
    expect(isReadableShareHash('pipeline=v1.abc')).toBe(true);
    expect(isReadableShareHash('#pipeline=v2.abc')).toBe(false);
  });
});
