/**
 * The `test` every spec uses. It watches the whole browser context for two things a user must never
 * get: a request that leaves the machine (the designer works offline, Monaco included: no CDN) and a
 * console error or uncaught page error. Either one fails the test that caused it, after the test's
 * own steps, with the list of offending URLs or messages.
 */
import { expect, test as base } from '@playwright/test';

export { expect };
export type { Locator, Page } from '@playwright/test';

/** data:, blob: and about: URLs never reach the network. */
const LOCAL_PROTOCOLS = new Set(['data:', 'blob:', 'about:']);
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function leavesTheMachine(url: string): boolean {
  try {
    const parsed = new URL(url);
    return !LOCAL_PROTOCOLS.has(parsed.protocol) && !LOCAL_HOSTS.has(parsed.hostname);
  } catch {
    return true; // an unparseable URL is suspicious enough to report
  }
}

interface Watch {
  /** Requests and WebSockets to any host but this machine. */
  foreignRequests: string[];
  /** `console.error` messages and uncaught errors, of the page and its workers. */
  browserErrors: string[];
}

export const test = base.extend<{ watch: Watch }>({
  watch: [
    async ({ context, page }, use) => {
      const watch: Watch = { foreignRequests: [], browserErrors: [] };
      // Context-wide, so popups and workers are covered, not only the first page.
      context.on('request', (request) => {
        if (leavesTheMachine(request.url())) watch.foreignRequests.push(`${request.method()} ${request.url()}`);
      });
      context.on('console', (message) => {
        const where = message.location().url;
        if (message.type() === 'error') watch.browserErrors.push(`console.error: ${message.text()}${where ? ` (${where})` : ''}`);
      });
      context.on('weberror', (error) => watch.browserErrors.push(`uncaught: ${error.error().message}`));
      // The request event does not cover WebSockets.
      page.on('websocket', (socket) => {
        if (leavesTheMachine(socket.url())) watch.foreignRequests.push(`WebSocket ${socket.url()}`);
      });
      await use(watch);
      expect(watch.foreignRequests, 'requests that left the machine').toEqual([]);
      expect(watch.browserErrors, 'console errors and uncaught page errors').toEqual([]);
    },
    { auto: true },
  ],
});
