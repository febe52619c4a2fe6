// The built CLI (dist-cli/, made by vite.cli.config.ts): whether it still matches the files it was
// built from, and loading it. Read at every start of bin/kfp-designer.cjs, so it only stats files
// (~100, ~1 ms), never hashes them. CommonJS, like the bin: an ES module entry makes Node set up its
// ES module loader first (fs/promises, readline…), ~10 % of a `transpile` on top of Node's own start.
'use strict';
const { closeSync, openSync, readFileSync, readSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE_DIR = 'dist-cli';
const BUNDLE_ENTRY = 'kfp-designer.cjs';
const INPUTS_FILE = 'inputs.json';
const CACHE_SUFFIX = '.v8cache';
exports.BUNDLE_DIR = BUNDLE_DIR;
exports.BUNDLE_ENTRY = BUNDLE_ENTRY;
exports.INPUTS_FILE = INPUTS_FILE;
exports.CACHE_SUFFIX = CACHE_SUFFIX;

const NO_THROW = { throwIfNoEntry: false };

/**
 * Why the bundle under `root` cannot be used, or undefined when it can: not built, or the first
 * input (repository-relative path) whose size or modification time differs from the build's.
 * Paths are joined by hand: the inputs are normalised relative paths, and path.join's normalising
 * of each was half of this check's time.
 */
exports.bundleStaleness = function bundleStaleness(root) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(root, BUNDLE_DIR, INPUTS_FILE), 'utf8')).files;
    statSync(join(root, BUNDLE_DIR, BUNDLE_ENTRY));
  } catch {
    return { reason: 'not-built' };
  }
  const prefix = root.endsWith('/') ? root : `${root}/`;
  for (const [file, size, mtimeMs] of inputs) {
    const stats = statSync(prefix + file, NO_THROW);
    if (stats === undefined || stats.size !== size || stats.mtimeMs !== mtimeMs) return { reason: 'changed', file };
  }
  return undefined;
};

/**
 * Each file of the bundle is a CommonJS module already wrapped in the function Node's own loader
 * would wrap it in (the build writes it so), so that V8 compiles the text as read: wrapping it here
 * copied ~0.6 MB of source into a new string at every start.
 */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_END = '\n})';
exports.WRAPPER = WRAPPER;
exports.WRAPPER_END = WRAPPER_END;

/**
 * One buffer every file of a start is read into, grown when a file is larger: a fresh buffer per
 * file was fresh memory for the kernel to map, page by page, for each of ~1 MB of sources and caches
 * (~15 µs a page on this machine's virtual machine). A file's text is copied out of it into a string;
 * a code cache is used from it by V8 while compiling, before the next file is read.
 */
let scratch;
function readIntoScratch(file) {
  const fd = openSync(file, 'r');
  try {
    scratch ??= Buffer.allocUnsafeSlow(1 << 19);
    let length = 0;
    for (;;) {
      if (length === scratch.length) {
        const larger = Buffer.allocUnsafeSlow(scratch.length * 2);
        scratch.copy(larger);
        scratch = larger;
      }
      const read = readSync(fd, scratch, length, scratch.length - length, null);
      if (read === 0) return scratch.subarray(0, length);
      length += read;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Loads the bundle's entry and the CommonJS chunks it requires with V8's code cache: each chunk's
 * compiled code, saved beside it by the build's training run (scripts/train-cli.mjs), so a start
 * skips most of compiling ~0.3 MB of JavaScript (Node 20 has no module compile cache; Node ≥ 22's
 * module.enableCompileCache does this for ES modules). A cache V8 cannot use (another Node, an
 * edited chunk) is ignored and the chunk compiled as usual. `scripts` are what was compiled.
 */
exports.loadBundle = function loadBundle(entry, { useCache = true } = {}) {
  // What a chunk requires from outside the bundle, Node's own modules, through this file's require:
  // module.createRequire would load node:module, and with it Node's ES module loader. (A package
  // would resolve the same from here as from dist-cli/: both search the root's node_modules.)
  const nodeRequire = require;
  const modules = new Map();
  const scripts = [];
  const load = (file) => {
    const known = modules.get(file);
    if (known) return known.exports;
    // The build writes ASCII only (vite.cli.config.ts: charset, and a check), so the bytes are the
    // characters: a Latin-1 read copies them, where UTF-8 decoding first scanned ~0.3 MB for multi-byte ones.
    const source = readIntoScratch(file).toString('latin1');
    if (!source.startsWith(WRAPPER) || !source.endsWith(WRAPPER_END)) throw new Error(`${file} is not a chunk of the built CLI (not wrapped as one): \`npm run build:cli\` rebuilds it`);
    let cachedData;
    if (useCache)
      try {
        cachedData = readIntoScratch(file + CACHE_SUFFIX);
      } catch {
        // not trained: compiled as usual
      }
    const script = new Script(source, { filename: file, cachedData });
    const module = { exports: {} };
    modules.set(file, module);
    const directory = dirname(file);
    const require = (id) => (id.startsWith('./') || id.startsWith('../') ? load(join(directory, id)) : nodeRequire(id));
    script.runInThisContext()(module.exports, require, module, file, directory);
    scripts.push({ file, script });
    return module.exports;
  };
  return { exports: load(entry), scripts };
};
