import './style.css';
import { ApiError } from './api.js';
import { clear, h } from './dom.js';
import { renderCheck } from './pages/check.js';
import { renderDiff } from './pages/diff.js';
import { renderList } from './pages/list.js';
import { renderStory } from './pages/story.js';
import type { Page } from './types.js';

const main = document.getElementById('main')!;
const crumbs = document.getElementById('crumbs')!;
const status = document.getElementById('status')!;

/**
 * Hash routes, so the server needs no routing of its own and every view has a URL one can share:
 * `#/` (stories, with `?q=…` filters), `#/story/<id>` (`?from=N` for a later page of a large story),
 * `#/diff/<a>/<b>`, `#/check` (a pasted text looked up, nothing stored).
 */
function route(hash: string): Promise<Page> {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'story' && parts[1])
    return renderStory(parts[1], Number(new URLSearchParams(query).get('from')) || 0);
  if (parts[0] === 'diff' && parts[1] && parts[2]) return renderDiff(parts[1], parts[2]);
  if (parts[0] === 'check') return renderCheck();
  return renderList(new URLSearchParams(query));
}

let generation = 0;

async function show(): Promise<void> {
  const mine = ++generation;
  const started = performance.now();
  status.textContent = 'Loading…';
  main.setAttribute('aria-busy', 'true');
  try {
    const page = await route(location.hash);
    if (mine !== generation) return;
    document.title = `${page.title} · newstrace`;
    clear(crumbs);
    crumbs.append(
      h(
        'ol',
        {},
        page.crumbs.map((c, i) =>
          h(
            'li',
            {},
            c.href && i < page.crumbs.length - 1
              ? h('a', { href: c.href }, c.label)
              : h('span', { 'aria-current': 'page' }, c.label),
          ),
        ),
      ),
    );
    main.replaceChildren(page.body);
    const ms = Math.round(performance.now() - started);
    // Read by the end-to-end tests, which log how long each page took to load and draw.
    main.dataset.renderMs = String(ms);
    status.textContent = `${page.title}: loaded in ${ms} ms`;
  } catch (e) {
    if (mine !== generation) return;
    const msg = e instanceof ApiError || e instanceof Error ? e.message : String(e);
    main.replaceChildren(
      h(
        'section',
        { class: 'error', role: 'alert' },
        h('h1', {}, 'Cannot show this page'),
        h('p', {}, msg),
        h('p', {}, h('a', { href: '#/' }, 'Back to the stories')),
      ),
    );
    status.textContent = '';
  } finally {
    if (mine === generation) main.removeAttribute('aria-busy');
  }
}

let lastPath = '';
window.addEventListener('hashchange', () => {
  const path = location.hash.split('?')[0];
  void show().then(() => {
    // Move focus to the new view for keyboard and screen-reader users, but not while typing in the search form.
    if (path !== lastPath) {
      window.scrollTo(0, 0);
      main.focus({ preventScroll: true });
    }
    lastPath = path;
  });
});
lastPath = location.hash.split('?')[0];
// The skip link must not change the hash: the hash is the route.
document.querySelector('.skip')?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});
void show();
