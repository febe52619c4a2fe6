/** Reading the lines of a text in our writer's block layout, for the mutations of kfp-v2-mutations-test-support.ts. */

export interface Line {
  indent: number;
  /** Where the key or item starts (after the indentation and any `- `). */
  column: number;
  key: string | undefined;
  /** The value's text on the line ('' for a key that opens a block). */
  value: string;
}

const LINE = /^( *)((?:- )*)(.*)$/s;
const KEY = /^("(?:[^"\\]|\\.)*"|[^\s"'#\-[{][^:]*?|-[^\s:][^:]*?):(?: (.*)|$)/;

/** A line as our writer lays it out: indentation, any `- `, then a `key:` with its value, or an item's text (a misread line only makes another mutation). */
export function readLine(line: string): Line {
  const [, spaces, dashes, rest] = LINE.exec(line)!;
  const column = spaces.length + dashes.length;
  const key = KEY.exec(rest);
  return key ? { indent: spaces.length, column, key: key[1], value: key[2] ?? '' } : { indent: spaces.length, column, key: undefined, value: rest };
}

/** The index past the lines nested under line `i` (more indented than it). */
export function blockEnd(lines: string[], i: number): number {
  const indent = readLine(lines[i]).indent;
  let end = i + 1;
  while (end < lines.length && lines[end] !== '' && readLine(lines[end]).indent > indent) end++;
  return end;
}

/** Index `n` into the lines of `lines` that `keep` takes, or undefined when none does. */
export function pick(lines: string[], n: number, keep: (line: Line) => boolean): number | undefined {
  const candidates: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i] !== '' && keep(readLine(lines[i]))) candidates.push(i);
  return candidates.length === 0 ? undefined : candidates[n % candidates.length];
}

/** A line `keep` takes whose key is one of `keys`, each such key as likely as another (`schemaVersion` as `name`). */
export function pickFocused(lines: string[], n: number, keys: ReadonlySet<string>, keep: (line: Line) => boolean = () => true): number | undefined {
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] === '' ? undefined : readLine(lines[i]);
    if (line?.key !== undefined && keys.has(line.key) && keep(line)) byKey.set(line.key, [...(byKey.get(line.key) ?? []), i]);
  }
  return pickInGroups([...byKey.values()], n);
}

/** Item `n` of one of `groups`, each group as likely as another. */
export function pickInGroups<T>(groups: T[][], n: number): T | undefined {
  if (groups.length === 0) return undefined;
  const group = groups[n % groups.length];
  return group[Math.floor(n / groups.length) % group.length];
}

/** The lines that differ between `before` and `after`, with a line of context, for a failure's message. */
export function changedLines(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;
  const from = Math.max(0, start - 1);
  const show = (lines: string[], end: number, sign: string) => lines.slice(start, end).map((line) => `${sign} ${JSON.stringify(line)}`);
  return [`@ line ${start + 1}`, ...a.slice(from, start).map((line) => `  ${JSON.stringify(line)}`), ...show(a, endA, '-'), ...show(b, endB, '+')].join('\n');
}

