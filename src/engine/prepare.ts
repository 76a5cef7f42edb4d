import { analyze } from '../analyze/index.js';
import { languageOf } from '../analyze/language.js';
import { clean } from '../clean/index.js';
import { extract } from '../extract/index.js';
import { fingerprint } from '../fingerprint/index.js';
import type { Cleaned, EventTime, Extracted, Fact, RawDoc, RecordError, Span } from '../model/index.js';
import { figureTerms, titleTerms } from '../stories/subject.js';
import { termVector, type TermVector } from '../stories/terms.js';
import { articleId } from './ids.js';

/** An article after every per-article stage, before it meets the store. */
export interface Prepared {
  id: string;
  raw: RawDoc;
  extracted: Extracted;
  cleaned: Cleaned;
  sentences: Span[];
  facts: Fact[];
  /** When the reported event happened (analyze/eventtime.ts). */
  eventTime: EventTime;
  shingles: Uint32Array;
  signature: Uint32Array;
  vector: TermVector;
  /** The vector's terms of the title (stories/subject.ts titleTerms), sorted. */
  titleTerms: Uint32Array;
  /** The vector's figure terms of title and body (stories/subject.ts figureTerms), sorted. */
  figureTerms: Uint32Array;
  /** The body's language, ISO 639-3 (`und`: too short to tell; analyze/language.ts). */
  language: string;
}

/** Runs extract → clean → analyze → fingerprint on one raw record. Pure: no store access. */
export function prepare(raw: RawDoc): { ok: true; value: Prepared } | { ok: false; error: RecordError } {
  const ex = extract(raw);
  if (!ex.ok) return ex;
  const x = ex.value;
  const cleaned = clean({ text: x.text, title: x.title, captions: x.captions, furniture: x.furniture });
  if (cleaned.body.trim().length === 0) {
    return {
      ok: false,
      error: { source: raw.source, reason: 'no article text left after removing captions, credits and link lines' },
    };
  }
  const language = languageOf(cleaned.body);
  const { sentences, facts, eventTime } = analyze(cleaned.body, { publishedAt: x.publishedAt }, language);
  const fp = fingerprint(cleaned.body);
  const vector = termVector(cleaned.body, x.title, language);
  return {
    ok: true,
    value: {
      id: articleId(x, cleaned.body),
      raw,
      extracted: x,
      cleaned,
      sentences,
      facts,
      eventTime,
      shingles: fp.shingles,
      signature: fp.signature,
      vector,
      titleTerms: titleTerms(vector, x.title),
      figureTerms: figureTerms(vector, cleaned.body, x.title),
      language,
    },
  };
}
