import type { Membership } from '../store/types.js';
import type { Scored } from './assign.js';
import { PAIR_FEATURES } from './pair-features.js';

/**
 * Why an article is in its story, in figures and words: its mean same-story probability over the members it was
 * scored against, and the evidence of the closest one (word and name similarity, shared text, figures, dates).
 */
const at = (name: (typeof PAIR_FEATURES)[number]) => PAIR_FEATURES.indexOf(name);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const two = (x: number) => x.toFixed(2);

/** The evidence of one scored pair, in words, from its features. */
export function pairEvidence(s: Scored): string {
  const f = s.features;
  const parts = [`word similarity ${two(f[at('cosine')])}`, `names ${two(f[at('nameCosine')])}`];
  const shared = f[at('containmentMax')];
  if (shared > 0) parts.push(`${pct(shared)} of one text's 5-word shingles in the other`);
  if (f[at('figureAgreement')] !== 0) parts.push(`${pct((f[at('figureAgreement')] + 1) / 2)} of the figures shared`);
  if (f[at('publishedGap')] > 0) parts.push(`published ${Math.round(f[at('publishedGap')] * 30)} day(s) apart`);
  else if (f[at('textDayGap')] > 0)
    parts.push(`the dates the texts name ${Math.round(f[at('textDayGap')] * 30)} day(s) apart`);
  if (f[at('timesApart')] > 0) parts.push(`event times ${Math.round(f[at('timesApart')] * 30)} day(s) apart`);
  return parts.join(', ');
}

export function membershipOf(by: Membership['by'], score: number, members: Scored[]): Membership {
  const closest = members[0];
  if (by === 'founded' || !closest)
    return { score, by, evidence: by === 'founded' ? ['no stored article scored as the same story'] : [] };
  return {
    score,
    by,
    closest: { id: closest.member.id, score: closest.p },
    evidence: [
      `same-story probability ${two(score)} on average over ${members.length} member(s) of the story`,
      `closest ${closest.member.id} (${two(closest.p)}): ${pairEvidence(closest)}`,
    ],
  };
}
