import { listStories, type StoryFilter } from '../api.js';
import { h, shortId } from '../dom.js';
import type { Page } from '../main.js';

const FIELDS: Array<{ name: keyof StoryFilter; label: string; type: string; hint?: string }> = [
  { name: 'q', label: 'Words', type: 'search', hint: 'in any article’s title or text' },
  { name: 'outlet', label: 'Outlet', type: 'text' },
  { name: 'entity', label: 'Person, place or organisation', type: 'text' },
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
            ['Story', 'Articles', 'Outlets', 'First seen', 'Last seen'].map((t) => h('th', { scope: 'col' }, t)),
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
                h('a', { href: `#/story/${s.id}` }, s.title ?? `Untitled story ${shortId(s.id)}`),
                h('span', { class: 'id' }, s.id),
              ),
              h('td', { class: 'num' }, s.articles),
              h('td', { class: 'num' }, s.outlets),
              h('td', {}, s.firstSeen ? h('time', { datetime: s.firstSeen }, s.firstSeen.slice(0, 10)) : '—'),
              h('td', {}, s.lastSeen ? h('time', { datetime: s.lastSeen }, s.lastSeen.slice(0, 10)) : '—'),
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
