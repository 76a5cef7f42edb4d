import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from './index.js';
import { estimateJaccard, minhash, SIGNATURE_SIZE } from './minhash.js';
import { SHINGLE_WORDS, shingleSet, wordHashes } from './shingles.js';

/** Exact model of the document: lower-cased ASCII words, the set of their 5-word windows as strings. */
function exactShingles(text: string): Set<string> {
  const words = text
    .replace(/(\w)'(?=\w)/g, '$1')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0) return new Set();
  const k = Math.min(SHINGLE_WORDS, words.length);
  const out = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}

/** Two sets of distinct 32-bit values with exactly `shared` common elements; returns them sorted. */
function setsWithOverlap(shared: number, onlyA: number, onlyB: number, seed: number): [Uint32Array, Uint32Array] {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  const used = new Set<number>();
  const fresh = (n: number) => {
    const out: number[] = [];
    while (out.length < n) {
      const v = next();
      if (!used.has(v)) {
        used.add(v);
        out.push(v);
      }
    }
    return out;
  };
  const common = fresh(shared);
  const a = Uint32Array.from([...common, ...fresh(onlyA)]).sort();
  const b = Uint32Array.from([...common, ...fresh(onlyB)]).sort();
  return [a, b];
}

const vocabulary = [
  'the',
  'council',
  'said',
  'on',
  'friday',
  'bridge',
  'river',
  'open',
  'in',
  'spring',
  'year',
  '2024',
];
const wordList = fc.array(fc.constantFrom(...vocabulary), { minLength: 0, maxLength: 60 });

describe('shingleSet', () => {
  it('is sorted and distinct, with one hash per distinct 5-word window of the exact model', () => {
    fc.assert(
      fc.property(wordList, fc.constantFrom(' ', '  ', '\n', ', ', ' - '), (words, sep) => {
        const text = words.join(sep);
        const got = shingleSet(text);
        for (let i = 1; i < got.length; i++) expect(got[i]).toBeGreaterThan(got[i - 1]);
        // Distinct windows hash apart (a collision among at most 56 windows is a 2^-21 event per run).
        expect(got.length).toBe(exactShingles(text).size);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores case, punctuation and spacing, but not word order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { minLength: 6, maxLength: 40 }), (words) => {
        const a = shingleSet(words.join(' '));
        const b = shingleSet(words.map((w) => w.toUpperCase()).join(' ,\n '));
        expect(Array.from(b)).toEqual(Array.from(a));
      }),
      { numRuns: 200 },
    );
  });

  it('hashes a window by its word order', () => {
    expect(Array.from(shingleSet('the council said on friday'))).not.toEqual(
      Array.from(shingleSet('friday on said council the')),
    );
  });

  it('reads the words of a text, non-Latin scripts included', () => {
    expect(wordHashes("It's the Ministry's 3rd statement").length).toBe(5);
    expect(wordHashes('Министерство заявило: «нет»').length).toBe(3);
    expect(shingleSet('').length).toBe(0);
    expect(shingleSet('one two').length).toBe(1);
  });
});

describe('minhash (one-permutation hashing with densification)', () => {
  it('gives equal signatures to equal sets and fills every value of a non-empty set', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 0xffffffff }), { minLength: 1, maxLength: 400 }), (xs) => {
        const set = Uint32Array.from(xs).sort();
        const sig = minhash(set);
        expect(sig.length).toBe(SIGNATURE_SIZE);
        expect(Array.from(minhash(set.slice()))).toEqual(Array.from(sig));
        expect(sig.includes(0xffffffff)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('estimates the exact Jaccard similarity without bias, within the error of 128 values', () => {
    // For each random pair the estimate must fall within 5 standard errors (sqrt(J(1-J)/128) ≤ 0.044); over all
    // pairs the mean error must be near zero (an estimator biased by 0.02 or more fails).
    let sumErr = 0;
    let n = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 0x7fffffff }),
        (shared, onlyA, onlyB, seed) => {
          fc.pre(shared + onlyA > 0 && shared + onlyB > 0);
          const [a, b] = setsWithOverlap(shared, onlyA, onlyB, seed);
          const exact = shared / (shared + onlyA + onlyB);
          const est = estimateJaccard(minhash(a), minhash(b));
          const se = Math.sqrt((exact * (1 - exact)) / SIGNATURE_SIZE);
          expect(Math.abs(est - exact)).toBeLessThanOrEqual(5 * se + 0.03);
          sumErr += est - exact;
          n++;
        },
      ),
      { numRuns: 400 },
    );
    expect(Math.abs(sumErr / n)).toBeLessThan(0.01);
  });
});

describe('fingerprint', () => {
  it('returns the sorted shingle set and its signature', () => {
    const body = 'Officials said the new bridge over the river will open to traffic in the spring of next year.';
    const fp = fingerprint(body);
    expect(Array.from(fp.shingles)).toEqual(Array.from(shingleSet(body)));
    expect(Array.from(fp.signature)).toEqual(Array.from(minhash(shingleSet(body))));
  });
});
