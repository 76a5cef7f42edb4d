import type { ClaimsResponse, DiffJson, LookUpJson, StoryPageJson, StorySummary } from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function get<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  if (!res.ok) throw new ApiError(res.status, body.error?.message ?? `${res.status} ${res.statusText}`);
  return body as T;
}

export interface StoryFilter {
  q?: string;
  outlet?: string;
  entity?: string;
  lang?: string;
  from?: string;
  to?: string;
}

export function listStories(f: StoryFilter): Promise<{ stories: StorySummary[] }> {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return get(`/api/stories${p.size ? `?${p}` : ''}`);
}

/** One page of a story (the server's default page size), from its `offset`-th article. */
export const getStory = (id: string, offset = 0) =>
  get<StoryPageJson>(`/api/stories/${encodeURIComponent(id)}?view=page${offset > 0 ? `&offset=${offset}` : ''}`);

export const getDiff = (a: string, b: string) =>
  get<DiffJson>(`/api/diff?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);

/** A story's claim records (all its articles). */
export const getClaims = (id: string) => get<ClaimsResponse>(`/api/stories/${encodeURIComponent(id)}/claims`);

/** What a text is, read against the store without storing it. */
export const lookUp = (record: { text: string; title?: string; url?: string }) =>
  get<LookUpJson>('/api/lookup', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(record),
  });
