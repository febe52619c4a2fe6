/**
 * The theme in force, outside the pipeline store: it is a preference of this browser, not part of
 * the pipeline, and must be known before the first render so the page never flashes light.
 */
import { create } from 'zustand';
import { monacoTheme, parseThemeChoice, resolveTheme, THEME_KEY, type Theme, type ThemeChoice } from './theme';

interface ThemeState {
  choice: ThemeChoice;
  systemDark: boolean;
  theme: Theme;
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

function readChoice(): ThemeChoice {
  try {
    return parseThemeChoice(window.localStorage.getItem(THEME_KEY));
  } catch {
    return 'system'; // storage disabled: follow the system
  }
}

const systemDark = typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
const initialChoice = typeof window !== 'undefined' ? readChoice() : 'system';

export const useThemeStore = create<ThemeState>()(() => ({
  choice: initialChoice,
  systemDark,
  theme: resolveTheme(initialChoice, systemDark),
}));

function update(next: Partial<Pick<ThemeState, 'choice' | 'systemDark'>>) {
  const { choice, systemDark } = { ...useThemeStore.getState(), ...next };
  useThemeStore.setState({ choice, systemDark, theme: resolveTheme(choice, systemDark) });
}

export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === 'system') window.localStorage.removeItem(THEME_KEY);
    else window.localStorage.setItem(THEME_KEY, choice);
  } catch {
    // not remembered, but still applied
  }
  update({ choice });
}

/** Puts the theme on <html> (the CSS palettes key on it) now and whenever it or the system's changes. */
export function startTheme(): void {
  const apply = ({ theme }: ThemeState) => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  };
  apply(useThemeStore.getState());
  useThemeStore.subscribe(apply);
  window.matchMedia?.(DARK_QUERY).addEventListener('change', (event) => update({ systemDark: event.matches }));
}

export const useTheme = (): Theme => useThemeStore((s) => s.theme);
/** For Monaco's `theme` prop (`vs` / `vs-dark`); the editor's own default would be light. */
export const useEditorTheme = () => monacoTheme(useTheme());
