#!/usr/bin/env node
// Runs the built CLI (dist-cli/, made by `npm ci`'s prepare and by `npm run build`). When it is not
// built, or a file it was built from has changed since, runs the TypeScript sources through tsx
// instead — slower to start, never stale — and says so on stderr.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_DIR, BUNDLE_ENTRY, bundleStaleness, loadBundle } from './bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const staleness = bundleStaleness(root);
if (staleness === undefined) {
  process.exitCode = await loadBundle(join(root, BUNDLE_DIR, BUNDLE_ENTRY)).exports.main(argv);
} else {
  const why = staleness.reason === 'not-built' ? 'the CLI is not built' : `${staleness.file} changed since the CLI was built`;
  process.stderr.write(`kfp-designer: note: ${why}; running from source (slower start). \`npm run build:cli\` builds it.\n`);
  const { register } = await import('tsx/esm/api');
  register();
  const { ensurePrecompiledCheckers } = await import('../scripts/precompile-checkers.ts');
  await ensurePrecompiledCheckers();
  const { main } = await import('../src/cli/bin.ts');
  process.exitCode = await main(argv);
}
