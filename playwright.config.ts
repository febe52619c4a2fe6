import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './scripts/chromium';
import { ensurePrecompiledCheckers } from './scripts/precompile-checkers.ts';

// Specs check downloads with the strict checkers, which read build-time data (fresh after any edit).
await ensurePrecompiledCheckers();

// E2E_PORT / E2E_DIST let several builds be tested side by side (npm test uses the defaults).
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    launchOptions: CHROMIUM,
    trace: 'retain-on-failure',
  },
  webServer: {
    // Serves the production build (npm test builds first).
    command: `node node_modules/vite/bin/vite.js preview --outDir ${DIST} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
