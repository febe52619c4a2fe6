import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { ENDPOINT_META_NAME } from '../../deploy/endpoint-info';
import { kfpDevProxy } from './vite-plugin';

describe('KFP_URL for the Vite dev server', () => {
  it('forwards /apis/v1beta1|v2beta1 with the server’s token, without the browser’s cookies, and tells the page', async () => {
    const seen: { url?: string; headers: IncomingHttpHeaders }[] = [];
    const upstream = createHttpServer((req, res) => {
      seen.push({ url: req.url, headers: req.headers });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': 'kf=1' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const kfp = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const root = mkdtempSync(join(tmpdir(), 'kfp-vite-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    const server = await createServer({
      configFile: false,
      root,
      logLevel: 'silent',
      plugins: [kfpDevProxy({ KFP_URL: kfp, KFP_TOKEN: 'dev-token' })],
      server: { port: 0, host: '127.0.0.1' },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    try {
      const base = `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}`;
      const answer = await fetch(`${base}/apis/v2beta1/pipelines?filter=%257B%257D`, { headers: { Cookie: 'designer=1', Origin: 'http://evil.example' } });
      expect(await answer.json()).toEqual({ ok: true });
      expect(answer.headers.get('set-cookie')).toBeNull();
      expect(seen[0].url).toBe('/apis/v2beta1/pipelines?filter=%257B%257D');
      expect(seen[0].headers.authorization).toBe('Bearer dev-token');
      expect(seen[0].headers.cookie).toBeUndefined();
      expect(seen[0].headers.origin).toBeUndefined();
      await fetch(`${base}/apis/v1beta1/healthz`, { headers: { Authorization: 'Bearer user-token' } });
      expect(seen[1].headers.authorization).toBe('Bearer user-token');
      const html = await (await fetch(`${base}/`, { headers: { Accept: 'text/html' } })).text();
      expect(html).toContain(`<meta name="${ENDPOINT_META_NAME}" content="{&quot;endpoint&quot;:&quot;${kfp}&quot;`);
      expect(html).not.toContain('dev-token');
    } finally {
      await server.close();
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    }
  });

  it('does nothing without KFP_URL', () => {
    expect(kfpDevProxy({})).toEqual({ name: 'kfp-designer:kfp-dev-proxy' });
  });
});
