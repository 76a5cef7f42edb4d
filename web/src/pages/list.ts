import { listStories, type StoryFilter } from '../api.js';
import { h, languageName, shortId, svg } from '../dom.js';
import type { StorySummary, Page } from '../types.js';

const FIELDS: Array<{ name: keyof StoryFilter; label: string; type: string; hint?: string }> = [
  { name: 'q', label: 'Words', type: 'search', hint: 'in any article’s title or text' },
  { name: 'outlet', label: 'Outlet', type: 'text' },
  { name: 'entity', label: 'Person, place or organisation', type: 'text' },
  { name: 'lang', label: 'Language', type: 'text', hint: 'eng, fra, deu…' },
  { name: 'from', label: 'Published from', type: 'date' },
  { name: 'to', label: 'to', type: 'date' },
];

export async function renderList(params: URLSearchParams): Promise<Page> {
  const filter: StoryFilter = {};
  for (const f of FIELDS) {
    const v = params.get(f.name);
    if (v) filter[f.name] = v;
  }
  const { stories } = await listStories(filter);
  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': 'Search stories',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        const p = new URLSearchParams();
        for (const [k, v] of data) if (typeof v === 'string' && v.trim()) p.set(k, v.trim());
        location.hash = `#/${p.size ? `?${p}` : ''}`;
      },
    },
    FIELDS.map((f) =>
      h(
        'label',
        { class: `field field-${f.name}` },
        h('span', {}, f.label),
        h('input', {
          name: f.name,
          type: f.type,
          value: filter[f.name] ?? '',
          ...(f.hint ? { placeholder: f.hint } : {}),
        }),
      ),
    ),
    h('button', { type: 'submit' }, 'Search'),
    Object.keys(filter).length ? h('a', { href: '#/', class: 'reset' }, 'Clear') : null,
  );
  const table = stories.length
    ? h(
        'table',
        { class: 'stories' },
        h('caption', {}, `${stories.length} ${stories.length === 1 ? 'story' : 'stories'}, largest first`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Story', 'Articles', 'Outlets', 'When'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          stories.map((s) =>
            h(
              'tr',
              {},
              h(
                'th',
                { scope: 'row' },
                h('a', { href: `#/story/${s.id}`, class: 'story-title' }, s.title ?? `Untitled story ${shortId(s.id)}`),
                s.lede ? h('p', { class: 'lede' }, ledeText(s.lede, s.title)) : null,
                s.outletNames.length ? h('p', { class: 'outlets' }, outletsText(s)) : null,
                languagesLine(s),
                h('span', { class: 'id' }, s.id),
              ),
              h('td', { class: 'num', 'data-label': 'articles' }, s.articles),
              h('td', { class: 'num', 'data-label': 'outlets' }, s.outlets),
              h('td', { class: 'when' }, span(s.firstSeen, s.lastSeen), timeline(s.days ?? [])),
            ),
          ),
        ),
      )
    : h(
        'p',
        { class: 'empty' },
        Object.keys(filter).length
          ? 'No story matches these filters.'
          : 'The store holds no stories yet: add articles with `newstrace add`.',
      );
  return {
    title: 'Stories',
    crumbs: [{ label: 'Stories' }],
    body: h('section', { 'aria-labelledby': 'h-stories' }, h('h1', { id: 'h-stories' }, 'Stories'), form, table),
  };
}

/** The lede without the title it may repeat, cut at a word (the list clamps it to two lines). */
function ledeText(lede: string, title?: string): string {
  let t = lede.replace(/\s+/g, ' ').trim();
  if (title && t.toLowerCase().startsWith(title.toLowerCase())) t = t.slice(title.length).trim();
  const cut = t.length > 240 ? t.slice(0, t.lastIndexOf(' ', 240)) + '…' : t;
  return cut;
}

/** "In English, French and German" for a story told in more than one language, or in one other than English. */
function languagesLine(s: StorySummary): HTMLElement | null {
  const ls = s.languages ?? [];
  if (ls.length === 0 || (ls.length === 1 && ls[0] === 'eng')) return null;
  const names = ls.map(languageName).sort();
  const text = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  return h('p', { class: 'languages' }, `In ${text}`);
}

function outletsText(s: StorySummary): string {
  const more = s.outlets - s.outletNames.length;
  return s.outletNames.join(' · ') + (more > 0 ? ` · and ${more} more` : '');
}

/** Size of a list's small timeline, in CSS pixels: it fits the date column and a phone's line. */
const SPARK_W = 96;
const SPARK_H = 16;
/** Widest and narrowest bar: a few days' bars are wide enough to see, two months' still apart. */
const BAR_MAX = 8;
const BAR_MIN = 1;
const DAY_MS = 86_400_000;

/**
 * A story's coverage over time: a bar per day with dated articles, its height their number, across the days from the
 * first to the last. Nothing for a story whose dated articles fall on one day (the dates beside it say all).
 */
function timeline(days: Array<{ day: string; articles: number }>): SVGElement | null {
  if (days.length < 2) return null;
  const t = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const t0 = t(days[0].day);
  const span = Math.max(1, (t(days[days.length - 1].day) - t0) / DAY_MS);
  const most = Math.max(...days.map((d) => d.articles));
  const total = days.reduce((n, d) => n + d.articles, 0);
  const peak = days.find((d) => d.articles === most)!;
  const bar = Math.max(BAR_MIN, Math.min(BAR_MAX, Math.floor(SPARK_W / (span + 1)) - 2));
  const label = `${total} dated articles over ${Math.round(span) + 1} days, most (${most}) on ${peak.day}`;
  return svg(
    'svg',
    {
      class: 'spark',
      width: SPARK_W,
      height: SPARK_H,
      viewBox: `0 0 ${SPARK_W} ${SPARK_H}`,
      role: 'img',
      'aria-label': label,
    },
    svg('title', {}, label),
    svg('line', { x1: 0, y1: SPARK_H - 0.5, x2: SPARK_W, y2: SPARK_H - 0.5, class: 'axis' }),
    days.map((d) => {
      const x = (((t(d.day) - t0) / DAY_MS) * (SPARK_W - bar)) / span;
      const bh = Math.max(2, (d.articles / most) * (SPARK_H - 1));
      return svg('rect', { x: x.toFixed(1), y: (SPARK_H - 1 - bh).toFixed(1), width: bar, height: bh.toFixed(1) });
    }),
  );
}

/** "2022-04-19", or "2022-04-19 – 2022-04-21" when the story spans days. */
function span(first?: string, last?: string): Node | string {
  if (!first) return 'date unknown';
  const a = first.slice(0, 10);
  const b = last?.slice(0, 10);
  return h(
    'span',
    {},
    h('time', { datetime: first }, a),
    b && b !== a ? [' – ', h('time', { datetime: last! }, b)] : null,
  );
}
