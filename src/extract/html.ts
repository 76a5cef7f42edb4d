import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { limitNesting } from './depth.js';
import { stripSiteSuffix } from './page.js';

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
  /** The page shows only a teaser of the article: a paywall prompt, or JSON-LD `isAccessibleForFree: false`. */
  teaser: boolean;
}

/** Elements that hold photo captions or credits: the clean stage removes their text with the reason. */
const CAPTIONS =
  'figcaption, .caption, .wp-caption-text, [itemprop=caption], [class*="image-caption"], [class*="photo-caption"], ' +
  '.credit, .photo-credit, .image-credit, [itemprop=copyrightHolder]';

/**
 * AMP components that never hold article text (ads, menus, analytics, share buttons, consent banners); removed before
 * extraction so their placeholders ("Advertisement") cannot reach the text.
 */
const AMP_CHROME =
  'amp-ad, amp-embed, amp-sticky-ad, amp-auto-ads, amp-sidebar, amp-analytics, amp-pixel, amp-consent, ' +
  'amp-social-share, amp-user-notification, amp-geo';

/**
 * Paywall and registration prompts, by the class or id names of the common paywall vendors and CMS themes. The
 * article part a paywall hides is marked differently (Google's `isAccessibleForFree` `cssSelector`, e.g.
 * `.paywalled`) and is kept.
 */
const PAYWALL_PROMPT =
  /(^|[\s_-])(paywall[-_]?(prompt|promo|message|banner|overlay|cta|offer|wrapper|box)|subscribe[-_]?(prompt|wall|box|cta|banner)|regwall|tp-modal|tp-container|piano|meter[-_]?(wall|banner)|subscription[-_]?(prompt|wall|banner))([\s_-]|$)/i;

/** A paragraph that is a subscription prompt, not article text. */
const PAYWALL_TEXT =
  /^(subscribe (now|today)?\s*(to|and) (continue|keep) reading|this (article|story|content) is (for|only available to|reserved for) (subscribers|members)|already (a|an) (subscriber|member)\??|to continue reading,? (please )?(subscribe|log in|sign in|register))/i;

/** A live-blog post's timestamp on its own line ("09:40", "9.40am", "10:05 BST"): markup, not text. */
const LONE_TIME = /^\d{1,2}[:.]\d{2}(\s?[ap]\.?m\.?)?(\s?[A-Z]{2,4})?$/i;

/** Standfirst (dek, summary under the headline): article text that extractors often leave outside the main block. */
const STANDFIRST =
  '.standfirst, .article-standfirst, .dek, .article-dek, .subheadline, .summary-lede, [itemprop=description]';

/** Class or id names of byline elements in non-English CMS themes (English ones Readability knows already). */
const BYLINE_CLASS = /(^|[\s_-])(signature|auteur|autor|autore|verfasser)([\s_-]|$)/i;
/** "By", "Par", "Von", "Por", "Di", "Door", "Av": the word before the name. */
const BYLINE_PREFIX = /^(by|par|von|por|di|door|av)\s+/i;
/** A byline is a name or two, maybe with a role; longer text under such a class is something else. */
const MAX_BYLINE_CHARS = 100;
/** Shortest caption sentence listed on its own (shorter ones, "Pictured.", would match unrelated sentences). */
const MIN_CAPTION_PART = 12;

/** Elements whose text is one paragraph. */
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption, pre, td, dd, dt';

type Doc = ReturnType<typeof parseHTML>['document'];
type El = ReturnType<Doc['querySelector']> & object;

export function extractHtml(page: string, baseUrl?: string): HtmlParts {
  const input = limitNesting(page);
  // Feed items and API exports carry fragments ("<p>…</p>"); give them a document to live in.
  let html = /<html[\s>]/i.test(input) ? input : fragmentPage(input);
  let { document } = parseHTML(html);
  // A page cut off inside its <html> tag leaves linkedom without a root element; read what follows as a fragment.
  if (!document.documentElement) html = fragmentPage(input.replace(/^[^]*?<html\b[^>]*>?/i, ''));
  ({ document } = parseHTML(html));
  if (!document.documentElement) throw new Error('the HTML has no root element');
  const meta = readMeta(document);
  // Captions holding credits are listed whole; a credit inside a caption is not listed twice.
  const whole = [...document.querySelectorAll(CAPTIONS)]
    .filter((e) => !e.parentElement?.closest(CAPTIONS))
    .map((e) => squash(e.textContent ?? ''))
    .filter(Boolean);
  // The clean stage matches captions sentence by sentence: a caption's description before its credit ("The ferry
  // off Skerry Point. Photo: Coastguard") is listed on its own too, so a short one is still recognised.
  const captions = [...new Set(whole.flatMap((c) => [c, ...captionSentences(c)]))];
  const teaser = meta.paywalled || removeChrome(document) > 0;
  let contentDoc: Doc | undefined;
  let rTitle: string | undefined;
  let rByline: string | undefined;
  try {
    // Readability mutates the document it is given; parse a second copy for it.
    const { document: copy } = parseHTML(html);
    removeChrome(copy);
    meta.byline ??= takeByline(copy);
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
  let paragraphs = root ? blockTexts(root as El) : [];
  if (paragraphs.length === 0 && document.body) paragraphs = blockTexts(document.body as El);
  let promptText = false;
  paragraphs = paragraphs.filter((p) => {
    if (LONE_TIME.test(p)) return false;
    if (PAYWALL_TEXT.test(p)) promptText = true;
    return !PAYWALL_TEXT.test(p);
  });
  const standfirst = squash(document.querySelector(STANDFIRST)?.textContent ?? '');
  if (standfirst && paragraphs.length > 0 && !paragraphs.some((p) => p.includes(standfirst))) {
    paragraphs.unshift(standfirst);
  }
  const text = paragraphs.join('\n\n');
  const title = meta.title ?? rTitle;
  const url = meta.url ?? baseUrl;
  return {
    text,
    title: title && stripSiteSuffix(title, [meta.outlet, hostOf(url), hostOf(baseUrl)]),
    url,
    outlet: meta.outlet,
    published: meta.published,
    byline: meta.byline ?? rByline,
    captions,
    teaser: teaser || promptText,
  };
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
}

function fragmentPage(fragment: string): string {
  return `<!doctype html><html><head></head><body>${fragment}</body></html>`;
}

/** The sentences of a caption with more than one, each long enough to identify it. */
function captionSentences(caption: string): string[] {
  const parts = caption.split(/(?<=[.!?])\s+(?=[\p{Lu}(])/u).filter((p) => p.length >= MIN_CAPTION_PART);
  return parts.length > 1 ? parts : [];
}

/**
 * A byline element Readability does not know by its class (`signature`, `auteur`, `autor`: French, Spanish, German
 * CMS themes): taken out of the text, its name kept as the byline.
 */
function takeByline(document: Doc): string | undefined {
  let byline: string | undefined;
  for (const e of [...document.querySelectorAll('[class], [id]')]) {
    const names = `${e.getAttribute('class') ?? ''} ${e.getAttribute('id') ?? ''}`;
    if (!BYLINE_CLASS.test(names)) continue;
    const t = squash(e.textContent ?? '');
    if (!t || t.length > MAX_BYLINE_CHARS) continue;
    byline ??= t.replace(BYLINE_PREFIX, '').trim() || undefined;
    e.remove();
  }
  return byline;
}

/** Removes AMP chrome and paywall prompts from a page; returns how many paywall prompts there were. */
function removeChrome(document: Doc): number {
  for (const e of [...document.querySelectorAll(AMP_CHROME)]) e.remove();
  let prompts = 0;
  for (const e of [...document.querySelectorAll('[class], [id]')]) {
    if (!e.isConnected) continue;
    const names = `${e.getAttribute('class') ?? ''} ${e.getAttribute('id') ?? ''}`;
    if (PAYWALL_PROMPT.test(names)) {
      e.remove();
      prompts++;
    }
  }
  return prompts;
}

/** Paragraph texts of the innermost block elements, in document order. */
function blockTexts(root: El): string[] {
  const out: string[] = [];
  const blocks = [...root.querySelectorAll(BLOCKS)];
  if (blocks.length === 0) return squashLines(visibleText(root));
  for (const b of blocks) {
    // Outer blocks holding inner blocks are represented by the inner ones.
    if (b.querySelector(BLOCKS)) continue;
    const t = squash(b.textContent ?? '');
    if (t) out.push(t);
  }
  return out;
}

/** Elements whose text a reader never sees: code, styles, fallbacks for disabled scripts, templates. */
const UNSEEN = 'script, style, noscript, template';

/** The text of an element without that of the elements a reader never sees (a body holding only a script has none). */
function visibleText(root: El): string {
  if (!root.querySelector(UNSEEN)) return root.textContent ?? '';
  const copy = root.cloneNode(true) as El;
  for (const e of [...copy.querySelectorAll(UNSEEN)]) e.remove();
  return copy.textContent ?? '';
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function squashLines(s: string): string[] {
  return s
    .split(/\n\s*\n/)
    .map(squash)
    .filter(Boolean);
}

interface Meta {
  title?: string;
  url?: string;
  outlet?: string;
  published?: string;
  byline?: string;
  /** JSON-LD says the article is not free to read. */
  paywalled?: boolean;
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
    if (ld.isAccessibleForFree === false || /^false$/i.test(String(ld.isAccessibleForFree ?? ''))) m.paywalled = true;
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
