/** Light or dark: what the user chose (or "follow the system") and what that comes to. Pure. */

export const THEME_KEY = 'kfp-designer.theme';
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

/** A stored choice, or "system" for anything else (nothing stored, an old or edited value). */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
  return (THEME_CHOICES as readonly (string | null | undefined)[]).includes(stored) ? (stored as ThemeChoice) : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

/** Monaco's built-in theme names. */
export const monacoTheme = (theme: Theme): 'vs' | 'vs-dark' => (theme === 'dark' ? 'vs-dark' : 'vs');
