import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { rateLimit } from './ratelimit.js';

describe('rateLimit', () => {
  it('lets a burst through, refuses the next with Retry-After, and refills at its rate', async () => {
    let now = 0;
    const app = new Hono();
    app.use(
      '*',
      rateLimit({ perMinute: 6, burst: 2, clients: 10 }, () => now),
    );
    app.get('/', (c) => c.text('ok'));
    const status = async () => (await app.request('/')).status;
    expect([await status(), await status()]).toEqual([200, 200]);
    const refused = await app.request('/');
    expect(refused.status).toBe(429);
    // 6 a minute: one every 10 s.
    expect(refused.headers.get('Retry-After')).toBe('10');
    now += 9_000;
    expect(await status()).toBe(429);
    now += 1_000;
    expect(await status()).toBe(200);
    // A quiet spell refills the burst, never beyond it.
    now += 600_000;
    expect([await status(), await status(), await status()]).toEqual([200, 200, 429]);
  });
});
