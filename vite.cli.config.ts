import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { BUNDLE_DIR, INPUTS_FILE, WRAPPER, WRAPPER_END } from './bin/bundle.cjs';
import { precompiledCheckers, precompileInputs } from './scripts/precompile-checkers.ts';

/**
 * The command line bundled for Node (`npm run build:cli`, run by `npm ci`'s `prepare` and by
 * `npm run build`): no TypeScript compiled at start, dependencies inlined, one chunk per `import()`
 * of src/cli/main.ts (so `--help` loads a few KB and each target only its own checker), CommonJS so
 * that bin/bundle.cjs can hand V8 each chunk's code cache, which a training run then writes.
 */
const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * Lists every file the bundle was built from, with its size and modification time, so that
 * bin/kfp-designer.cjs can tell a stale bundle (a source edited since) and run the sources instead.
 */
function inputsManifest(): Plugin {
  return {
    name: 'kfp-designer:cli-inputs',
    writeBundle() {
      const modules = [...this.getModuleIds()].filter((id) => id.startsWith(ROOT) && !id.includes('/node_modules/'));
      const own = ['package-lock.json', 'bin/bundle.cjs', 'scripts/train-cli.mjs'].map((file) => join(ROOT, file));
      const files = [...new Set([...modules, ...precompileInputs(), ...own, fileURLToPath(import.meta.url)])]
        .map((file) => relative(ROOT, file))
        .sort()
        .map((file) => {
          const { size, mtimeMs } = statSync(join(ROOT, file));
          return [file, size, mtimeMs];
        });
      writeFileSync(join(ROOT, BUNDLE_DIR, INPUTS_FILE), `${JSON.stringify({ files })}\n`);
      const training = spawnSync(process.execPath, [join(ROOT, 'scripts/train-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
      if (training.status !== 0) throw new Error('the training run of the built CLI failed');
    },
  };
}

/**
 * Each chunk written already wrapped in the function bin/bundle.cjs calls it as (Node's CommonJS
 * wrapper), so that a start compiles the file's text as read, without copying it into a wrapped one.
 */
function wrappedChunks(): Plugin {
  return {
    name: 'kfp-designer:wrapped-chunks',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) if (output.type === 'chunk') output.code = `${WRAPPER}${output.code}${WRAPPER_END}`;
    },
  };
}

/** The CLI's own src/cli/lazy-bufbuild.ts for `@bufbuild/protobuf`, but in that file itself. */
function lazyBufbuild(): Plugin {
  const shim = join(ROOT, 'src/cli/lazy-bufbuild.ts');
  return {
    name: 'kfp-designer:lazy-bufbuild',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === '@bufbuild/protobuf' && importer !== shim ? shim : null;
    },
  };
}

export default defineConfig({
  plugins: [lazyBufbuild(), precompiledCheckers(), wrappedChunks(), inputsManifest()],
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/cli/bin.ts',
    outDir: BUNDLE_DIR,
    emptyOutDir: true,
    target: 'node20',
    minify: true,
    rolldownOptions: {
      // The training run (above) is meant to take a while; no report of slow plugin callbacks.
      checks: { bundlerTimings: false },
      output: { format: 'cjs', charset: 'ascii', entryFileNames: 'kfp-designer.cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
});
