import { getDiff } from '../api.js';
import { articleName, day, h, languageName } from '../dom.js';
import type { ArticleJson, DiffJson, FactDiffJson, FactRef, PassageJson, Span, Page } from '../types.js';

type Side = 'a' | 'b';

interface Mark {
  span: Span;
  index: number;
}

/**
 * Two versions side by side. Each article's text is cut at every boundary of a reused passage, a removal and a fact;
 * each piece becomes one text-only element whose classes say what it is: verbatim or paraphrased reuse (with the
 * passage number, so a click can find the counterpart), text only this side has, noise removed (struck through,
 * with its reason), a fact (underlined).
 */
export async function renderDiff(idA: string, idB: string): Promise<Page> {
  const d = await getDiff(idA, idB);
  const passages = d.passages;
  const title = `${articleName(d.a)} → ${articleName(d.b)}`;
  const rel = d.relation;
  const body = h(
    'article',
    { class: 'diff', 'aria-labelledby': 'h-diff' },
    h(
      'h1',
      { id: 'h-diff' },
      'Compare ',
      h('span', { class: 'who' }, articleName(d.a)),
      ' with ',
      h('span', { class: 'who' }, articleName(d.b)),
    ),
    h(
      'section',
      { class: 'verdict', 'aria-label': 'Relation' },
      h(
        'p',
        {},
        h('strong', {}, rel.kind.replace('-', ' ')),
        rel.commonSource ? ` — common source: ${rel.commonSource}` : '',
        ` · ${passages.length} aligned passage${passages.length === 1 ? '' : 's'} · `,
        h('a', { href: `#/diff/${d.b.id}/${d.a.id}` }, 'swap sides'),
      ),
      rel.evidence.length
        ? h(
            'ul',
            { class: 'evidence' },
            rel.evidence.map((e) => h('li', {}, e)),
          )
        : null,
    ),
    comparison(d, 'Earlier or reference version', 'Compared version'),
  );
  return { title, crumbs: [{ label: 'Stories', href: '#/' }, { label: 'Compare' }], body };
}

/**
 * The legend, both texts side by side with their passages linked, and the fact changes of B against A: the diff page's
 * body, and the look-up's against the closest version. `roleA`, `roleB` name the columns for assistive technology.
 */
export function comparison(d: DiffJson, roleA: string, roleB: string): DocumentFragment {
  const passages = d.passages;
  const cols = h('div', { class: 'columns' }, column('a', d.a, passages, roleA), column('b', d.b, passages, roleB));
  cols.addEventListener('click', (e) => jump(e.target as Element, cols));
  cols.addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && (e.target as Element).matches('[data-p][tabindex]')) {
      e.preventDefault();
      jump(e.target as Element, cols);
    }
  });
  const frag = document.createDocumentFragment();
  frag.append(legend(passages.some((p) => p.kind === 'translation')), cols);
  if (d.facts) frag.append(factChanges(d.facts, d.a, d.b, cols));
  return frag;
}

/** The diff's legend; the translated sentences' entry only where the two texts are a translation. */
function legend(translated: boolean): HTMLElement {
  return h(
    'ul',
    { class: 'legend diff-legend', 'aria-label': 'Legend' },
    h('li', {}, h('span', { class: 'seg verbatim' }, 'verbatim reuse')),
    h('li', {}, h('span', { class: 'seg paraphrase' }, 'paraphrase')),
    translated ? h('li', {}, h('span', { class: 'seg translation' }, 'translated sentence')) : [],
    h('li', {}, h('span', { class: 'seg substitution' }, 'changed inside reused text')),
    h('li', {}, h('span', { class: 'seg only-a' }, 'only in the earlier')),
    h('li', {}, h('span', { class: 'seg only-b' }, 'new in the compared')),
    h('li', {}, h('del', { class: 'seg noise' }, 'removed noise')),
    h('li', {}, h('span', { class: 'seg fact' }, 'fact')),
    h('li', { class: 'hint' }, 'Click or press Enter on a passage to go to its counterpart.'),
  );
}

function column(side: Side, a: ArticleJson, passages: PassageJson[], role: string): HTMLElement {
  const marks: Mark[] = passages.map((p, index) => ({ span: p[side], index }));
  const url = a.url && /^https?:\/\//i.test(a.url) ? a.url : null;
  return h(
    'section',
    { class: `col col-${side}`, 'aria-label': `${role}: ${articleName(a)}` },
    h(
      'header',
      {},
      h('h2', {}, articleName(a)),
      h(
        'p',
        { class: 'meta' },
        day(a.publishedAt),
        a.language && a.language !== 'und'
          ? h('span', { class: 'lang', title: 'language (ISO 639-3)' }, ` · ${a.language}`)
          : '',
        a.dateline ? ` · ${a.dateline}` : '',
        ' · ',
        url ? h('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'source') : a.source,
        ' · ',
        h('span', { class: 'id' }, a.id),
      ),
      a.title ? h('p', { class: 'title' }, a.title) : null,
    ),
    h('div', { class: 'text', 'data-side': side }, segments(side, a, marks, passages)),
  );
}

function segments(side: Side, a: ArticleJson, marks: Mark[], passages: PassageJson[]): Node {
  const text = a.text;
  const n = text.length;
  const cuts = new Set<number>([0, n]);
  const clamp = (x: number) => Math.max(0, Math.min(n, x));
  for (const m of marks) m.span.forEach((x) => cuts.add(clamp(x)));
  for (const r of a.removed) r.span.forEach((x) => cuts.add(clamp(x)));
  for (const f of a.facts) f.span.forEach((x) => cuts.add(clamp(x)));
  const points = [...cuts].sort((x, y) => x - y);
  const frag = document.createDocumentFragment();
  const seen = new Set<number>();
  const within = (s: Span, p: number, q: number) => s[0] <= p && q <= s[1];
  for (let i = 0; i + 1 < points.length; i++) {
    const p = points[i];
    const q = points[i + 1];
    if (q <= p) continue;
    const piece = text.slice(p, q);
    const mark = marks.find((m) => within(m.span, p, q));
    const removed = a.removed.find((r) => within(r.span, p, q));
    const facts = a.facts.filter((f) => within(f.span, p, q));
    const cls = ['seg'];
    if (mark) cls.push(passages[mark.index].kind);
    else if (!removed) cls.push(side === 'a' ? 'only-a' : 'only-b');
    if (facts.length) cls.push('fact');
    const titleParts: string[] = [];
    if (mark) titleParts.push(`${passages[mark.index].kind} passage ${mark.index + 1}`);
    if (removed) titleParts.push(`removed as ${removed.reason}`);
    for (const f of facts) titleParts.push(`${f.kind}: ${f.text}`);
    if (removed && removed.span[0] === p) {
      frag.append(h('span', { class: 'reason', 'aria-hidden': 'true' }, removed.reason));
    }
    const attrs: Record<string, string | number | undefined> = {
      class: cls.join(' '),
      'data-s': p,
      title: titleParts.join(' · ') || undefined,
    };
    if (mark) {
      attrs['data-p'] = mark.index;
      if (!seen.has(mark.index)) {
        seen.add(mark.index);
        attrs.tabindex = 0;
        attrs.role = 'button';
        attrs['aria-label'] =
          `${passages[mark.index].kind} passage ${mark.index + 1}: ${piece.slice(0, 80)}… Go to the other version`;
      }
    }
    if (removed) {
      attrs['data-reason'] = removed.reason;
      frag.append(h('del', attrs, h('span', { class: 'sr' }, `removed as ${removed.reason}: `), piece));
    } else frag.append(h('span', attrs, piece));
  }
  return frag;
}

/** Scrolls the other column to the counterpart of the clicked passage and moves focus there. */
function jump(target: Element, cols: HTMLElement): void {
  const seg = target.closest('[data-p]');
  if (!seg) return;
  const side = seg.closest('[data-side]')?.getAttribute('data-side');
  const other = side === 'a' ? 'b' : 'a';
  const p = seg.getAttribute('data-p');
  const there = cols.querySelector<HTMLElement>(`[data-side="${other}"] [data-p="${p}"]`);
  if (!there) return;
  there.scrollIntoView({ block: 'center', behavior: 'smooth' });
  there.focus({ preventScroll: true });
  for (const el of cols.querySelectorAll('.flash')) el.classList.remove('flash');
  for (const el of cols.querySelectorAll(`[data-p="${p}"]`)) el.classList.add('flash');
}

function factChanges(f: FactDiffJson, a: ArticleJson, b: ArticleJson, cols: HTMLElement): HTMLElement {
  const ref = (side: Side, r: FactRef) =>
    h(
      'li',
      {},
      h('span', { class: `kind k-${r.kind}` }, r.kind),
      ' ',
      h('button', { type: 'button', class: 'linkish', onclick: () => show(cols, side, r.span) }, r.label),
      ' ',
      h('q', {}, r.text),
    );
  const group = (id: string, heading: string, items: HTMLElement[]) =>
    items.length
      ? h(
          'section',
          { 'aria-labelledby': `h-${id}`, class: `fgroup ${id}` },
          h('h3', { id: `h-${id}` }, `${heading} (${items.length})`),
          h('ul', {}, items),
        )
      : null;
  const groups = [
    group(
      'dropped',
      `Dropped by ${articleName(b)}`,
      f.dropped.map((r) => ref('a', r)),
    ),
    group(
      'added',
      `Added by ${articleName(b)}`,
      f.added.map((r) => ref('b', r)),
    ),
    group(
      'updated',
      `Updated by ${articleName(b)}`,
      (f.updated ?? []).map((c) =>
        h(
          'li',
          {},
          h('span', { class: `kind k-${c.from.kind}` }, c.from.kind),
          ' ',
          h('button', { type: 'button', class: 'linkish', onclick: () => show(cols, 'a', c.from.span) }, c.from.label),
          ' → ',
          h('button', { type: 'button', class: 'linkish', onclick: () => show(cols, 'b', c.to.span) }, c.to.label),
        ),
      ),
    ),
    group(
      'changed',
      'Conflicting values',
      f.changed.map((c) =>
        h(
          'li',
          {},
          h('span', { class: `kind k-${c.from.kind}` }, c.from.kind),
          ' ',
          h('button', { type: 'button', class: 'linkish', onclick: () => show(cols, 'a', c.from.span) }, c.from.label),
          ' → ',
          h('button', { type: 'button', class: 'linkish', onclick: () => show(cols, 'b', c.to.span) }, c.to.label),
        ),
      ),
    ),
    group(
      'attribution',
      'Attribution changes',
      f.attributionChanges.map((c) =>
        h('li', {}, c.from ? `from ${c.from.label}` : 'unattributed', ' → ', c.to ? c.to.label : 'unattributed'),
      ),
    ),
    group(
      'loaded-added',
      'Loaded wording added',
      f.loadedAdded.map((r) => ref('b', r)),
    ),
    group(
      'loaded-removed',
      'Loaded wording removed',
      f.loadedRemoved.map((r) => ref('a', r)),
    ),
  ].filter((g): g is HTMLElement => !!g);
  return h(
    'section',
    { class: 'fact-changes', 'aria-labelledby': 'h-fchanges' },
    h('h2', { id: 'h-fchanges' }, `Facts: what ${articleName(b)} changes against ${articleName(a)}`),
    f.unread
      ? h(
          'p',
          { class: 'unread' },
          `Not compared: facts are read in English only, and ${f.unread
            .map((u) => `${u.article === a.id ? articleName(a) : articleName(b)} is in ${languageName(u.language)}`)
            .join(' and ')}.`,
        )
      : groups.length
        ? groups
        : h('p', {}, 'No fact-level change.'),
  );
}

function show(cols: HTMLElement, side: Side, span: Span): void {
  const el = cols.querySelector<HTMLElement>(`[data-side="${side}"] [data-s="${span[0]}"]`);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  for (const x of cols.querySelectorAll('.flash')) x.classList.remove('flash');
  el.classList.add('flash');
}
