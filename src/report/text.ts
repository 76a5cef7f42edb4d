import { LOW_CONFIDENCE } from './json.js';
import { factDiffText, factTableText, storyFactTable, versionDiffs } from './facts.js';
import type { Passage, Span } from '../model/index.js';
import { bodySpanToText } from '../model/offsets.js';
import { derived } from '../model/index.js';
import type { StoredArticle, StoryRecord, StorySummary, StoredError } from '../model/index.js';
import { makeStyle, visibleLength, wrapText, type Style } from './style.js';

/** Human-readable terminal reports. Pure: they take stored records and return text. */

export interface TextOptions {
  color: boolean;
  width: number;
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
const quote = (s: string, n = 160) => `“${clip(s.replace(/\s+/g, ' ').trim(), n)}”`;
/**
 * A stored date in the terminal's one form: 'YYYY-MM-DD HH:MM UTC' where it has a time of day, 'YYYY-MM-DD' (or
 * 'YYYY-MM') where it has none, so that every date column lines up whatever the stored form.
 */
export function dateLabel(d: string): string {
  const t = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(d);
  if (!t) return d;
  const ms = Date.parse(d);
  if (Number.isNaN(ms)) return `${t[1]} ${t[2]}`;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const label = (a: StoredArticle) =>
  `${a.id}  ${a.publishedAt ? dateLabel(a.publishedAt) : 'date unknown'}  ${a.outlet ?? a.source}${a.title ? `  ${clip(a.title, 70)}` : ''}`;

export function storiesText(stories: StorySummary[], opts: TextOptions): string {
  const st = makeStyle(opts.color);
  if (stories.length === 0) return 'No stories yet: add articles with `newstrace add <paths…>`.\n';
  const lines = [st.bold('story          articles outlets  first seen            title')];
  for (const s of stories) {
    lines.push(
      `${s.id.padEnd(14)} ${String(s.articles).padStart(8)} ${String(s.outlets).padStart(7)}  ${(s.firstSeen ? dateLabel(s.firstSeen) : '—').padEnd(20)}  ${clip(s.title ?? '', Math.max(20, opts.width - 58))}`,
    );
  }
  return lines.join('\n') + '\n';
}

export function storyText(story: StoryRecord, articles: StoredArticle[], opts: TextOptions): string {
  const st = makeStyle(opts.color);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const out: string[] = [];
  out.push(st.bold(`Story ${story.id}: ${story.articles.length} article(s)`), '');
  out.push(st.bold('Articles, in publication order'));
  story.articles.forEach((id, i) => {
    const a = byId.get(id);
    if (!a) return;
    out.push(`${String(i + 1).padStart(3)}. ${label(a)}`);
    out.push(`     source: ${a.source}${a.dateline ? `   dateline: ${a.dateline}` : ''}`);
    if (a.membership && a.membership.by !== 'founded') {
      const m = a.membership;
      const low = m.score < LOW_CONFIDENCE ? st.yellow(' (low confidence)') : '';
      out.push(`     in this story: ${m.by}, same-story score ${m.score.toFixed(2)}${low}`);
      // The closest member's evidence (the last line), wrapped under it.
      if (m.evidence.length > 0)
        for (const line of wrapText(m.evidence[m.evidence.length - 1], Math.max(40, opts.width - 7)))
          out.push(st.dim(`       ${line}`));
    }
    for (const r of a.removed)
      out.push(st.dim(`     removed ${r.reason} [${r.span[0]},${r.span[1]}): ${quote(r.text, 100)}`));
  });
  out.push('');
  out.push(st.bold('Relations'));
  if (story.relations.length === 0) out.push('  (none: a single article, or no pair close enough to compare)');
  for (const r of story.relations) {
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    const kind =
      r.kind === 'copy'
        ? st.yellow('copy')
        : r.kind === 'translation'
          ? st.yellow(`translation${r.languages ? ` (${r.languages.join(' → ')})` : ''}`)
          : r.kind === 'shared-source'
            ? st.cyan('shared-source')
            : st.green('same-event');
    const arrow = derived(r.kind) ? '→' : '↔';
    const sure =
      r.confidence === undefined
        ? ''
        : r.confidence < LOW_CONFIDENCE
          ? st.yellow(`  confidence ${r.confidence.toFixed(2)}: a guess`)
          : st.dim(`  confidence ${r.confidence.toFixed(2)}`);
    const order = derived(r.kind) && r.direction === 'unknown' ? st.yellow('  direction unknown') : '';
    out.push(
      `  ${r.from} ${arrow} ${r.to}  ${kind}${r.commonSource ? ` (common source: ${r.commonSource})` : ''}${sure}${order}`,
    );
    for (const e of r.evidence) out.push(`      · ${e}`);
    for (const p of r.passages) {
      if (!from || !to) break;
      // Offsets into each article's text, like the removals above and the JSON (passages are kept on clean bodies).
      const [ta, tb] = [bodySpanToText(from.kept, p.a), bodySpanToText(to.kept, p.b)];
      out.push(
        `      ${p.kind === 'verbatim' ? st.green('= verbatim  ') : p.kind === 'substitution' ? st.red('≠ changed   ') : p.kind === 'translation' ? st.yellow('⇄ translated') : st.yellow('~ paraphrase')} A[${ta[0]},${ta[1]}) ${quote(from.body.slice(p.a[0], p.a[1]), 90)}`,
      );
      out.push(`                   B[${tb[0]},${tb[1]}) ${quote(to.body.slice(p.b[0], p.b[1]), 90)}`);
    }
  }
  if (story.changes && story.changes.length > 0) {
    out.push('', st.bold('Membership changes'));
    for (const c of story.changes)
      out.push(
        c.kind === 'merged'
          ? `  ${c.at.slice(0, 19)}  story ${c.from} merged into ${c.to} on the arrival of ${c.cause} (score ${c.score.toFixed(2)})`
          : `  ${c.at.slice(0, 19)}  ${c.articleId} moved from ${c.from} to ${c.to} on the arrival of ${c.cause} (score ${c.score.toFixed(2)})`,
      );
  }
  const ordered = story.articles.map((id) => byId.get(id)).filter((a): a is StoredArticle => !!a);
  out.push('', st.bold('Facts'));
  out.push(factTableText(storyFactTable(ordered), st).trimEnd());
  for (const v of versionDiffs(ordered)) {
    out.push('', st.bold(`Changes in ${v.article} against ${v.against}`));
    out.push(factDiffText(v.diff, st).trimEnd());
  }
  out.push('', st.dim('Offsets of removals and passages are into each article’s text, as `--json` gives it.'));
  return out.join('\n') + '\n';
}

interface Row {
  mark: string;
  left: string;
  right: string;
}

function overlaps(s: Span, p: Span): boolean {
  return p[0] < s[1] && s[0] < p[1];
}

/** Highlights the parts of `span` of `body` covered by `covered` spans, in `paint`. */
function paintSpan(body: string, span: Span, covered: Span[], paint: (s: string) => string): string {
  const parts: string[] = [];
  let at = span[0];
  for (const c of [...covered].sort((x, y) => x[0] - y[0])) {
    const s = Math.max(c[0], at);
    const e = Math.min(c[1], span[1]);
    if (e <= s) continue;
    if (s > at) parts.push(body.slice(at, s));
    parts.push(paint(body.slice(s, e)));
    at = e;
  }
  if (at < span[1]) parts.push(body.slice(at, span[1]));
  return parts.join('');
}

/**
 * Side by side: B's sentences in order on the right with the A text they reuse on the left, then what only A has.
 * Gutter marks (also without colour): `=` verbatim reuse, `~` paraphrase, `+` only in B, `-` only in A.
 */
export function diffText(
  a: StoredArticle,
  b: StoredArticle,
  passages: Passage[],
  opts: TextOptions,
  extra: string[] = [],
): string {
  const st = makeStyle(opts.color);
  const col = Math.max(30, Math.floor((opts.width - 5) / 2));
  const paintFor = (kind: Passage['kind']) => (kind === 'verbatim' ? st.green : st.yellow);
  const rows: Row[] = [];
  const usedA = new Set<number>();
  b.sentences.forEach((sb) => {
    const ps = passages.filter((p) => overlaps(sb, p.b));
    if (ps.length === 0) {
      rows.push({ mark: '+', left: '', right: a.body.length >= 0 ? b.body.slice(sb[0], sb[1]) : '' });
      return;
    }
    const kind = ps.some((p) => p.kind === 'verbatim') ? 'verbatim' : 'paraphrase';
    const aSents = a.sentences.map((sa, i) => ({ sa, i })).filter(({ sa }) => ps.some((p) => overlaps(sa, p.a)));
    // An A sentence aligned to several B sentences is printed beside the first of them only; the later rows say so.
    const fresh = aSents.filter(({ i }) => !usedA.has(i));
    const left =
      fresh.length === 0 && aSents.length > 0
        ? st.dim('〃 (A as above)')
        : fresh
            .map(({ sa, i }) => {
              usedA.add(i);
              return ps.map((p) => paintSpan(a.body, sa, [p.a], paintFor(p.kind)))[0];
            })
            .join(' ');
    const right = paintSpan(
      b.body,
      sb,
      ps.map((p) => p.b),
      paintFor(kind),
    );
    rows.push({ mark: kind === 'verbatim' ? '=' : '~', left, right });
  });
  a.sentences.forEach((sa, i) => {
    if (!usedA.has(i) && !passages.some((p) => overlaps(sa, p.a))) {
      rows.push({ mark: '-', left: a.body.slice(sa[0], sa[1]), right: '' });
    }
  });
  const out: string[] = [];
  out.push(st.bold(`A  ${label(a)}`), st.bold(`B  ${label(b)}`), '');
  out.push(`${'A'.padEnd(col)}  │  B`);
  out.push(`${'─'.repeat(col)}──┼──${'─'.repeat(col)}`);
  for (const r of rows) {
    const l = wrapPainted(r.left, col);
    const rr = wrapPainted(r.right, col);
    const n = Math.max(l.length, rr.length);
    for (let i = 0; i < n; i++) {
      const left = l[i] ?? '';
      const pad = ' '.repeat(Math.max(0, col - visibleLength(left)));
      const mark = i === 0 ? r.mark : ' ';
      const m = mark === '=' ? st.green(mark) : mark === '~' ? st.yellow(mark) : mark === '-' ? st.red(mark) : mark;
      out.push(`${left}${pad} ${m}│ ${rr[i] ?? ''}`);
    }
  }
  out.push('');
  for (const [name, art] of [
    ['A', a],
    ['B', b],
  ] as const) {
    for (const r of art.removed) out.push(st.dim(`${name} removed (${r.reason}): `) + st.strike(quote(r.text, 120)));
  }
  if (extra.length) out.push('', ...extra);
  out.push('', st.dim('= verbatim reuse   ~ paraphrase   + only in B   - only in A'));
  return out.join('\n') + '\n';
}

/** Wraps text that may hold ANSI codes, by words; codes are kept on the line they open (approximate but safe). */
function wrapPainted(text: string, width: number): string[] {
  if (!text) return [''];
  // eslint-disable-next-line no-control-regex
  if (!/\x1b\[/.test(text)) return wrapText(text, width);
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && visibleLength(line) + 1 + visibleLength(w) > width) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  // Close styles at each line end and reopen them on the next line, so the gutter and the other column stay plain.
  const out: string[] = [];
  let open: string[] = [];
  for (const l of lines) {
    const prefix = open.join('');
    // eslint-disable-next-line no-control-regex
    for (const m of l.matchAll(/\x1b\[(\d+)m/g)) {
      const code = Number(m[1]);
      if (code === 22 || code === 39 || code === 29 || code === 0) open = [];
      else open.push(m[0]);
    }
    out.push(prefix + l + (open.length ? '\x1b[0m' : ''));
  }
  return out;
}

export function errorsText(errors: Array<StoredError | { source: string; reason: string }>, st?: Style): string {
  const s = st ?? makeStyle(false);
  return errors.map((e) => `${s.red('error')} ${e.source}: ${e.reason}`).join('\n') + (errors.length ? '\n' : '');
}
