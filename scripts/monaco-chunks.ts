/**
 * Monaco (~4 MB of JavaScript) in several chunks, each evaluated in a task of its own.
 *
 * As one chunk, Monaco's evaluation was one task of 200–500 ms on this machine, during which the
 * page answered nothing (issue 10: never more than ~100 ms). A chunk per layer of Monaco's own
 * architecture — base, platform, editor/common, editor/browser, editor/contrib, standalone (cut by
 * size instead, chunks imported each other both ways and broke); each chunk's body starts by waiting for a macrotask, so the
 * page's input, timers and frames run between two chunks. The layers only import downwards (Monaco
 * enforces it) and a group takes its modules' dependencies that no earlier group took, so the chunks
 * import each other in one direction only and evaluate in dependency order, as one chunk did.
 * The editor chunk (YamlEditor: Monaco's set-up, monaco-yaml, the React editor) waits for all of them.
 */
import type { Plugin } from 'vite';

/** Chunk name prefix; bench/ui/run.ts counts these files as Monaco's (loaded lazily, for the YAML pane). */
export const MONACO_CHUNK_PREFIX = 'monaco-';

const layer = (path: string) => new RegExp(`[\\\\/]node_modules[\\\\/]monaco-editor[\\\\/]esm[\\\\/]vs[\\\\/]${path}`);

/** From the bottom layer up: a group takes its modules' dependencies that no earlier group took. */
const LAYERS: { name: string; test: RegExp }[] = [
  { name: 'base-common', test: layer('(base[\\\\/]common[\\\\/]|nls)') },
  { name: 'base', test: layer('base[\\\\/]') },
  { name: 'platform-common', test: layer('platform[\\\\/][^\\\\/]+[\\\\/]common[\\\\/]') },
  { name: 'platform', test: layer('platform[\\\\/]') },
  { name: 'editor-common', test: layer('editor[\\\\/]common[\\\\/]') },
  { name: 'editor-browser', test: layer('editor[\\\\/]browser[\\\\/]') },
  { name: 'editor-contrib', test: layer('editor[\\\\/]contrib[\\\\/]') },
  { name: 'standalone', test: /[\\/]node_modules[\\/]monaco-editor[\\/]/ },
];

/**
 * `output.codeSplitting.groups` for Monaco: earlier groups win (higher priority). A group takes in
 * its modules' dependencies that no group of a higher priority took: Vite's preload helper, which
 * Monaco's own dynamic imports use, must be taken first by the first load's group (vite.config.ts),
 * or the first load would load the Monaco chunk holding it.
 */
export const monacoChunkGroups = LAYERS.map(({ name, test }, i) => ({ name: `${MONACO_CHUNK_PREFIX}${name}`, test, priority: 100 - i }));

/** A macrotask (a timer), so that what waits for it runs in a task of its own. */
const NEXT_TASK = 'await new Promise((resolve) => setTimeout(resolve));\n';

/**
 * Starts each Monaco chunk's body with a wait for the next task. Its imports are hoisted, so the
 * chunks it depends on still run first; a chunk that imports it waits for it (top-level await).
 */
export function monacoChunkTasks(): Plugin {
  return {
    name: 'kfp-designer:monaco-chunk-tasks',
    apply: 'build',
    renderChunk(code, chunk) {
      if (!chunk.name.startsWith(MONACO_CHUNK_PREFIX) || chunk.isEntry) return null;
      return { code: NEXT_TASK + code, map: null };
    },
  };
}
