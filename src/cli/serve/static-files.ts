import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.map', 'application/json; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.ico', 'image/x-icon'],
  ['.webp', 'image/webp'],
  ['.woff', 'font/woff'],
  ['.woff2', 'font/woff2'],
  ['.ttf', 'font/ttf'],
  ['.wasm', 'application/wasm'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.yaml', 'text/yaml; charset=utf-8'],
]);
const COMPRESSIBLE = /^(text\/|application\/(json|wasm)|image\/svg|font\/ttf)/;

interface CachedFile {
  body: Buffer;
  gzipped?: Buffer;
  type: string;
}

/**
 * The production build, served as a static host serves a single-page app: files with their
 * content types, hashed assets cached for good and index.html never, gzip when the browser takes
 * it, and any other path without a file extension answered with index.html. Nothing outside the
 * build directory is ever read: `..` and encoded tricks are refused, symlinks resolved and checked.
 * Files are read once and kept (the build does not change while it is served).
 */
export class StaticFiles {
  private readonly root: string;
  private readonly cache = new Map<string, CachedFile>();
  private readonly indexHtml: Buffer;

  /** `transformIndex` adds to index.html what the page must know about this server. */
  constructor(root: string, transformIndex: (html: string) => string = (html) => html) {
    this.root = realpathSync(root);
    this.indexHtml = Buffer.from(transformIndex(readFileSync(join(this.root, 'index.html'), 'utf8')));
  }

  serve(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    // The raw path: URL parsing would quietly resolve `..`, and this is to refuse it.
    const path = this.filePath((req.url ?? '/').split(/[?#]/)[0]);
    if (path === 'refused') return plain(res, 400, 'Bad request\n');
    if (path === undefined || path === join(this.root, 'index.html')) return this.sendIndex(req, res);
    const file = this.read(path);
    if (file) return send(req, res, file, path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    // A missing asset is a 404, never the page: a script tag must not get HTML.
    if (extname(path) !== '') return plain(res, 404, 'Not found\n');
    this.sendIndex(req, res);
  }

  /** The absolute file for a URL path; undefined for the root; 'refused' when it could leave the build. */
  private filePath(urlPath: string): string | undefined | 'refused' {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return 'refused';
    }
    if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return 'refused';
    if (decoded === '/' || decoded === '') return undefined;
    const full = normalize(join(this.root, decoded));
    return full.startsWith(this.root + sep) ? full : 'refused';
  }

  private read(path: string): CachedFile | undefined {
    const cached = this.cache.get(path);
    if (cached) return cached;
    let real: string;
    try {
      real = realpathSync(path);
      if (!real.startsWith(this.root + sep) || !statSync(real).isFile()) return undefined;
    } catch {
      return undefined;
    }
    const body = readFileSync(real);
    const type = CONTENT_TYPES.get(extname(real).toLowerCase()) ?? 'application/octet-stream';
    const file: CachedFile = { body, type, ...(COMPRESSIBLE.test(type) && body.length > 1024 ? { gzipped: gzipSync(body) } : {}) };
    this.cache.set(path, file);
    return file;
  }

  private sendIndex(req: IncomingMessage, res: ServerResponse) {
    send(req, res, { body: this.indexHtml, type: CONTENT_TYPES.get('.html')! }, 'no-cache');
  }
}

function send(req: IncomingMessage, res: ServerResponse, file: CachedFile, cacheControl: string) {
  const gzip = file.gzipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? file.gzipped! : file.body;
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': body.length,
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
    ...(file.gzipped ? { Vary: 'Accept-Encoding' } : {}),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function plain(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}
