import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { apiError } from './errors.js';

/**
 * Content-Security-Policy of every response. Article text is untrusted, so the page allows only its own bundled
 * script and stylesheet: no inline script, no inline style attributes, no plugins, no framing, no other origin. The
 * UI inserts article text with `textContent` only; this header is the second wall if that ever slips.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
};

/**
 * Write endpoints: closed unless a token is configured, then open to `Authorization: Bearer <token>` only. The
 * comparison takes the same time whatever the guess, so the token cannot be found byte by byte.
 */
export function requireToken(token: string | undefined): MiddlewareHandler {
  const want = token ? Buffer.from(token, 'utf8') : undefined;
  return async (c, next) => {
    if (!want) {
      const e = apiError('writesClosed');
      return c.json(e.body, e.status);
    }
    const m = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '');
    const got = Buffer.from(m?.[1]?.trim() ?? '', 'utf8');
    if (got.length !== want.length || !timingSafeEqual(got, want)) {
      const e = apiError('badToken');
      return c.json(e.body, e.status);
    }
    await next();
  };
}
