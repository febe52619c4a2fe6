import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
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
  },
});
