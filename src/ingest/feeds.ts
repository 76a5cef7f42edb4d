import { XMLParser } from 'fast-xml-parser';
import type { IngestItem, RawDoc } from '../model/index.js';

/**
 * News feeds: RSS 2.0, Atom and JSON Feed. Each item is an article: its full content when the feed carries it
 * (`content:encoded`, Atom `content`, JSON Feed `content_html`/`content_text`), otherwise its summary, flagged as
 * such (`meta.summaryOnly`). The feed's title is the outlet unless an item names its own source.
 */

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  // Feeds are untrusted: no DTD entity expansion beyond the standard ones.
  allowBooleanAttributes: true,
});

type Node = Record<string, unknown>;
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return text((v as Node)['#text']);
  return undefined;
}

export function isFeedXml(head: string): boolean {
  return /<rss[\s>]|<feed[\s>][^]*?xmlns="http:\/\/www\.w3\.org\/2005\/Atom"|<feed[\s>]|<rdf:RDF/i.test(
    head.slice(0, 4096),
  );
}

export function isJsonFeed(value: unknown): boolean {
  return !!value && typeof value === 'object' && /jsonfeed\.org\/version/.test(String((value as Node).version ?? ''));
}

function doc(source: string, content: string, format: RawDoc['format'], meta: RawDoc['meta']): IngestItem {
  return { ok: true, doc: { source, format, content, meta } };
}

export function* feedItems(xml: string, source: string): Generator<IngestItem> {
  let tree: Node;
  try {
    tree = parser.parse(xml) as Node;
  } catch (e) {
    yield { ok: false, error: { source, reason: `unreadable feed XML (${(e as Error).message})` } };
    return;
  }
  const rss = tree.rss as Node | undefined;
  const rdf = tree['rdf:RDF'] as Node | undefined;
  const atom = tree.feed as Node | undefined;
  if (rss || rdf) {
    const channel = ((rss?.channel ?? rdf?.channel) as Node | undefined) ?? {};
    const outlet = text(channel.title);
    const items = list((channel.item ?? rdf?.item) as Node | Node[] | undefined);
    let i = 0;
    for (const it of items) {
      i++;
      const full = text(it['content:encoded']);
      const summary = text(it.description);
      const body = full ?? summary;
      const where = `${source}#item${i}`;
      if (!body) {
        yield { ok: false, error: { source: where, reason: 'feed item has no content or description' } };
        continue;
      }
      yield doc(where, body, /<[a-z][^>]*>/i.test(body) ? 'html' : 'text', {
        id: text(it.guid),
        url: text(it.link),
        outlet: text(it.source) ?? outlet,
        title: text(it.title),
        published: text(it.pubDate) ?? text(it['dc:date']),
        byline: text(it['dc:creator']) ?? text(it.author),
        ...(full ? {} : { summaryOnly: true }),
      });
    }
    return;
  }
  if (atom) {
    const outlet = text(atom.title);
    let i = 0;
    for (const e of list(atom.entry as Node | Node[] | undefined)) {
      i++;
      const links = list(e.link as Node | Node[] | undefined);
      const href = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate')?.['@_href'] as string | undefined;
      const full = text(e.content);
      const summary = text(e.summary);
      const body = full ?? summary;
      const where = `${source}#entry${i}`;
      if (!body) {
        yield { ok: false, error: { source: where, reason: 'feed entry has no content or summary' } };
        continue;
      }
      const type = ((e.content ?? e.summary) as Node | undefined)?.['@_type'];
      yield doc(where, body, type === 'html' || type === 'xhtml' || /<[a-z][^>]*>/i.test(body) ? 'html' : 'text', {
        id: text(e.id),
        url: href,
        outlet,
        title: text(e.title),
        published: text(e.published) ?? text(e.updated),
        byline: text((list(e.author as Node | Node[] | undefined)[0] as Node | undefined)?.name),
        ...(full ? {} : { summaryOnly: true }),
      });
    }
    return;
  }
  yield { ok: false, error: { source, reason: 'XML is neither an RSS nor an Atom feed' } };
}

export function* jsonFeedItems(feed: Node, source: string): Generator<IngestItem> {
  const outlet = text(feed.title);
  let i = 0;
  for (const it of list(feed.items as Node[] | undefined)) {
    i++;
    const html = text(it.content_html);
    const plain = text(it.content_text);
    const summary = text(it.summary);
    const where = `${source}#item${i}`;
    const body = html ?? plain ?? summary;
    if (!body) {
      yield { ok: false, error: { source: where, reason: 'feed item has no content_html, content_text or summary' } };
      continue;
    }
    const author = list((it.authors ?? it.author) as Node | Node[] | undefined)[0] as Node | undefined;
    yield doc(where, body, html ? 'html' : 'text', {
      id: text(it.id),
      url: text(it.url),
      outlet,
      title: text(it.title),
      published: text(it.date_published),
      byline: text(author?.name),
      ...(html || plain ? {} : { summaryOnly: true }),
    });
  }
}
