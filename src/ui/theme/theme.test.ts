import { describe, expect, it } from 'vitest';
import { monacoTheme, parseThemeChoice, resolveTheme } from './theme';

describe('theme', () => {
  it('reads a stored choice, taking anything unknown as "follow the system"', () => {
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice('system')).toBe('system');
    expect(parseThemeChoice(null)).toBe('system');
    expect(parseThemeChoice('Dark')).toBe('system');
  });

  it('follows the system unless the user chose', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(monacoTheme('dark')).toBe('vs-dark');
    expect(monacoTheme('light')).toBe('vs');
  });
});
