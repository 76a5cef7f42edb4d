import { bodySpanToText } from '../model/index.js';
import type { Fact, FactDiff, FactTable, Span, Unread } from '../model/index.js';
import { diffFacts, factTable } from '../claims/compare.js';
import { factLabel } from '../stories/facts.js';
import type { StoredArticle } from '../model/index.js';
import type { Style } from './style.js';
import { languageName } from '../analyze/language.js';

/** Fact tables and fact diffs for the terminal, JSON and CSV. JSON spans are into each article's `text`. */

export interface FactRefJson {
  kind: Fact['kind'];
  label: string;
  text: string;
  span: Span;
}

export interface FactDiffJson {
  dropped: FactRefJson[];
  added: FactRefJson[];
  changed: Array<{ from: FactRefJson; to: FactRefJson }>;
  updated: Array<{ from: FactRefJson; to: FactRefJson }>;
  attributionChanges: Array<{ from?: FactRefJson; to?: FactRefJson }>;
  loadedAdded: FactRefJson[];
  loadedRemoved: FactRefJson[];
  /** Articles whose facts are not read (a text not in English), with their language: the two were not compared. */
  unread?: Unread;
}

export interface FactTableJson {
  articles: string[];
  /** Articles left out: their facts are not read (a text not in English). */
  unread?: Unread;
  rows: Array<{
    key: string;
    kind: Fact['kind'];
    label: string;
    cells: Record<
      string,
      {
        status: string;
        text?: string;
        span?: Span;
        attributedTo?: string;
        /** A conflicting or updated cell: the other value's article, text and span there. */
        against?: { article: string; text: string; span: Span };
      }
    >;
  }>;
}

/** A fact's span in the article's text, and that text. */
function textOf(a: StoredArticle, f: Fact): { text: string; span: Span } {
  const span = bodySpanToText(a.kept, f.span);
  return { text: a.text.slice(span[0], span[1]), span };
}

export function refJson(a: StoredArticle, f: Fact): FactRefJson {
  const { text, span } = textOf(a, f);
  return { kind: f.kind, label: factLabel(f), text, span };
}

export function factDiffJson(a: StoredArticle, b: StoredArticle, d: FactDiff): FactDiffJson {
  return {
    dropped: d.dropped.map((f) => refJson(a, f)),
    added: d.added.map((f) => refJson(b, f)),
    changed: d.changed.map((c) => ({ from: refJson(a, c.from), to: refJson(b, c.to) })),
    updated: (d.updated ?? []).map((c) => ({ from: refJson(a, c.from), to: refJson(b, c.to) })),
    attributionChanges: d.attributionChanges.map((c) => ({
      ...(c.from ? { from: refJson(a, c.from) } : {}),
      ...(c.to ? { to: refJson(b, c.to) } : {}),
    })),
    loadedAdded: d.loadedAdded.map((f) => refJson(b, f)),
    loadedRemoved: d.loadedRemoved.map((f) => refJson(a, f)),
    ...(d.unread ? { unread: d.unread } : {}),
  };
}

export function storyFactTable(articles: StoredArticle[]): FactTable {
  return factTable(articles);
}

export function factTableJson(table: FactTable, articles: StoredArticle[]): FactTableJson {
  const byId = new Map(articles.map((a) => [a.id, a]));
  // Built cell by cell in one loop: a story page of 200 articles and 600 facts has 120,000 cells.
  return {
    articles: table.articles,
    ...(table.unread ? { unread: table.unread } : {}),
    rows: table.rows.map((r) => {
      const cells: FactTableJson['rows'][number]['cells'] = {};
      for (const id in r.cells) {
        const c = r.cells[id];
        const a = byId.get(id);
        const cell: FactTableJson['rows'][number]['cells'][string] = { status: c.status };
        // The cell's text and span only (its row carries the label).
        if (c.fact && a) {
          const { text, span } = textOf(a, c.fact);
          cell.text = text;
          cell.span = span;
        }
        if (c.attributedTo) cell.attributedTo = c.attributedTo;
        const other = c.against && byId.get(c.against.article);
        if (c.against && other) cell.against = { article: c.against.article, ...textOf(other, c.against.fact) };
        cells[id] = cell;
      }
      return { key: r.key, kind: r.kind, label: r.label, cells };
    }),
  };
}

/** Each later version against the earliest: what it drops, adds, changes. */
export function versionDiffs(articles: StoredArticle[]): Array<{ article: string; against: string; diff: FactDiff }> {
  if (articles.length < 2) return [];
  const [first, ...rest] = articles;
  return rest.map((b) => ({ article: b.id, against: first.id, diff: diffFacts(first, b) }));
}

const MARK = { carried: '●', omitted: '·', conflicting: '≠', updated: '↑' } as const;

export function factTableText(table: FactTable, st: Style): string {
  // Articles whose facts are not read are no column (an empty one would read as "omits every fact"): the columns are
  // then named, and the others listed.
  const head = table.unread
    ? [
        st.dim(`  not in the table: ${unreadText(table.unread)}`),
        st.dim(`  columns: ${table.articles.map((id, i) => `${i + 1} ${id}`).join(', ')}`),
      ]
    : [];
  if (table.rows.length === 0) return [...head, '  (no facts found)'].join('\n') + '\n';
  const cols = table.articles.map((_, i) => `${i + 1}`.padStart(2));
  const out = [...head, `  ${'fact'.padEnd(56)} ${cols.join(' ')}`];
  for (const r of table.rows) {
    const cells = table.articles.map((id) => {
      const c = r.cells[id];
      const m = MARK[c.status as keyof typeof MARK];
      return c.status === 'conflicting'
        ? st.red(m.padStart(2))
        : c.status === 'updated'
          ? st.yellow(m.padStart(2))
          : c.status === 'omitted'
            ? st.dim(m.padStart(2))
            : m.padStart(2);
    });
    const label = `${r.kind.padEnd(12)} ${r.label}`;
    out.push(`  ${(label.length > 56 ? label.slice(0, 55) + '…' : label).padEnd(56)} ${cells.join(' ')}`);
  }
  out.push(
    st.dim(
      `  ● carried   · omitted   ≠ conflicting value   ↑ updated value; columns are the articles in publication order`,
    ),
  );
  return out.join('\n') + '\n';
}

export function factDiffText(d: FactDiff, st: Style, indent = '  '): string {
  const out: string[] = [];
  if (d.unread) out.push(st.dim(`${indent}not compared: ${unreadText(d.unread)}`));
  const line = (mark: string, f: Fact) =>
    `${indent}${mark} ${f.kind.padEnd(12)} ${factLabel(f)}  “${f.text.length > 70 ? f.text.slice(0, 69) + '…' : f.text}”`;
  for (const f of d.dropped) out.push(st.red(line('- dropped', f)));
  for (const f of d.added) out.push(st.green(line('+ added  ', f)));
  for (const c of d.changed)
    out.push(st.yellow(`${indent}≠ changed  ${c.from.kind.padEnd(12)} ${factLabel(c.from)} → ${factLabel(c.to)}`));
  for (const c of d.updated ?? [])
    out.push(st.yellow(`${indent}↑ updated  ${c.from.kind.padEnd(12)} ${factLabel(c.from)} → ${factLabel(c.to)}`));
  for (const c of d.attributionChanges) {
    if (c.from) out.push(st.red(line('- source ', c.from)));
    if (c.to) out.push(st.green(line('+ source ', c.to)));
  }
  for (const f of d.loadedRemoved) out.push(st.red(line('- wording', f)));
  for (const f of d.loadedAdded) out.push(st.green(line('+ wording', f)));
  if (out.length === 0) out.push(`${indent}(no fact-level change)`);
  return out.join('\n') + '\n';
}

/**
 * Column names of a table's articles: outlet and publication day ("Reuters 2023-06-22"), the source file where the
 * outlet is unknown, "undated" where the date is; a name two articles would share gets "#2", "#3" … after it.
 */
export function articleColumnNames(ids: string[], articles: StoredArticle[]): string[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const a = byId.get(id);
    const base = a ? `${a.outlet ?? a.source} ${a.publishedAt?.slice(0, 10) ?? 'undated'}` : id;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n > 1 ? `${base} #${n}` : base;
  });
}

/**
 * RFC 4180 CSV of a fact table: one row per fact, one column group per article (status, the text behind it, who it is
 * attributed to), headed by the article’s outlet and date.
 */
export function factTableCsv(table: FactTable, articles: StoredArticle[]): string {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const names = articleColumnNames(table.articles, articles);
  const header = ['kind', 'fact', 'key', ...names.flatMap((n) => [`${n} status`, `${n} text`, `${n} attributed to`])];
  const lines = [header.map(esc).join(',')];
  for (const r of table.rows) {
    const cells = table.articles.flatMap((id) => {
      const c = r.cells[id];
      const a = byId.get(id);
      const text = c.fact && a ? refJson(a, c.fact).text : '';
      return [c.status, text, c.attributedTo ?? ''];
    });
    lines.push([r.kind, r.label, r.key, ...cells].map(esc).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** "a… (French)" and the reason, for the articles whose facts are not read. */
export function unreadText(unread: Unread): string {
  const list = unread.map((u) => `${u.article} (${languageName(u.language)})`).join(', ');
  return `the facts of ${list} are not read: facts are read in English only`;
}
