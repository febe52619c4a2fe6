import { describe, expect, it } from 'vitest';
import { comboKeys, matchesAny, matchesCombo, parseCombo, type KeyLike } from './keys';
import { SHORTCUTS, shortcutFor } from './table';

const press = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('key combinations', () => {
  it('parse modifiers and the key, a plus sign included', () => {
    expect(parseCombo('Mod+Shift+Z')).toEqual({ mod: true, shift: true, alt: false, key: 'Z' });
    expect(parseCombo('+')).toEqual({ mod: false, shift: false, alt: false, key: '+' });
    expect(parseCombo('Alt+ArrowDown')).toMatchObject({ alt: true, key: 'ArrowDown' });
  });

  it('match Ctrl or Cmd for Mod, and compare Shift for letters and named keys only', () => {
    const undo = parseCombo('Mod+Z');
    expect(matchesCombo(press('z', { ctrlKey: true }), undo)).toBe(true);
    expect(matchesCombo(press('z', { metaKey: true }), undo)).toBe(true);
    expect(matchesCombo(press('Z', { ctrlKey: true, shiftKey: true }), undo)).toBe(false);
    expect(matchesCombo(press('z'), undo)).toBe(false);
    expect(matchesCombo(press('N', { shiftKey: true }), parseCombo('Shift+N'))).toBe(true);
    expect(matchesCombo(press('n'), parseCombo('Shift+N'))).toBe(false);
    // `?` is Shift+/ on a US keyboard and a key of its own elsewhere.
    expect(matchesCombo(press('?', { shiftKey: true }), parseCombo('?'))).toBe(true);
    expect(matchesCombo(press('?'), parseCombo('?'))).toBe(true);
    expect(matchesCombo(press('ArrowDown', { altKey: true }), parseCombo('Alt+ArrowDown'))).toBe(true);
    expect(matchesCombo(press('ArrowDown'), parseCombo('Alt+ArrowDown'))).toBe(false);
    expect(matchesAny(press('y', { ctrlKey: true }), ['Mod+Shift+Z', 'Mod+Y'])).toBe(true);
  });

  it('are shown as the keys to press, the Mac way on a Mac', () => {
    expect(comboKeys('Mod+Shift+Z', false)).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(comboKeys('Mod+C', true)).toEqual(['⌘', 'C']);
    expect(comboKeys('Alt+ArrowUp', false)).toEqual(['Alt', '↑']);
  });
});

describe('the shortcut table', () => {
  it('gives every key combination to one shortcut only', () => {
    const all = SHORTCUTS.flatMap((s) => s.keys.map((k) => JSON.stringify(parseCombo(k.length === 1 ? k.toLowerCase() : k))));
    expect(new Set(all).size).toBe(all.length);
  });

  it('finds the shortcut of an event for its handler', () => {
    expect(shortcutFor(press('c', { ctrlKey: true }), 'keys')?.id).toBe('copy');
    expect(shortcutFor(press('v', { ctrlKey: true }), 'keys')).toBeUndefined(); // the paste event's
    expect(shortcutFor(press('Delete'), 'canvas')?.id).toBe('delete');
    expect(shortcutFor(press('N', { shiftKey: true }), 'keys')?.id).toBe('connect-failure');
    expect(shortcutFor(press('x'), 'keys')).toBeUndefined();
  });
});
