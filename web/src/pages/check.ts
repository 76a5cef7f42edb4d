import { lookUp } from '../api.js';
import { articleName, day, h } from '../dom.js';
import { LOW_CONFIDENCE, type LookUpJson, type Page } from '../types.js';
import { comparison } from './diff.js';

/**
 * "Check a text": a pasted text read against the store without storing it — the story it tells, where it comes from,
 * the stored version closest to it, side by side, and what it changes in facts (POST /api/lookup).
 */
export function renderCheck(): Promise<Page> {
  const result = h('div', { class: 'check-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, 'Check');
  const form = h(
    'form',
    {
      class: 'check-form',
      'aria-label': 'Text to check',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        const field = (k: string) => String(data.get(k) ?? '').trim() || undefined;
        const text = field('text');
        if (!text) {
          result.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'Paste the text of an article first.'));
          return;
        }
        button.disabled = true;
        result.setAttribute('aria-busy', 'true');
        result.replaceChildren(h('p', {}, 'Checking…'));
        lookUp({ text, title: field('title'), url: field('url') })
          .then((l) => result.replaceChildren(report(l)))
          .catch((err: unknown) =>
            result.replaceChildren(h('p', { class: 'error', role: 'alert' }, (err as Error).message)),
          )
          .finally(() => {
            button.disabled = false;
            result.removeAttribute('aria-busy');
          });
      },
    },
    h(
      'label',
      { class: 'field field-text' },
      h('span', {}, 'Article text'),
      h('textarea', { name: 'text', rows: 10, required: true, placeholder: 'Paste the text of the article' }),
    ),
    h('label', { class: 'field' }, h('span', {}, 'Title (optional)'), h('input', { name: 'title', type: 'text' })),
    h(
      'label',
      { class: 'field' },
      h('span', {}, 'Where it was published (optional)'),
      h('input', { name: 'url', type: 'url', placeholder: 'https://' }),
    ),
    button,
    h('p', { class: 'hint' }, 'Nothing you check is stored.'),
  );
  return Promise.resolve({
    title: 'Check a text',
    crumbs: [{ label: 'Stories', href: '#/' }, { label: 'Check a text' }],
    body: h(
      'section',
      { class: 'check', 'aria-labelledby': 'h-check' },
      h('h1', { id: 'h-check' }, 'Check a text'),
      h(
        'p',
        { class: 'lede' },
        'Which story is it, where does it come from, which stored version is it closest to, and what did it change?',
      ),
      form,
      result,
    ),
  });
}

function report(l: LookUpJson): DocumentFragment {
  const frag = document.createDocumentFragment();
  const s = l.story;
  const verdicts = h('dl', { class: 'verdicts' });
  const row = (term: string, ...value: Array<Node | string | null>) =>
    verdicts.append(h('dt', {}, term), h('dd', {}, ...value));
  if (s) {
    row(
      'Story',
      h('a', { href: `#/story/${s.id}` }, s.title ?? s.id),
      ` · ${s.size} stored article${s.size === 1 ? '' : 's'} · score ${s.score.toFixed(2)} `,
      s.lowConfidence ? h('span', { class: 'guess' }, 'low confidence: a guess') : null,
    );
    row(
      'Earliest in the store',
      `${s.earliest.outlet ?? s.earliest.title ?? s.earliest.id} · ${day(s.earliest.publishedAt)}`,
    );
  } else
    row(
      'Story',
      'No stored article tells this story.',
      h('ul', { class: 'evidence' }, l.article.membership?.evidence.map((e: string) => h('li', {}, e)) ?? []),
    );
  const o = l.origin;
  if (o)
    row(
      'Where it comes from',
      o.kind === 'outside'
        ? `${o.name}, which this text and its closest version both reproduce`
        : o.kind === 'article'
          ? `the stored article ${o.id}${o.chain.length > 1 ? `, copied on through ${o.chain.slice(1).join(' → ')}` : ''}`
          : o.kind === 'first-report'
            ? `no reproduced text: the story's first report in the store is ${o.id}`
            : `this text: the stored ${o.copiedBy} reproduces it and is later`,
    );
  if (l.sources.length) row('Credits in the text', l.sources.map((x) => `${x.name} (${x.kind})`).join(', '));
  if (l.stored) row('Stored', 'an article with this text is in the store already');
  frag.append(verdicts);
  const c = l.closest;
  if (!c) return frag;
  const r = c.relation;
  const guess = r.confidence !== undefined && r.confidence < LOW_CONFIDENCE;
  frag.append(
    h(
      'section',
      { class: 'verdict', 'aria-labelledby': 'h-closest' },
      h('h2', { id: 'h-closest' }, `Closest version: ${articleName(c.article)} · ${day(c.article.publishedAt)}`),
      h(
        'p',
        {},
        h('strong', {}, r.kind.replace('-', ' ')),
        l.spin.length ? ' (machine-spun)' : '',
        r.commonSource ? ` — common source: ${r.commonSource}` : '',
        guess ? ' ' : '',
        guess ? h('span', { class: 'guess' }, 'uncertain') : null,
      ),
      r.evidence.length
        ? h(
            'ul',
            { class: 'evidence' },
            r.evidence.map((e) => h('li', {}, e)),
          )
        : null,
      l.spin.length
        ? h(
            'p',
            { class: 'spin' },
            'Swapped words: ',
            l.spin.flatMap((w, i) => [i ? ', ' : '', h('del', {}, w.fromText), ' → ', h('ins', {}, w.toText)]),
          )
        : null,
    ),
  );
  // Passages oriented closest version (A) → checked text (B), as the diff page shows them.
  const passages = r.from === c.article.id ? r.passages : r.passages.map((p) => ({ ...p, a: p.b, b: p.a }));
  frag.append(
    comparison(
      {
        a: c.article,
        b: { ...l.article, outlet: l.article.outlet ?? 'Checked text' },
        relation: r,
        passages,
        facts: c.facts,
      },
      'Closest stored version',
      'Checked text',
    ),
  );
  return frag;
}
