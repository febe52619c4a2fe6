import { describe, expect, it } from 'vitest';
import { textPreview } from './text-preview';

describe('the text shown while the editor loads', () => {
  it('is the whole text when it is short', () => {
    expect(textPreview('a: 1\nb: 2\n', 100)).toEqual({ shown: 'a: 1\nb: 2\n' });
  });

  it('is cut after a whole line when it is long, saying how much is left out', () => {
    const text = 'line one\nline two\nline three\n';
    const preview = textPreview(text, 20);
    expect(preview.shown).toBe('line one\nline two\n');
    expect(preview.more).toBe('… 11 more characters (Copy takes the whole text)');
    expect(preview.shown.length + 11).toBe(text.length);
  });

  it('is cut at the limit when the first line alone is longer', () => {
    expect(textPreview('x'.repeat(50), 20)).toEqual({ shown: 'x'.repeat(20), more: '… 30 more characters (Copy takes the whole text)' });
  });
});
