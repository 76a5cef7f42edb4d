import type { Membership } from '../model/index.js';
import {
  ASSIGN_DEFAULTS,
  cannotShare,
  MAX_EVENT_DAYS_APART,
  REPORTED_AFTER_SLACK_DAYS,
  type Scored,
} from './assign.js';
import { MONTH, PAIR_FEATURES } from './pair-features.js';

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
  if (f[at('reportedAfter')] > 0)
    parts.push(`one names a day ${Math.round(f[at('reportedAfter')] * 30)} day(s) after the other was published`);
  return parts.join(', ');
}

/**
 * `scored`: every candidate the article was scored against, most probable first; for an article that founds a story,
 * its closest candidate and why it did not join that candidate's story are told, where there was one.
 */
export function membershipOf(
  by: Membership['by'],
  score: number,
  members: Scored[],
  scored: Scored[] = [],
  joinProbability = ASSIGN_DEFAULTS.joinProbability,
): Membership {
  const closest = members[0];
  if (by === 'founded') return { score, by, evidence: whyApart(scored, joinProbability) };
  if (!closest) return { score, by, evidence: [] };
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

/** Why an article that founded a story did not join the story of its closest candidate. */
function whyApart(scored: Scored[], joinProbability: number): string[] {
  const best = scored[0];
  if (!best || best.p < joinProbability) return ['no stored article scored as the same story'];
  const closest = `closest ${best.member.id} (${two(best.p)}): ${pairEvidence(best)}`;
  const apart = scored.find((s) => s.member.storyId === best.member.storyId && cannotShare(s));
  if (!apart) return [closest, `the members of its story, taken together, scored it under ${two(joinProbability)}`];
  const days = (name: 'timesApart' | 'reportedAfter') => Math.round(apart.features[at(name)] * MONTH);
  if (days('timesApart') > MAX_EVENT_DAYS_APART)
    return [
      closest,
      `its story holds ${apart.member.id}, whose event lies ${days('timesApart')} day(s) from this one's: events more than ${MAX_EVENT_DAYS_APART} days apart never share a story`,
    ];
  return [
    closest,
    `its story holds ${apart.member.id}; one of the two names as past a day ${days('reportedAfter')} day(s) after the other was published (more than ${REPORTED_AFTER_SLACK_DAYS}): the earlier cannot report the later's event`,
  ];
}
