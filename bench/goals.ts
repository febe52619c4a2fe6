/**
 * The goals of issue 13 (performance at the limit), each printed beside its measured value by the
 * bench that measures it: `npm run bench` (core, CLI) and `npm run bench:ui` (the app in Chromium).
 */
export interface GoalRow {
  what: string;
  goal: string;
  now: string;
  /** undefined: not measured in this run (e.g. a size left out). */
  met: boolean | undefined;
}

export function printGoals(title: string, rows: GoalRow[]): void {
  const table = [['goal (issue 13)', 'target', 'now', 'met?'], ...rows.map((r) => [r.what, r.goal, r.now, r.met === undefined ? '–' : r.met ? 'yes' : 'NO'])];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  console.log(`\n${title}`);
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

export const ms = (value: number) => `${value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en')} ms`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
