import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/**
 * HTML pages: main text by Mozilla Readability (the Firefox reader view's algorithm) on a linkedom DOM, metadata from
 * `<meta>`, Open Graph and JSON-LD. The text keeps paragraph structure (one block element per paragraph); figure
 * captions stay in the text and are listed in `captions` so the clean stage removes them with their reason.
 * Nothing from the page is ever executed: linkedom does not run scripts.
 */

export interface HtmlParts {
  text: string;
  title?: string;
  url?: string;
  outlet?: string;
  published?: string;
  byline?: string;
  captions: string[];
}

/** Elements whose text is one paragraph. */
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption, pre, td, dd, dt';

type Doc = ReturnType<typeof parseHTML>['document'];
type El = ReturnType<Doc['querySelector']> & object;

export function extractHtml(input: string, baseUrl?: string): HtmlParts {
  // Feed items and API exports carry fragments ("<p>…</p>"); give them a document to live in.
  const html = /<html[\s>]/i.test(input) ? input : `<!doctype html><html><head></head><body>${input}</body></html>`;
  const { document } = parseHTML(html);
  const meta = readMeta(document);
  const captions = [...document.querySelectorAll('figcaption, .caption, .wp-caption-text, [itemprop=caption]')]
    .map((e) => squash(e.textContent ?? ''))
    .filter(Boolean);
  let contentDoc: Doc | undefined;
  let rTitle: string | undefined;
  let rByline: string | undefined;
  try {
    // Readability mutates the document it is given; parse a second copy for it.
    const { document: copy } = parseHTML(html);
    const article = new Readability(copy as unknown as Document, { keepClasses: false }).parse();
    if (article?.content) {
      contentDoc = parseHTML(`<html><body>${article.content}</body></html>`).document;
      rTitle = article.title ?? undefined;
      rByline = article.byline ?? undefined;
      meta.published ??= article.publishedTime ?? undefined;
      meta.outlet ??= article.siteName ?? undefined;
    }
  } catch {
    contentDoc = undefined;
  }
  const root = (contentDoc ?? document).body ?? (contentDoc ?? document).documentElement;
  let text = root ? blockText(root as El) : '';
  if (!text.trim() && document.body) text = blockText(document.body as El);
  return {
    text,
    title: meta.title ?? rTitle,
    url: meta.url ?? baseUrl,
    outlet: meta.outlet,
    published: meta.published,
    byline: meta.byline ?? rByline,
    captions,
  };
}

/** Paragraph texts of the innermost block elements, in document order, separated by blank lines. */
function blockText(root: El): string {
  const out: string[] = [];
  const blocks = [...root.querySelectorAll(BLOCKS)];
  if (blocks.length === 0) return squashLines(root.textContent ?? '');
  for (const b of blocks) {
    // Outer blocks holding inner blocks are represented by the inner ones.
    if (b.querySelector(BLOCKS)) continue;
    const t = squash(b.textContent ?? '');
    if (t) out.push(t);
  }
  return out.join('\n\n');
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function squashLines(s: string): string {
  return s
    .split(/\n\s*\n/)
    .map(squash)
    .filter(Boolean)
    .join('\n\n');
}

interface Meta {
  title?: string;
  url?: string;
  outlet?: string;
  published?: string;
  byline?: string;
}

function readMeta(document: Doc): Meta {
  const m: Meta = {};
  const attr = (sel: string, name = 'content'): string | undefined => {
    const v = document.querySelector(sel)?.getAttribute(name)?.trim();
    return v || undefined;
  };
  for (const ld of jsonLd(document)) {
    const type = ([] as unknown[]).concat(ld['@type'] ?? []).join(' ');
    if (!/Article|Posting|Report|BlogPosting|LiveBlog/i.test(type)) continue;
    if (typeof ld.headline === 'string') m.title ??= ld.headline;
    if (typeof ld.datePublished === 'string') m.published ??= ld.datePublished;
    const author = ([] as unknown[]).concat(ld.author ?? [])[0];
    if (typeof author === 'string') m.byline ??= author;
    else if (author && typeof (author as { name?: unknown }).name === 'string')
      m.byline ??= (author as { name: string }).name;
    const pub = ld.publisher as { name?: unknown } | undefined;
    if (pub && typeof pub.name === 'string') m.outlet ??= pub.name;
    if (typeof ld.url === 'string') m.url ??= ld.url;
  }
  m.title ??= attr('meta[property="og:title"]') ?? attr('meta[name="twitter:title"]');
  m.published ??=
    attr('meta[property="article:published_time"]') ??
    attr('meta[name="pubdate"]') ??
    attr('meta[name="publishdate"]') ??
    attr('meta[name="date"]') ??
    attr('meta[itemprop="datePublished"]') ??
    attr('time[datetime]', 'datetime');
  m.byline ??= attr('meta[name="author"]') ?? attr('meta[property="article:author"]');
  m.outlet ??= attr('meta[property="og:site_name"]') ?? attr('meta[name="application-name"]');
  m.url ??= attr('link[rel="canonical"]', 'href') ?? attr('meta[property="og:url"]');
  if (!m.title) {
    const t = squash(document.querySelector('title')?.textContent ?? '');
    if (t) m.title = t;
  }
  return m;
}

function jsonLd(document: Doc): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const v = JSON.parse(s.textContent ?? '') as unknown;
      const items = Array.isArray(v) ? v : [v];
      for (const it of items) {
        if (!it || typeof it !== 'object') continue;
        const graph = (it as { '@graph'?: unknown })['@graph'];
        if (Array.isArray(graph))
          out.push(...(graph.filter((g) => g && typeof g === 'object') as Array<Record<string, unknown>>));
        else out.push(it as Record<string, unknown>);
      }
    } catch {
      // A broken JSON-LD block is the page's problem; other metadata still applies.
    }
  }
  return out;
}
