import { describe, expect, it } from 'vitest';
import type { Alignment } from '../model/index.js';
import { classifyPair, dayReferences, swappedWords, type PairSide } from './provenance.js';
import { analyze } from '../analyze/index.js';
import { inferredSources } from './sources.js';

const side = (id: string, seq: number, body: string, publishedAt?: string): PairSide => ({
  id,
  seq,
  publishedAt,
  bodyLength: 1000,
  facts: [],
  dayRefs: dayReferences(body),
});

// The wire copy (b) is mostly reproduced in the longer paper (a), so coverage alone would call the paper the source.
const alignment: Alignment = {
  passages: [{ a: [0, 500], b: [0, 900], kind: 'verbatim', score: 1 }],
  coverageA: 0.5,
  coverageB: 0.9,
};
const overlap = { jaccard: 0.4, containmentA: 0.5, containmentB: 0.9, shared: 100 };

describe('provenance direction', () => {
  it('counts the words that date a text against its writing day', () => {
    expect(dayReferences('He was jailed today. Last night and yesterday, tonight; this morning.')).toEqual({
      today: 3,
      yesterday: 2,
    });
  });
  it('on the same day, the version that says "today" is earlier than the one that says "yesterday"', () => {
    const paper = side('paper', 1, 'A man was jailed yesterday for the fraud, a court heard yesterday.', '2000-03-01');
    const wire = side('wire', 2, 'A man was jailed today for the fraud, the court heard.', '2000-03-01T16:54:00Z');
    const r = classifyPair({ a: paper, b: wire, overlap, alignment, topical: 0.5 });
    expect(r.from).toBe('wire');
    expect(r.to).toBe('paper');
    expect(r.evidence.join(' ')).toMatch(/today/);
  });
  it('a text that never says "yesterday" is earlier than one that says it, whatever else they say', () => {
    const paper = side('paper', 1, 'He said yesterday: "I am here today, and today I will speak."', '2000-03-01');
    const wire = side('wire', 2, 'He told the court he was there.', '2000-03-01');
    const r = classifyPair({ a: paper, b: wire, overlap, alignment, topical: 0.5 });
    expect(r.from).toBe('wire');
  });
  it('publication dates come before day words', () => {
    const paper = side('paper', 1, 'A man was jailed yesterday.', '2000-03-01');
    const wire = side('wire', 2, 'A man was jailed today.', '2000-03-02');
    const r = classifyPair({ a: paper, b: wire, overlap, alignment, topical: 0.5 });
    expect(r.from).toBe('paper');
  });
});

describe('provenance verdicts', () => {
  const text = (credit: string) =>
    `${credit} The city council approved the new budget on Monday after a debate that lasted into the night, officials said. ` +
    'The plan raises spending on schools and roads while cutting the fees paid by small shops in the old town.';
  const body = text('SPRINGFIELD (AP) —');
  const full: Alignment = {
    passages: [{ a: [0, body.length], b: [0, body.length], kind: 'verbatim', score: 1 }],
    coverageA: 1,
    coverageB: 1,
  };
  const same = { jaccard: 1, containmentA: 1, containmentB: 1, shared: 40 };
  const withSources = (s: PairSide, outlet: string, b: string): PairSide => ({
    ...s,
    body: b,
    bodyLength: b.length,
    outlet,
    sources: inferredSources(b, outlet),
  });
  it('calls two reprints of one credited wire story siblings of the wire, however identical', () => {
    const a = withSources(side('a', 1, body, '2024-05-01'), 'daily-a.com', body);
    const b = withSources(side('b', 2, body, '2024-05-02'), 'herald-b.com', body);
    const r = classifyPair({ a, b, overlap: same, alignment: full, topical: 0.9 });
    expect(r.kind).toBe('shared-source');
    expect(r.commonSource).toBe('AP');
    expect(r.evidence[0]).toMatch(/"\(AP\)" \/ "\(AP\)"/);
  });
  it("calls the wire's own text the origin of a reprint, whatever the arrival order", () => {
    const reprint = withSources(side('r', 1, body), 'daily-a.com', body);
    const wire = withSources(side('w', 2, body), 'apnews.com', body);
    const r = classifyPair({ a: reprint, b: wire, overlap: same, alignment: full, topical: 0.9 });
    expect(r.kind).toBe('copy');
    expect(r.from).toBe('w');
    expect(r.direction).toBe('textual');
  });
  it('calls two versions of one outlet a copy (a revision)', () => {
    const a = withSources(side('a', 1, body, '2024-05-01T10:00:00Z'), 'daily-a.com', body);
    const b = withSources(side('b', 2, body, '2024-05-01T12:00:00Z'), 'daily-a.com', body);
    const r = classifyPair({ a, b, overlap: same, alignment: full, topical: 0.9 });
    expect(r.kind).toBe('copy');
    expect(r.direction).toBe('dated');
  });
  it('does not take a quoted person for a common source, nor shared quotes for reuse', () => {
    const quote = () =>
      ({
        kind: 'quote' as const,
        text: 'Kaplan said',
        span: [0, 10] as [number, number],
        value: { speaker: 'Kaplan', quote: [0, 10] as [number, number] },
      }) as never;
    const a = { ...side('a', 1, 'x'), facts: [quote()] };
    const b = { ...side('b', 2, 'x'), facts: [quote()] };
    const al: Alignment = {
      passages: [
        { a: [0, 300], b: [0, 300], kind: 'paraphrase', score: 0.6 },
        { a: [300, 420], b: [300, 420], kind: 'verbatim', score: 1 },
      ],
      coverageA: 0.42,
      coverageB: 0.42,
    };
    const r = classifyPair({
      a,
      b,
      overlap: { jaccard: 0.02, containmentA: 0.04, containmentB: 0.05, shared: 3 },
      alignment: al,
      topical: 0.5,
    });
    expect(r.kind).toBe('same-event');
  });
  it('finds the words a rewrite swapped, not spelling, inflection or figures', () => {
    const a =
      'The attack led to the killing of many civilians and the destruction of the city in 2017, officials said.';
    const b =
      'The attack resulted in the extermination of many civilians and the destruction of the town in 2018, officials said.';
    const w = swappedWords(a, b, [{ a: [0, a.length], b: [0, b.length], kind: 'paraphrase', score: 0.8 }]);
    expect(w.map((x) => `${x.fromText}>${x.toText}`)).toEqual([
      'led to>resulted in',
      'killing>extermination',
      'city>town',
    ]);
    expect(b.slice(w[1].to[0], w[1].to[1])).toBe('extermination');
    const c = 'They recognize the colour of the coalition.';
    const d = 'They recognise the color of the coalitions.';
    expect(swappedWords(c, d, [{ a: [0, c.length], b: [0, d.length], kind: 'verbatim', score: 1 }])).toEqual([]);
  });
});

describe('a machine-spun copy of a text that reports a statement', () => {
  const original =
    'The foreign ministry said in a statement on Monday that the coalition must be held accountable for the killing of' +
    ' civilians in the city. The operation led to the almost complete destruction of the city and the deaths of' +
    ' thousands of civilians whose bodies were buried under the rubble, the statement said. It added that such' +
    ' practices are among the most serious crimes and deserve more attention from the international community.';
  const spun =
    'The foreign ministry said in a statement on Monday that the coalition must be held accountable for the slaughter of' +
    ' civilians in the town. The operation resulted in the almost complete destruction of the town and the deaths of' +
    ' thousands of civilians whose bodies were buried under the debris, the statement said. It added that such' +
    ' practices are some of the most heinous crimes and deserve more attention from the global community.';
  const sideOf = (id: string, seq: number, body: string, outlet: string): PairSide => ({
    id,
    seq,
    bodyLength: body.length,
    facts: analyze(body).facts,
    body,
    outlet,
    sources: inferredSources(body, outlet),
  });
  // The opening clause is word for word the same; the rest follows the original sentence by sentence.
  const head = original.indexOf(' the killing');
  it('is a copy flagged spin with its swapped words, not a sibling of the ministry', () => {
    const r = classifyPair({
      a: sideOf('a', 1, original, 'daily-a.com'),
      b: sideOf('b', 2, spun, 'spinfarm-b.com'),
      overlap: { jaccard: 0.4, containmentA: 0.55, containmentB: 0.55, shared: 30 },
      alignment: {
        passages: [
          { a: [0, head], b: [0, head], kind: 'verbatim', score: 1 },
          { a: [head, original.length], b: [head, spun.length], kind: 'paraphrase', score: 0.9 },
        ],
        coverageA: 1,
        coverageB: 1,
      },
      topical: 0.9,
    });
    expect(r.kind).toBe('copy');
    expect(r.spin?.map((w) => w.toText)).toEqual(expect.arrayContaining(['slaughter', 'heinous', 'debris']));
  });
});

describe('siblings by a quoted source', () => {
  const quote = 'the hospital was struck twice during the night and no staff were hurt';
  const sideOf = (id: string, seq: number, body: string): PairSide => ({
    id,
    seq,
    bodyLength: body.length,
    facts: analyze(body).facts,
    body,
  });
  const pair = (a: string, b: string) => {
    const [x, y] = [a.indexOf(quote), b.indexOf(quote)];
    const alignment: Alignment = {
      passages: [{ a: [x, x + quote.length], b: [y, y + quote.length], kind: 'verbatim', score: 1 }],
      coverageA: quote.length / a.length,
      coverageB: quote.length / b.length,
    };
    const low = { jaccard: 0.03, containmentA: 0.06, containmentB: 0.05, shared: 8 };
    return classifyPair({ a: sideOf('a', 1, a), b: sideOf('b', 2, b), overlap: low, alignment, topical: 0.4 });
  };
  const filler =
    ' Residents of the district described two loud blasts before dawn and a fire that burned for an hour. Ambulances' +
    ' took the wounded from the nearby market to clinics across the city, where doctors worked through the morning.' +
    ' The road to the northern gate stayed closed until the afternoon, and traders counted their losses.' +
    ' Schools in the quarter sent their pupils home, and the water board said supplies would return by evening.';
  const other =
    ' Convoys of trucks carrying flour and fuel lined the highway south of the crossing while officials checked' +
    ' papers one by one. Drivers said they had slept in their cabs for three nights, and some turned back.' +
    ' A spokesman for the relief agencies asked for the crossing to open around the clock from next week,' +
    ' and the governor promised an answer within days, after talks with the army and the customs office.';

  it('two reports quoting an organisation word for word, little else shared, are siblings of it', () => {
    const r = pair(
      `The health ministry said in a letter that "${quote}," adding that an inquiry had begun.${filler}`,
      `Aid workers waited at the border for hours. The health ministry wrote that "${quote}," in its letter to the envoy.${other}`,
    );
    expect(r.kind).toBe('shared-source');
    expect(r.commonSource).toMatch(/health ministry/i);
    expect(r.evidence.join(' ')).toContain(quote);
  });

  it('two reports quoting one person are independent reports of the event', () => {
    const r = pair(
      `"${quote}," Dr. Karim Haddad said on Tuesday.${filler}`,
      `Aid workers waited at the border for hours. "${quote}," Dr. Karim Haddad told reporters.${other}`,
    );
    expect(r.kind).toBe('same-event');
  });
});
