import type { EventTime } from '../model/index.js';
import type { Membership, StoryCues } from './types.js';

/**
 * The JSON an article's story cues (figures and event time) and membership are kept as, in both stores. Articles
 * stored before cues were kept read as cues that say nothing: no figures, no event time.
 */
export function cuesJson(c: StoryCues): string {
  return JSON.stringify({ f: Array.from(c.figures), t: c.eventTime, l: c.language });
}

const NO_TIME: EventTime = { basis: 'none', confidence: 0, years: [], evidence: [] };

export function parseCues(json: string | null | undefined): StoryCues {
  if (!json) return { figures: new Uint32Array(0), eventTime: NO_TIME };
  const v = JSON.parse(json) as { f: number[]; t: EventTime; l?: string };
  return { figures: Uint32Array.from(v.f), eventTime: v.t, language: v.l };
}

export function parseMembership(json: string | null | undefined): Membership | undefined {
  return json ? (JSON.parse(json) as Membership) : undefined;
}
