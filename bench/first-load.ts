/**
 * `npm run bench:size`: issue 13's first-load goal without a browser, in seconds. The first load is
 * what index.html loads before anything runs: its module script and the modules it preloads (the
 * entry's chunk and Rolldown's runtime), gzipped as `npm run bench:ui` counts them (zlib's default
 * level). Each file's bytes are attributed to the source modules they came from (the build's source
 * maps): a module's share of the gzip is its text gzipped alone, scaled so the shares add up to the
 * file's gzip — an estimate (gzip shares context across modules), good for finding what to move.
 * Exits 1 above the goal, so a change that breaks it is caught here.
 *
 * The browser bench stays the measure: it also counts a chunk the page requests before its first
 * step is drawn (an `import()` on the way to the first paint), which index.html does not name.
 *
 * Environment: BENCH_SIZE_DIST=<dir>[,<dir>…] measures existing builds (built with `--sourcemap`
 * for the attribution) instead of building this tree; BENCH_SIZE_TOP (modules listed per file, 25).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { printGoals } from './goals';
import { textBySource } from './source-map-bytes';

const ROOT = new URL('..', import.meta.url).pathname;
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
const GOAL = 150_000;
const TOP = Number(process.env.BENCH_SIZE_TOP ?? 25);
/** Added by a `--sourcemap` build, the only difference from the build that is served: not counted. */
const MAP_COMMENT = /\n\/\/# sourceMappingURL=[^\n]*$/;

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const gzip = (text: string) => gzipSync(text).length;

function build(): string {
  const dist = mkdtempSync(join(tmpdir(), 'kfp-designer-bench-size-'));
  console.log(`building into ${dist} …`);
  const result = spawnSync(process.execPath, [VITE, 'build', '--outDir', dist, '--emptyOutDir', '--sourcemap', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
  return dist;
}

/** The JavaScript index.html loads: its module scripts, then the modules it preloads. */
function firstLoadFiles(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*\shref="([^"]+)"/g)].map((m) => m[1]);
  return [...scripts, ...preloads].map((url) => join(dist, url.replace(/^\//, '')));
}

/** A source's name to show: its package for node_modules, else its path in the project. */
function moduleName(source: string | null): string {
  if (source === null) return '(bundler glue)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (inPackage) return inPackage[1];
  return source.replace(/^(\.\.\/)+/, '').replace(ROOT.replace(/^\//, ''), '');
}

function moduleShares(code: string, mapFile: string, total: number): { name: string; raw: number; gzip: number }[] {
  const byModule = new Map<string, string[]>();
  for (const [source, parts] of textBySource(code, JSON.parse(readFileSync(mapFile, 'utf8')))) {
    const name = moduleName(source);
    byModule.set(name, [...(byModule.get(name) ?? []), ...parts]);
  }
  const alone = [...byModule].map(([name, parts]) => ({ name, raw: Buffer.byteLength(parts.join('')), alone: gzip(parts.join('')) }));
  const sum = alone.reduce((s, m) => s + m.alone, 0);
  return alone.map((m) => ({ name: m.name, raw: m.raw, gzip: (m.alone * total) / sum })).sort((a, b) => b.gzip - a.gzip);
}

function measure(dist: string, label: string): number {
  let total = 0;
  console.log(`\nJavaScript index.html loads (${label}), gzip:`);
  for (const file of firstLoadFiles(dist)) {
    const code = readFileSync(file, 'utf8').replace(MAP_COMMENT, '');
    const size = gzip(code);
    total += size;
    console.log(`\n${basename(file)}: ${kb(Buffer.byteLength(code))} raw, ${kb(size)} gzip`);
    if (!existsSync(`${file}.map`)) continue;
    const shares = moduleShares(code, `${file}.map`, size);
    for (const m of shares.slice(0, TOP)) console.log(`  ${kb(m.gzip).padStart(8)}  ${kb(m.raw).padStart(8)} raw  ${m.name}`);
    const rest = shares.slice(TOP);
    if (rest.length > 0) console.log(`  ${kb(rest.reduce((s, m) => s + m.gzip, 0)).padStart(8)}  (${rest.length} more modules)`);
  }
  printGoals(`issue 13's first-load goal (${label}):`, [
    { what: 'JavaScript loaded before the first step is drawn (gzip)', goal: `≤ ${kb(GOAL)}`, now: kb(total), met: total <= GOAL },
  ]);
  return total;
}

const given = process.env.BENCH_SIZE_DIST?.split(',').filter(Boolean);
const builds = given ?? [build()];
try {
  const totals = builds.map((dist) => measure(dist, given ? basename(dist) : 'this tree'));
  if (totals.some((total) => total > GOAL)) process.exitCode = 1;
} finally {
  if (!given) rmSync(builds[0], { recursive: true, force: true });
}
