import { serve, type ServerType } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';
import { defaultWebRoot } from './static.js';

/** Loopback unless told otherwise: the write token is the only lock, so the server is not exposed by default. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8722;

export interface ServeOptions {
  store: Store;
  port?: number;
  host?: string;
  token?: string;
  webRoot?: string;
  version?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The package version, for `/openapi.json` (two folders up from `src/server` or `dist/server`). */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Starts the HTTP server; port 0 picks a free one (tests). */
export function startServer(o: ServeOptions): Promise<RunningServer> {
  const app = createApp({
    store: o.store,
    token: o.token,
    webRoot: o.webRoot ?? defaultWebRoot(),
    version: o.version ?? packageVersion(),
  });
  const host = o.host ?? DEFAULT_HOST;
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    server = serve({ fetch: app.fetch, port: o.port ?? DEFAULT_PORT, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((res, rej) => {
            server!.close((e?: Error) => (e ? rej(e) : res()));
          }),
      });
    });
    server.on('error', reject);
  });
}
