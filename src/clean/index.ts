import type { Cleaned, NoiseReason, Removal, Span } from '../model/index.js';
import { splitParagraphs, splitSentences } from '../text/sentences.js';
import {
  BRACKET_CREDIT,
  BYLINE,
  BYLINE_WITHIN_SENTENCES,
  CAPTION_PATTERNS,
  CREDIT_PREFIX,
  CREDIT_LINE,
  CREDIT_SENTENCE,
  DATELINE_BARE,
  DATELINE_DASHED,
  FOOTER_TEXT,
  LINK_BAIT,
  LINK_HEADING,
  NOT_PLACES,
  SHARE_TEXT,
} from './rules.js';

/**
 * The clean stage: removes what is page rather than story — photo captions and credits, link bait, share lines, a
 * title repeated as the first line, reporting credits and wire footers — at sentence level inside paragraphs, and
 * splits off the dateline. Every removal is recorded with its reason and exact span, and the body is the
 * concatenation of the kept spans, so any later span maps back to the text the user gave.
 */

export interface CleanInput {
  text: string;
  title?: string;
  /** Caption texts the page marks as such (HTML figcaption). */
  captions?: string[];
  /**
   * Page furniture the extract stage recognised at the head of the page (breadcrumbs, stamps, bylines, credits,
   * counters, the headline line): spans of `text` in text order, removed here with the reason given.
   */
  furniture?: Array<{ span: Span; reason: NoiseReason }>;
}

/** A link-bait label takes the rest of its paragraph when that is at most this long (a headline, not a story). */
export const LINK_BAIT_MAX_CHARS = 300;
/** A credit line ("Reporting by …; Editing by …") is at most this long: a longer sentence is story. */
export const CREDIT_LINE_MAX_CHARS = 300;
/** A dateline is looked for only before this many sentences of story have been kept. */
export const DATELINE_WITHIN_SENTENCES = 2;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function clean(input: CleanInput): Cleaned {
  const { text } = input;
  const sentences = splitSentences(text);
  const paragraphs = splitParagraphs(text);
  const titleNorm = input.title ? norm(input.title) : undefined;
  const captionNorms = (input.captions ?? []).map(norm).filter((c) => c.length >= 12);
  const removed: Removal[] = [];
  let dateline: Cleaned['dateline'];
  let kept = 0;
  let afterNoise = false;
  let coveredTo = 0;

  const remove = (start: number, end: number, reason: NoiseReason) => {
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) removed.push({ text: text.slice(start, end), reason, span: [start, end] });
    coveredTo = Math.max(coveredTo, end);
    afterNoise = true;
  };
  const paragraphOf = (pos: number): Span => {
    // Paragraphs are in text order and disjoint: only the last one starting at or before `pos` can hold it.
    let lo = 0;
    let hi = paragraphs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (paragraphs[mid][0] <= pos) lo = mid + 1;
      else hi = mid;
    }
    const p = paragraphs[lo - 1];
    return p && pos < p[1] ? p : [pos, pos];
  };

  const furniture = input.furniture ?? [];
  let f = 0;
  for (let i = 0; i < sentences.length; i++) {
    const end = sentences[i][1];
    if (end <= coveredTo) continue;
    let start = Math.max(sentences[i][0], coveredTo);
    // Furniture lines the extract stage found: a sentence may hold several lines (no full stop between them), so the
    // sentence is taken up again after the line.
    while (f < furniture.length && furniture[f].span[1] <= start) f++;
    if (f < furniture.length && furniture[f].span[0] < end && !text.slice(start, furniture[f].span[0]).trim()) {
      const [fs, fe] = furniture[f++].span;
      remove(fs, fe, furniture[f - 1].reason);
      if (fe < end) i--;
      continue;
    }
    let s = text.slice(start, end);
    const para = paragraphOf(start);

    if (kept === 0 && titleNorm) {
      const paraText = norm(text.slice(para[0], para[1]));
      if (paraText === titleNorm && para[0] >= start - 1) {
        remove(para[0], para[1], 'repeated-title');
        continue;
      }
      if (norm(s) === titleNorm) {
        remove(start, end, 'repeated-title');
        continue;
      }
    }
    if (kept < BYLINE_WITHIN_SENTENCES && s.length <= 80 && BYLINE.test(s)) {
      remove(start, end, 'byline');
      continue;
    }
    if (LINK_BAIT.test(s)) {
      remove(start, para[1] - start <= LINK_BAIT_MAX_CHARS ? para[1] : end, 'link-bait');
      continue;
    }
    if (LINK_HEADING.some((r) => r.test(s))) {
      remove(start, end, 'link-bait');
      continue;
    }
    if (SHARE_TEXT.some((r) => r.test(s))) {
      remove(start, end, /^(?:copyright|©|\(c\)|all rights)/i.test(s) ? 'boilerplate' : 'share-text');
      continue;
    }
    if (FOOTER_TEXT.some((r) => r.test(s))) {
      remove(start, end, 'boilerplate');
      continue;
    }
    if (s.length <= CREDIT_LINE_MAX_CHARS && CREDIT_LINE.some((r) => r.test(s))) {
      remove(start, end, 'byline');
      continue;
    }
    if (CREDIT_SENTENCE.some((r) => r.test(s))) {
      remove(start, end, 'photo-credit');
      continue;
    }
    // A caption whose credit in brackets the splitter cut off as the next sentence: "… Oct. 2, 2023. (X VIA AP)".
    const next = sentences[i + 1];
    if (next && next[0] < para[1] && BRACKET_CREDIT.test(text.slice(next[0], next[1]))) {
      remove(start, next[1], 'photo-caption');
      i++;
      continue;
    }
    if (BRACKET_CREDIT.test(s)) {
      remove(start, end, 'photo-credit');
      continue;
    }
    if (CAPTION_PATTERNS.some((r) => r.test(s)) || (captionNorms.length > 0 && isCaptionText(norm(s), captionNorms))) {
      remove(start, end, 'photo-caption');
      continue;
    }
    const credit = CREDIT_PREFIX.exec(s);
    if (credit) {
      remove(start, start + credit[0].length, 'photo-credit');
      start += credit[0].length;
      s = text.slice(start, end);
    }
    if (!dateline && kept < DATELINE_WITHIN_SENTENCES && (start === para[0] || afterNoise)) {
      const m = DATELINE_DASHED.exec(s) ?? DATELINE_BARE.exec(s);
      if (m && !NOT_PLACES.has(m[1].split(/[ ,(]/)[0])) {
        const place = m[1].trim();
        dateline = { text: place, span: [start, start + place.length] };
        remove(start, start + m[0].length, 'dateline');
      }
    }
    afterNoise = false;
    kept++;
  }
  return { ...assemble(text, removed, paragraphs), removed, dateline };
}

/** Whether a sentence (normalised) is, or is a long part of, a caption the page marks as such. */
function isCaptionText(sn: string, captionNorms: string[]): boolean {
  return sn.length >= 12 && captionNorms.some((c) => c === sn || (c.includes(sn) && sn.length >= 40));
}

/** The kept spans and body once the removals are cut out, with the white space around them tidied. */
function assemble(text: string, removed: Removal[], paragraphs: Span[]): { body: string; kept: Span[] } {
  const cuts: Span[] = [];
  for (const r of removed) {
    let [s, e] = r.span;
    while (e < text.length && (text[e] === ' ' || text[e] === '\t' || text[e] === '\u00a0')) e++;
    if (e >= text.length || text[e] === '\n') while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
    cuts.push([s, e]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  // Paragraphs left with nothing go whole, with the blank line after them (or before, for the last).
  for (let i = 0; i < paragraphs.length; i++) {
    const [ps, pe] = paragraphs[i];
    let covered = ps;
    for (const [s, e] of cuts) {
      if (e <= covered) continue;
      if (s > covered) {
        if (text.slice(covered, Math.min(s, pe)).trim()) break;
      }
      covered = Math.max(covered, e);
      if (covered >= pe) break;
    }
    if (covered >= pe) {
      const next = i + 1 < paragraphs.length ? paragraphs[i + 1][0] : text.length;
      if (i + 1 < paragraphs.length) cuts.push([ps, next]);
      else cuts.push([i > 0 ? paragraphs[i - 1][1] : 0, text.length]);
    }
  }
  cuts.sort((a, b) => a[0] - b[0]);
  const kept: Span[] = [];
  let pos = 0;
  for (const [s, e] of cuts) {
    if (s > pos) kept.push([pos, s]);
    pos = Math.max(pos, e);
  }
  if (pos < text.length) kept.push([pos, text.length]);
  // Trim the body's ends.
  while (kept.length && !text.slice(kept[0][0], kept[0][1]).trim()) kept.shift();
  while (kept.length && !text.slice(kept[kept.length - 1][0], kept[kept.length - 1][1]).trim()) kept.pop();
  if (kept.length) {
    while (/\s/.test(text[kept[0][0]])) kept[0][0]++;
    const last = kept[kept.length - 1];
    while (/\s/.test(text[last[1] - 1])) last[1]--;
  }
  return { body: kept.map(([s, e]) => text.slice(s, e)).join(''), kept };
}
