/**
 * How every Playwright run here launches a browser (tests, bench:ui, the screenshot): Debian's
 * Chromium, as Playwright cannot download its own browser on these machines, quiet and sandbox-free
 * for CI containers.
 */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
};
