import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { apiError } from './errors.js';

export interface RateLimit {
  /** Requests a client may make per minute, sustained. */
  perMinute: number;
  /** Requests it may make at once after a quiet spell. */
  burst: number;
  /** Clients remembered at most; the one heard from longest ago is forgotten first. */
  clients: number;
}

/** The client a request comes from: its socket's address (behind a proxy, the proxy's: all its clients share one). */
export function clientOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // A request made in-process (tests: `app.request`) has no socket.
    return 'local';
  }
}

/**
 * A token bucket per client: `burst` requests at once, refilled at `perMinute`; beyond it 429 with Retry-After. The
 * clock is injectable for tests.
 */
export function rateLimit(o: RateLimit, now: () => number = Date.now): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = o.perMinute / 60_000;
  return async (c, next) => {
    const key = clientOf(c);
    const t = now();
    const b = buckets.get(key) ?? { tokens: o.burst, at: t };
    b.tokens = Math.min(o.burst, b.tokens + (t - b.at) * rate);
    b.at = t;
    // Most recently heard last, so that the first key is the one to forget.
    buckets.delete(key);
    buckets.set(key, b);
    if (buckets.size > o.clients) buckets.delete(buckets.keys().next().value!);
    if (b.tokens < 1) {
      const seconds = Math.ceil((1 - b.tokens) / rate / 1000);
      c.header('Retry-After', String(seconds));
      const e = apiError('tooManyRequests', seconds);
      return c.json(e.body, e.status);
    }
    b.tokens -= 1;
    await next();
  };
}
