import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Where the built UI is: `dist/web` beside the compiled server (`dist/server/…`), or, when running from the sources
 * (tests), the same folder under the project root. Undefined when the UI has not been built.
 */
export function defaultWebRoot(): string | undefined {
  for (const rel of ['../web', '../../dist/web']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return undefined;
}

/**
 * Serves the UI's static files. Vite names assets by content hash, so they are cached for good; `index.html` is
 * always revalidated. Paths are normalised and must stay inside the root.
 */
export function staticFiles(root: string | undefined) {
  return async (c: Context) => {
    if (!root) {
      return c.text('the web UI is not built: run `npm run build`, then start the server again', 404);
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.notFound(); // A malformed %-escape names no file.
    }
    const rel = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
    const file = normalize(join(root, rel));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return c.notFound();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return c.notFound();
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = rel.startsWith('assets/');
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  };
}
