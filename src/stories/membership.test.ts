import { describe, expect, it } from 'vitest';
import type { Member, Scored } from './assign.js';
import { membershipOf } from './membership.js';
import { PAIR_FEATURES } from './pair-features.js';

const scoredOf = (id: string, storyId: string, p: number, daysApart = 0, reportedAfter = 0): Scored => {
  const features = new Float64Array(PAIR_FEATURES.length);
  features[PAIR_FEATURES.indexOf('cosine')] = 0.4;
  features[PAIR_FEATURES.indexOf('timesApart')] = daysApart / 30;
  features[PAIR_FEATURES.indexOf('reportedAfter')] = reportedAfter / 30;
  return { member: { id, storyId } as Member, p, features };
};

describe('membership of an article that founds a story', () => {
  it('says that nothing scored as the same story where nothing did', () => {
    const m = membershipOf('founded', 1, [], [scoredOf('a1', 's1', 0.3)]);
    expect(m.evidence).toEqual(['no stored article scored as the same story']);
  });

  it('names its closest candidate and the member whose event lies too far from it', () => {
    const m = membershipOf('founded', 1, [], [scoredOf('a1', 's1', 0.8), scoredOf('a2', 's1', 0, 40)]);
    expect(m.evidence[0]).toMatch(/^closest a1 \(0\.80\)/);
    expect(m.evidence[1]).toMatch(/its story holds a2, whose event lies 40 day\(s\) from this one's/);
  });

  it('names the member that names a day after the article was published, or the other way', () => {
    const m = membershipOf('founded', 1, [], [scoredOf('a1', 's1', 0.8), scoredOf('a2', 's1', 0, 0, 3)]);
    expect(m.evidence[1]).toMatch(/its story holds a2; one of the two names as past a day 3 day\(s\) after the other/);
  });

  it("says when its closest candidate's story as a whole scored it under the join probability", () => {
    const m = membershipOf('founded', 1, [], [scoredOf('a1', 's1', 0.7), scoredOf('a2', 's1', 0.1)]);
    expect(m.evidence[1]).toMatch(/taken together, scored it under 0\.50/);
  });
});
