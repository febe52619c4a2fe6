#!/usr/bin/env node
// Runs the built CLI (dist-cli/, made by `npm ci`'s prepare and by `npm run build`). When it is not
// built, or a file it was built from has changed since, runs the TypeScript sources through tsx
// instead — slower to start, never stale — and says so on stderr. CommonJS, so that Node starts it
// without setting up its ES module loader (bin/bundle.cjs says what that cost).
'use strict';
const { join } = require('node:path');
const { BUNDLE_DIR, BUNDLE_ENTRY, bundleStaleness, loadBundle } = require('./bundle.cjs');

const root = join(__dirname, '..');
const argv = process.argv.slice(2);

async function fromSources(staleness) {
  const why = staleness.reason === 'not-built' ? 'the CLI is not built' : `${staleness.file} changed since the CLI was built`;
  process.stderr.write(`kfp-designer: note: ${why}; running from source (slower start). \`npm run build:cli\` builds it.\n`);
  const { register } = await import('tsx/esm/api');
  register();
  const { ensurePrecompiledCheckers } = await import('../scripts/precompile-checkers.ts');
  await ensurePrecompiledCheckers();
  const { main } = await import('../src/cli/bin.ts');
  return main(argv);
}

const staleness = bundleStaleness(root);
if (staleness === undefined) {
  // The bundle's main resolves once the command is done and its output written: exit at once. A
  // natural exit first tears V8's heap down, page by page, and waits for its background tasks
  // (~5 % of a small transpile's wall time), which a finished command need not wait for.
  loadBundle(join(root, BUNDLE_DIR, BUNDLE_ENTRY)).exports.main(argv).then((code) => process.exit(code));
} else {
  fromSources(staleness).then((code) => {
    process.exitCode = code;
  });
}
