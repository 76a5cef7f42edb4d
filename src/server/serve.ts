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
  /** Host names requests may use besides the loopback ones, for a server on another address (AppOptions). */
  allowHosts?: string[];
}

/** The names of this machine's loopback address: what a browser sends as Host to a server on 127.0.0.1. */
export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
/** Addresses `--host` may give for loopback. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

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
  const host = o.host ?? DEFAULT_HOST;
  // On loopback, only loopback names (and those allowed); on another address, only the names allowed, where given.
  const loopback = LOOPBACK_HOSTS.includes(host);
  const allowedHosts = loopback
    ? [...LOOPBACK_NAMES, ...(o.allowHosts ?? [])]
    : o.allowHosts?.length
      ? [host, ...o.allowHosts]
      : undefined;
  const app = createApp({
    store: o.store,
    token: o.token,
    webRoot: o.webRoot ?? defaultWebRoot(),
    version: o.version ?? packageVersion(),
    allowedHosts,
  });
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
