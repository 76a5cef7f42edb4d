import { type ClaimRecord, storyClaims } from '../claims/claims.js';
import { bodySpanToText } from '../model/index.js';
import type { Span } from '../model/index.js';
import type { StoredArticle } from '../model/index.js';
import type { Style } from './style.js';

/** A story's claim records for the terminal, JSON and CSV. JSON spans are into each article's `text`. */

export type ClaimsJson = Array<
  Omit<ClaimRecord, 'claims' | 'updates'> & {
    claims: Array<
      Omit<ClaimRecord['claims'][number], 'articles'> & {
        articles: Array<{ article: string; outlet?: string; publishedAt?: string; text: string; span: Span }>;
      }
    >;
    updates: Array<{
      source?: string;
      from: { article: string; publishedAt?: string; value: number };
      to: { article: string; publishedAt?: string; value: number };
    }>;
  }
>;

export function claimsOf(articles: StoredArticle[]): ClaimRecord[] {
  return storyClaims(articles);
}

export function claimsJson(records: ClaimRecord[], articles: StoredArticle[]): ClaimsJson {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return records.map((r) => ({
    ...r,
    claims: r.claims.map((c) => ({
      ...c,
      articles: c.articles.map((ref) => {
        const a = byId.get(ref.article);
        const span = a ? bodySpanToText(a.kept, ref.span) : ref.span;
        return { ...ref, span, text: a ? a.text.slice(span[0], span[1]) : ref.text };
      }),
    })),
    updates: r.updates.map((u) => ({
      ...(u.source ? { source: u.source } : {}),
      from: { article: u.from.article, publishedAt: u.from.publishedAt, value: u.from.value },
      to: { article: u.to.article, publishedAt: u.to.publishedAt, value: u.to.value },
    })),
  }));
}

const num = (n: number) => n.toLocaleString('en-US');
const valueText = (c: ClaimRecord['claims'][number]) =>
  typeof c.value === 'number'
    ? (c.vague ?? `${c.approximate ? '~' : ''}${num(c.value)}${c.max !== undefined ? `–${num(c.max)}` : ''}`)
    : `“${c.value.length > 90 ? c.value.slice(0, 89) + '…' : c.value}”`;

export function claimsText(records: ClaimRecord[], st: Style): string {
  if (records.length === 0) return '  (no claims found)\n';
  const out: string[] = [];
  for (const r of records) {
    if (r.kind === 'figure') {
      const range =
        r.low !== r.high ? `, range ${num(r.low!)}–${num(r.high!)}, conservative ${num(r.conservative!)}` : '';
      out.push(st.bold(`  ${r.subject}${range}`));
    } else out.push(st.bold(`  statement by ${r.subject}`));
    for (const c of r.claims)
      out.push(
        `    ${valueText(c)}  ${st.dim('asserted by')} ${c.sourceDisplay ?? st.dim('(no source given)')}  ${st.dim(`in ${c.articles.length} article${c.articles.length === 1 ? '' : 's'}`)}`,
      );
    for (const u of r.updates)
      out.push(
        st.yellow(
          `    ↑ ${u.source ? `${u.source}: ` : ''}${num(u.from.value)} (${u.from.publishedAt ?? 'undated'}) → ${num(u.to.value)} (${u.to.publishedAt ?? 'undated'})`,
        ),
      );
    if (r.disputes.length > 1)
      out.push(
        st.red(`    disputed: ${r.disputes.map((d) => `${d.source} ${d.values.map(num).join('/')}`).join(' vs ')}`),
      );
  }
  return out.join('\n') + '\n';
}

/** RFC 4180 CSV: one row per claim and article carrying it. */
export function claimsCsv(records: ClaimRecord[], articles: StoredArticle[]): string {
  const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const json = claimsJson(records, articles);
  const lines = [
    [
      'kind',
      'subject',
      'value',
      'max',
      'approximate',
      'source',
      'low',
      'high',
      'conservative',
      'disputed',
      'article',
      'outlet',
      'published',
      'text',
    ].join(','),
  ];
  for (const r of json)
    for (const c of r.claims)
      for (const a of c.articles)
        lines.push(
          [
            r.kind,
            r.subject,
            String(c.value),
            c.max !== undefined ? String(c.max) : '',
            c.approximate ? 'yes' : '',
            c.sourceDisplay ?? '',
            r.low !== undefined ? String(r.low) : '',
            r.high !== undefined ? String(r.high) : '',
            r.conservative !== undefined ? String(r.conservative) : '',
            r.disputes.length > 1 ? 'yes' : '',
            a.article,
            a.outlet ?? '',
            a.publishedAt ?? '',
            a.text,
          ]
            .map(esc)
            .join(','),
        );
  return lines.join('\r\n') + '\r\n';
}
