import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/geometry';
import { stepHandles } from './node-handles';

describe('declared step handles', () => {
  it('are where Chromium measured them on a 200×64 task node (x, y of the top-left corner)', () => {
    const at = Object.fromEntries(stepHandles({ width: NODE_WIDTH, height: NODE_HEIGHT }, true).map((h) => [h.id, [h.type, h.x, h.y]]));
    expect(at).toEqual({ in: ['target', 96.5, -4.5], next: ['source', 96.5, 57.5], on_failure: ['source', 193.5, 26.5] });
  });

  it('leave success and fail nodes with their way in only', () => {
    expect(stepHandles({ width: NODE_WIDTH, height: NODE_HEIGHT }, false).map((h) => h.id)).toEqual(['in']);
  });
});
