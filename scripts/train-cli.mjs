// Run by the CLI build (vite.cli.config.ts) once the bundle is written: runs every command and
// target of the built CLI on a small pipeline of the repository, in one process, then saves V8's
// code cache of each chunk beside it — compiled code for everything a run uses — which
// bin/bundle.cjs hands to V8 at every start.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_DIR, BUNDLE_ENTRY, CACHE_SUFFIX, loadBundle } from '../bin/bundle.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const input = ['test/fixtures/golden-input/train.dag.yaml', '-c', 'test/fixtures/golden-input/train.config.yaml', '-p', 'test/fixtures/golden-input/train.parameters.yaml'];
const runs = [['--help'], ['transpile', '--help'], ['validate', ...input], ...['kfp-v2', 'kfp-v1', 'argo'].map((target) => ['transpile', ...input, '-t', target, '-o', '-'])];

const { exports, scripts } = loadBundle(join(root, BUNDLE_DIR, BUNDLE_ENTRY), { useCache: false });
const errors = [];
const io = { stdout: () => {}, stderr: (text) => errors.push(text), env: {}, cwd: root };
for (const argv of runs) {
  const code = await exports.runCli(argv, io);
  if (code !== 0) throw new Error(`training run \`kfp-designer ${argv.join(' ')}\` exited ${code}:\n${errors.join('')}`);
}
for (const { file, script } of scripts) writeFileSync(file + CACHE_SUFFIX, script.createCachedData());
