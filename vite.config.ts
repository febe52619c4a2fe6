import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { runnerImport, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { precompiledCheckers } from './scripts/precompile-checkers.ts';

/**
 * The pipeline a first visit opens with (src/example/, imported by store/initial.ts) is imported
 * when the app is built rather than in the browser: the magnus importer and the YAML parser (~40 KB
 * gzip) then load only when the user imports something.
 */
function examplePipeline(): Plugin {
  return {
    name: 'kfp-designer:example-pipeline',
    async config() {
      if (process.env.VITEST) return; // unit tests never render the app
      const root = fileURLToPath(new URL('.', import.meta.url));
      const initial = `${root}src/ui/store/initial.ts`;
      const { module } = await runnerImport<typeof import('./src/ui/store/initial')>(initial, { root, configFile: false, logLevel: 'error' });
      return { define: { __EXAMPLE_PIPELINE__: JSON.stringify(module.examplePipeline()) } };
    },
  };
}

export default defineConfig({
  plugins: [react(), examplePipeline(), precompiledCheckers()],
  resolve: {
    alias: [
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
  build: { chunkSizeWarningLimit: 4096 },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    setupFiles: ['test/support/fast-check-seed.ts'],
  },
});
