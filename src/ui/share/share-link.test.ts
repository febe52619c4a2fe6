import { describe, expect, it } from 'vitest';
import { encodeShareFragment } from '../../core/share';
import { importMagnus } from '../../core/magnus/import';
import { EXAMPLE } from '../../example';
import { readSharedLink } from './open-shared';
import { copiedNotice, describeShared, isShareHash, LONG_LINK_CHARS, shareUrl, sizeText, withoutFragment } from './share-link';

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

  it('read a link back into the same pipeline, and refuse a damaged one', async () => {
    const fragment = await encodeShareFragment(example);
    const link = await readSharedLink(`#${fragment}`);
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.pipeline.dag).toEqual(example.dag);
    expect(link.summary).toBe(describeShared(example));
    expect(link.summary).toMatch(/^6 steps \(prepare data, train model, evaluate, publish\)/);
    expect(await readSharedLink(`#${fragment.slice(0, -10)}`)).toEqual({ ok: false });
    expect(await readSharedLink('#pipeline=v2.abc')).toEqual({ ok: false });
  });
});
