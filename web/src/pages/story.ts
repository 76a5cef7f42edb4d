import { getClaims, getStory } from '../api.js';
import { articleName, day, derived, h, languageName, shortId } from '../dom.js';
import {
  LOW_CONFIDENCE,
  type ClaimsResponse,
  type FactPageTable,
  type PageArticle,
  type PageRelation,
  type StoryPageJson,
  type Page,
} from '../types.js';
import { propagationGraph } from './graph.js';

const KIND_TEXT: Record<PageRelation['kind'], string> = {
  copy: 'copy',
  translation: 'translation',
  'shared-source': 'shared source',
  'same-event': 'same event',
};

export async function renderStory(id: string, from = 0): Promise<Page> {
  // The claims are of the whole story; a failure to load them leaves the rest of the page.
  const [s, claims] = await Promise.all([getStory(id, Math.max(0, Math.floor(from))), getClaims(id).catch(() => null)]);
  const number = new Map(s.articles.map((a, i) => [a.id, s.offset + i + 1]));
  const title = s.title ?? `Story ${shortId(s.id)}`;
  const outlets = new Set(s.articles.map((a) => a.outlet ?? a.source)).size;
  const body = h(
    'article',
    { class: 'story', 'aria-labelledby': 'h-story' },
    h('h1', { id: 'h-story' }, title),
    h(
      'p',
      { class: 'meta' },
      (s.articles.length < s.articleCount
        ? `Articles ${s.offset + 1}–${s.offset + s.articles.length} of ${s.articleCount.toLocaleString('en')},`
        : `${s.articles.length} article${s.articles.length === 1 ? '' : 's'}`) +
        ` from ${outlets} outlet${outlets === 1 ? '' : 's'}`,
      `, first seen ${day(s.firstSeen)} · `,
      h('span', { class: 'id' }, s.id),
    ),
    pager(s),
    section('timeline', 'Timeline', 'Articles by publication time (undated last)', timeline(s, number)),
    section(
      'graph',
      'How it spread',
      'Arrows run from the original or common source to each copy; click an article to compare it with its source',
      h('div', { class: 'graph-wrap' }, propagationGraph(s.articles, s.relations, number)),
      legend(),
    ),
    s.facts
      ? section(
          'facts',
          'Fact table',
          'Each fact, and which articles carry it, omit it, or state another value',
          factTable(s.facts, number, s.articles),
        )
      : null,
    claims
      ? section(
          'claims',
          'Claims',
          'Each figure or statement, who asserts it and which articles carry it; sources’ figures for one count side by side',
          claimsPanel(claims, number),
        )
      : null,
    section(
      'relations',
      'Relations',
      'Each related pair with the evidence behind the verdict',
      relationsList(s.relations, number, new Map(s.articles.map((a) => [a.id, a]))),
    ),
  );
  return { title, crumbs: [{ label: 'Stories', href: '#/' }, { label: title }], body };
}

/** Links to the pages before and after this one, for a story larger than a page; nothing for one that fits. */
function pager(s: StoryPageJson): HTMLElement | null {
  if (s.articles.length >= s.articleCount) return null;
  const size = s.limit;
  const link = (from: number, label: string) =>
    h('a', { href: `#/story/${encodeURIComponent(s.id)}${from > 0 ? `?from=${from}` : ''}` }, label);
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages of this story' },
    s.offset > 0
      ? link(Math.max(0, s.offset - size), `← articles ${Math.max(1, s.offset - size + 1)}–${s.offset}`)
      : null,
    s.offset + size < s.articleCount
      ? link(s.offset + size, `articles ${s.offset + size + 1}–${Math.min(s.articleCount, s.offset + 2 * size)} →`)
      : null,
  );
}

function section(id: string, heading: string, note: string, ...content: Array<Node | null>): HTMLElement {
  return h(
    'section',
    { id: `sec-${id}`, 'aria-labelledby': `h-${id}` },
    h('h2', { id: `h-${id}` }, heading),
    h('p', { class: 'note' }, note),
    content,
  );
}

function timeline(s: StoryPageJson, number: Map<string, number>): HTMLElement {
  const first = s.articles[0];
  const t0 = first?.publishedAt ? Date.parse(first.publishedAt) : NaN;
  // The page's commonest language goes unsaid; an article in another is tagged with its own.
  const count = new Map<string, number>();
  for (const a of s.articles) if (a.language) count.set(a.language, (count.get(a.language) ?? 0) + 1);
  const usual = [...count].sort((x, y) => y[1] - x[1])[0]?.[0];
  return h(
    'ol',
    { class: 'timeline' },
    s.articles.map((a) => {
      const t = a.publishedAt ? Date.parse(a.publishedAt) : NaN;
      const gap = Number.isFinite(t) && Number.isFinite(t0) && a !== first ? elapsed(t - t0) : '';
      return h(
        'li',
        { 'data-id': a.id },
        h('span', { class: 'n', 'aria-hidden': 'true' }, number.get(a.id)),
        a.publishedAt
          ? h('time', { datetime: a.publishedAt }, a.publishedAt.replace('T', ' ').slice(0, 16))
          : h('span', { class: 'undated' }, 'date unknown'),
        h('span', { class: 'gap' }, gap),
        h('span', { class: 'outlet' }, articleName(a)),
        h(
          'span',
          { class: 'title' },
          a.language && a.language !== 'und' && a.language !== usual
            ? h('span', { class: 'lang-tag', title: 'language of the text (ISO 639-3)' }, a.language)
            : null,
          a.title ?? a.excerpt,
        ),
        a.membership && a.membership.by !== 'founded' && a.membership.score < LOW_CONFIDENCE
          ? h(
              'span',
              { class: 'guess', title: a.membership.evidence.join('; ') },
              `uncertain member (${a.membership.score.toFixed(2)})`,
            )
          : '',
        a !== first
          ? h('a', { href: `#/diff/${first.id}/${a.id}`, class: 'cmp' }, `compare with ${number.get(first.id)}`)
          : h('span', { class: 'cmp first' }, s.offset === 0 ? 'earliest' : 'first of this page'),
      );
    }),
  );
}

function elapsed(ms: number): string {
  if (ms < 0) return '';
  const hours = ms / 3.6e6;
  return hours < 48 ? `+${Math.round(hours)} h` : `+${Math.round(hours / 24)} d`;
}

function legend(): HTMLElement {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    h('li', { class: 'lg-copy' }, 'copy or translation'),
    h('li', { class: 'lg-source' }, 'from a common source'),
    h('li', { class: 'lg-event' }, 'same event, reported independently'),
  );
}

/**
 * One fact-table cell. Built without the `h` helper: a large story has tens of thousands of them. The mark is drawn
 * by CSS (`::before`, with empty alternative text); screen readers read the status word, visually hidden.
 */
const STATUS: Record<string, string> = { c: 'carried', o: 'omitted', x: 'conflicting', u: 'updated' };

function cell(status: string, c: { text?: string; attributedTo?: string } = {}): HTMLTableCellElement {
  const td = document.createElement('td');
  td.className = `cell ${status}`;
  const sr = document.createElement('span');
  sr.className = 'sr';
  if (status === 'omitted') sr.textContent = 'omitted';
  else {
    const describe = `${status}${c.text ? `: “${c.text}”` : ''}${c.attributedTo ? `, attributed to ${c.attributedTo}` : ''}`;
    td.title = describe;
    sr.textContent = describe;
  }
  td.append(sr);
  return td;
}

/**
 * Fact rows drawn at first. A 200-article story can hold 150 facts, 30,000 cells: drawing them all doubles the time
 * the page takes to appear, while the conflicts and the first rows are what a reader looks at first.
 */
const FACT_ROWS_FIRST = 40;

function factTable(t: FactPageTable, number: Map<string, number>, articles: PageArticle[]): HTMLElement {
  const byId = new Map(articles.map((a) => [a.id, a]));
  // Articles whose facts are not read are not columns: an empty column would read as "omits every fact".
  const unread = t.unread?.length
    ? h(
        'p',
        { class: 'unread' },
        `Not in the table: ${t.unread
          .map((u) => `${number.get(u.article) ?? '?'} (${languageName(u.language)})`)
          .join(', ')} — facts are read in English only.`,
      )
    : null;
  if (t.rows.length === 0) return h('div', {}, unread, h('p', {}, 'No facts found in these articles.'));
  return h('div', {}, unread, factGrid(t, number, byId));
}

function factGrid(t: FactPageTable, number: Map<string, number>, byId: Map<string, PageArticle>): HTMLElement {
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Fact'),
    t.articles.map((id) =>
      h(
        'th',
        { scope: 'col', class: 'col-art', title: `${articleName(byId.get(id)!)} ${day(byId.get(id)?.publishedAt)}` },
        h('span', { class: 'sr' }, 'Article '),
        number.get(id) ?? '?',
      ),
    ),
  );
  const isConflict = (r: FactPageTable['rows'][number]) => r.marks.includes('x');
  // Conflicting rows first: they are what the table is for; the rest keep the order the facts were first seen in.
  const ordered = [...t.rows.filter(isConflict), ...t.rows.filter((r) => !isConflict(r))];
  const body = h('tbody', {});
  const draw = (rows: FactPageTable['rows']) => {
    const frag = document.createDocumentFragment();
    for (const r of rows) {
      const tr = h(
        'tr',
        { class: isConflict(r) ? 'conflict' : undefined },
        h('th', { scope: 'row' }, h('span', { class: `kind k-${r.kind}` }, r.kind), ' ', r.label),
      );
      const details = new Map(r.details.map((d) => [d.col, d]));
      for (let col = 0; col < t.articles.length; col++)
        tr.append(cell(STATUS[r.marks[col]] ?? 'omitted', details.get(col)));
      frag.append(tr);
    }
    body.append(frag);
  };
  draw(ordered.slice(0, FACT_ROWS_FIRST));
  const rest = ordered.slice(FACT_ROWS_FIRST);
  const more = rest.length
    ? h(
        'button',
        {
          type: 'button',
          class: 'more',
          onclick: (e: Event) => {
            draw(rest);
            (e.currentTarget as HTMLElement).remove();
          },
        },
        `Show all ${ordered.length} facts`,
      )
    : null;
  const conflicts = t.rows.filter(isConflict).length;
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'note' },
      `${t.rows.length} facts, ${conflicts} with conflicting values${conflicts ? ' (highlighted, listed first)' : ''}.`,
    ),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Fact table, scrolls sideways' },
      h(
        'table',
        { class: 'facts' },
        h(
          'caption',
          {},
          '● carried · omitted ≠ conflicting value ↑ updated value; columns are the articles in publication order',
        ),
        h('thead', {}, head),
        body,
      ),
    ),
    more,
  );
}

/** Statements shown at first: the figures are what the panel is for. */
const STATEMENTS_FIRST = 5;

function claimsPanel(c: ClaimsResponse, number: Map<string, number>): HTMLElement {
  const figures = c.claims.filter((r) => r.kind === 'figure');
  const statements = c.claims.filter((r) => r.kind === 'statement').slice(0, STATEMENTS_FIRST);
  if (figures.length + statements.length === 0) return h('p', {}, 'No claims found in these articles.');
  const num = (n: number) => n.toLocaleString('en');
  const value = (x: ClaimsResponse['claims'][number]['claims'][number]) =>
    typeof x.value === 'number'
      ? (x.vague ?? `${x.approximate ? '~' : ''}${num(x.value)}${x.max !== undefined ? `–${num(x.max)}` : ''}`)
      : `“${x.value}”`;
  const arts = (x: ClaimsResponse['claims'][number]['claims'][number]) =>
    x.articles.map((a) => (number.has(a.article) ? `#${number.get(a.article)}` : (a.outlet ?? a.article))).join(', ');
  const rows = [...figures, ...statements].flatMap((r) => {
    const disputed = r.disputes.length > 1;
    const head = h(
      'tr',
      { class: disputed ? 'disputed' : undefined },
      h(
        'th',
        { scope: 'rowgroup', rowspan: String(r.claims.length) },
        r.kind === 'figure' ? r.subject : `statement by ${r.subject}`,
        r.kind === 'figure' && r.low !== r.high
          ? h('div', { class: 'note' }, `range ${num(r.low!)}–${num(r.high!)}, conservative ${num(r.conservative!)}`)
          : null,
        disputed ? h('div', { class: 'note' }, 'disputed between sources') : null,
        r.updates.length
          ? h(
              'div',
              { class: 'note' },
              r.updates
                .map(
                  (u) =>
                    `${u.source ? `${u.source}: ` : ''}${num(u.from.value)} (${day(u.from.publishedAt)}) → ${num(u.to.value)} (${day(u.to.publishedAt)})`,
                )
                .join('; '),
            )
          : null,
      ),
      h('td', {}, value(r.claims[0])),
      h('td', {}, r.claims[0].sourceDisplay ?? '—'),
      h('td', {}, arts(r.claims[0])),
    );
    return [
      head,
      ...r.claims
        .slice(1)
        .map((x) => h('tr', {}, h('td', {}, value(x)), h('td', {}, x.sourceDisplay ?? '—'), h('td', {}, arts(x)))),
    ];
  });
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Claims' },
    h(
      'table',
      { class: 'claims' },
      h('caption', {}, 'Claims: what is counted or said, the value, who asserts it, the articles carrying it'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Counted or said'),
          h('th', { scope: 'col' }, 'Value'),
          h('th', { scope: 'col' }, 'Asserted by'),
          h('th', { scope: 'col' }, 'Articles'),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

/**
 * One related pair in words a reader needs no key for: the outlets by name, with their numbers on the timeline,
 * "← reprints", "both reproduce X", "same event, reported independently".
 */
function relationLabel(r: PageRelation, number: Map<string, number>, byId: Map<string, PageArticle>): string {
  const who = (id: string) => {
    const a = byId.get(id);
    return `${a ? articleName(a) : id} (${number.get(id) ?? '?'})`;
  };
  if (r.kind === 'copy') return `${who(r.to)} ← ${r.spin ? 'rewrites' : 'copies'} ${who(r.from)}`;
  if (r.kind === 'translation')
    return `${who(r.to)} ← translates ${who(r.from)}${r.languages ? ` (${languageName(r.languages[0])} to ${languageName(r.languages[1])})` : ''}`;
  if (r.kind === 'shared-source')
    return `${who(r.from)} and ${who(r.to)} both reproduce ${r.commonSource ?? 'a source not in the store'}`;
  return `${who(r.from)} and ${who(r.to)}: same event, reported independently`;
}

function relationsList(
  relations: PageRelation[],
  number: Map<string, number>,
  byId: Map<string, PageArticle>,
): HTMLElement {
  if (relations.length === 0) return h('p', {}, 'No related pairs: a single article, or articles told apart.');
  return h(
    'ul',
    { class: 'relations' },
    relations.map((r) =>
      h(
        'li',
        {},
        h('a', { href: `#/diff/${r.from}/${r.to}` }, relationLabel(r, number, byId)),
        ' ',
        h('span', { class: `rel rel-${r.kind}` }, KIND_TEXT[r.kind]),
        r.confidence !== undefined
          ? h(
              'span',
              { class: 'confidence', title: 'how sure the verdict is, 0 to 1' },
              ` confidence ${r.confidence.toFixed(2)}`,
            )
          : '',
        r.spin ? h('span', { class: 'rel rel-spin', title: r.spin.join(', ') }, 'spun: words swapped') : '',
        r.confidence !== undefined && r.confidence < LOW_CONFIDENCE
          ? h('span', { class: 'guess', title: `confidence ${r.confidence.toFixed(2)}` }, 'uncertain')
          : '',
        derived(r.kind) && r.direction === 'unknown' ? h('span', { class: 'guess' }, 'direction unknown') : '',
        h(
          'ul',
          { class: 'evidence' },
          r.evidence.map((e) => h('li', {}, e)),
        ),
      ),
    ),
  );
}
