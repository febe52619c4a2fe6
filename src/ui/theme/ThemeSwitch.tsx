import { setThemeChoice, useThemeStore } from './theme-store';
import { parseThemeChoice } from './theme';
import './dark.css';

/** System / Light / Dark, remembered in this browser. */
export function ThemeSwitch() {
  const choice = useThemeStore((s) => s.choice);
  return (
    <select className="theme-switch" aria-label="Theme" title="Theme" value={choice} onChange={(e) => setThemeChoice(parseThemeChoice(e.target.value))}>
      <option value="system">System</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  );
}
