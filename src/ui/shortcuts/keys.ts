/**
 * Key combinations written as text (`Mod+Shift+Z`, `Alt+ArrowDown`, `?`), matched against key
 * events and shown to people. Pure: the shortcut table, the key handler and the cheat sheet all
 * read the same strings, so what the sheet says is what the handler does.
 */

/** The parts of a key event a combination is matched against. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface KeyCombo {
  /** Ctrl on Windows and Linux, Cmd on macOS (either one is accepted everywhere). */
  mod: boolean;
  shift: boolean;
  alt: boolean;
  /** `event.key` as written: a letter, a symbol, or a named key (`Enter`, `ArrowDown`). */
  key: string;
}

const MODIFIERS = /^(Mod|Shift|Alt)\+(?=.)/;

export function parseCombo(text: string): KeyCombo {
  const combo: KeyCombo = { mod: false, shift: false, alt: false, key: '' };
  let rest = text;
  for (let m = MODIFIERS.exec(rest); m; m = MODIFIERS.exec(rest)) {
    if (m[1] === 'Mod') combo.mod = true;
    else if (m[1] === 'Shift') combo.shift = true;
    else combo.alt = true;
    rest = rest.slice(m[0].length);
  }
  combo.key = rest;
  return combo;
}

/** A symbol (`?`, `+`, `/`) is typed with or without Shift depending on the keyboard layout, so Shift is not compared for it. */
const isSymbol = (key: string) => key.length === 1 && key.toLowerCase() === key.toUpperCase();

export function matchesCombo(event: KeyLike, combo: KeyCombo): boolean {
  if ((event.ctrlKey || event.metaKey) !== combo.mod || event.altKey !== combo.alt) return false;
  if (!isSymbol(combo.key) && event.shiftKey !== combo.shift) return false;
  return combo.key.length === 1 ? event.key.toLowerCase() === combo.key.toLowerCase() : event.key === combo.key;
}

export const matchesAny = (event: KeyLike, combos: readonly string[]): boolean => combos.some((c) => matchesCombo(event, parseCombo(c)));

const KEY_NAMES: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  ' ': 'Space',
};

/** The keys a person presses, in order, as the cheat sheet shows them (`Ctrl`, `Shift`, `Z`; `⌘`, `Z` on a Mac). */
export function comboKeys(text: string, mac: boolean): string[] {
  const combo = parseCombo(text);
  return [
    ...(combo.mod ? [mac ? '⌘' : 'Ctrl'] : []),
    ...(combo.alt ? [mac ? '⌥' : 'Alt'] : []),
    ...(combo.shift ? ['Shift'] : []),
    KEY_NAMES[combo.key] ?? (combo.key.length === 1 ? combo.key.toUpperCase() : combo.key),
  ];
}

export const isMacPlatform = (platform: string): boolean => /mac|iphone|ipad/i.test(platform);
