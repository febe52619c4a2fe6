import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { runnerImport, type Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import { monacoChunkGroups, monacoChunkTasks } from './scripts/monaco-chunks.ts';
import { precompiledCheckers } from './scripts/precompile-checkers.ts';
import { reactFlowFixes } from './scripts/react-flow-fixes.ts';

/**
 * The pipeline a first visit opens with (src/example/, imported by store/initial.ts) is imported
 * when the app is built rather than in the browser: the magnus importer and the YAML parser (~40 KB
 * gzip) then load only when the user imports something. Its diagnostics are computed here too
 * (store/derived.ts), so the page draws it before the validator and the emitters have loaded
 * (store/engine.ts).
 */
function examplePipeline(): Plugin {
  return {
    name: 'kfp-designer:example-pipeline',
    async config() {
      if (process.env.VITEST) return; // unit tests never render the app
      const root = fileURLToPath(new URL('.', import.meta.url));
      const built = `${root}src/ui/store/example-build.ts`;
      const { module } = await runnerImport<typeof import('./src/ui/store/example-build')>(built, { root, configFile: false, logLevel: 'error' });
      return {
        define: {
          __EXAMPLE_PIPELINE__: JSON.stringify(module.pipeline),
          // For the target the designer opens with (main.tsx primes them only if that is still so).
          __EXAMPLE_DIAGNOSTICS__: JSON.stringify(module.diagnostics),
        },
      };
    },
  };
}

/**
 * `KFP_URL=http://localhost:8080 npm start`: Kubeflow Pipelines behind the dev server, for "Run on
 * Kubeflow", as `kfp-designer serve --kfp` does it (src/cli/serve/vite-plugin.ts, loaded only then).
 */
async function kfpDevProxy(): Promise<Plugin | undefined> {
  if (!process.env.KFP_URL) return undefined;
  const root = fileURLToPath(new URL('.', import.meta.url));
  const plugin = `${root}src/cli/serve/vite-plugin.ts`;
  const { module } = await runnerImport<typeof import('./src/cli/serve/vite-plugin')>(plugin, { root, configFile: false, logLevel: 'error' });
  return module.kfpDevProxy(process.env);
}

export default defineConfig({
  plugins: [react(), examplePipeline(), precompiledCheckers(), monacoChunkTasks(), reactFlowFixes(), kfpDevProxy()],
  resolve: {
    alias: [
      { find: /^use-sync-external-store\/shim$/, replacement: fileURLToPath(new URL('./src/ui/common/sync-external-store.ts', import.meta.url)) },
      {
        // monaco-yaml -> monaco-worker-manager imports 'monaco-editor/esm/vs/editor/editor.worker.js',
        // which monaco-editor >= 0.56's "exports" map no longer resolves.
        find: /^monaco-editor\/esm\/vs\/(.*)$/,
        replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/$1', import.meta.url)),
      },
    ],
  },
  optimizeDeps: {
    // Pre-bundled at dev-server start: discovered late (the YAML pane loads them lazily), they
    // would make the dev server reload the page on a first visit.
    include: [
      'monaco-yaml/yaml.worker.js',
      'monaco-yaml',
      '@monaco-editor/react',
      'monaco-editor/editor',
      'monaco-editor/features/register.all',
      'monaco-editor/languages/definitions/yaml/register',
    ],
  },
  worker: { format: 'es' },
  // Every browser the designer supports has <link rel="modulepreload">: no polyfill in the first load.
  build: {
    chunkSizeWarningLimit: 4096,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Everything the entry imports statically in the entry's chunk: what lazily loaded chunks
            // share with it would otherwise be chunks of their own (JSX runtime, model paths, helpers:
            // six files under 4 KB, requested and gzipped one by one before the first paint).
            { name: 'index', tags: ['$initial'], priority: 200 },
            // Monaco in chunks evaluated one task each (scripts/monaco-chunks.ts).
            ...monacoChunkGroups,
          ],
        },
      },
    },
  },
  test: {
    testTimeout: 30_000,
    setupFiles: ['test/support/fast-check-seed.ts', 'test/support/engine.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: [...configDefaults.exclude, '**/*.contract.test.ts'] } },
      // Tests against the Kubeflow Pipelines swagger: Prism is started once for them (and only when one runs).
      { extends: true, test: { name: 'contract', include: ['src/**/*.contract.test.ts', 'test/**/*.contract.test.ts'], globalSetup: ['test/kfp/global-setup.ts'] } },
    ],
  },
});
