import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/support/fixtures';
import { importMagnus } from './magnus/import';
import { decodeShareFragment, encodeShareFragment, SHARE_PREFIX } from './share';

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
    const input = await decodeShareFragment(`#${fragment}`);
    expect(importMagnus(input!).pipeline).toEqual(pipeline);
  });

  it('are compact enough for a URL', async () => {
    expect((await encodeShareFragment(pipeline)).length).toBeLessThan(2000);
  });

  it('refuse fragments that are not share links or are damaged, without throwing', async () => {
    expect(await decodeShareFragment('#section-2')).toBeUndefined();
    const fragment = await encodeShareFragment(pipeline);
    expect(await decodeShareFragment(fragment.slice(0, -20))).toBeUndefined();
    expect(await decodeShareFragment(`${SHARE_PREFIX}!!!`)).toBeUndefined();
  });
});
