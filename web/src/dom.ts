/**
 * The one way the UI builds DOM. Strings become text nodes (never parsed as HTML): article text is untrusted, and
 * there is no innerHTML anywhere in the UI.
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | null | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag: string, attrs: Attrs = {}, ...children: Array<Child | Child[]>): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'style') throw new Error('inline styles are blocked by the Content-Security-Policy; use a class');
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el: Node, children: Array<Child | Child[]>): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

export function shortId(id: string): string {
  return id.slice(0, 9);
}

export function day(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : 'date unknown';
}

/** How an article is named in lists: outlet, else the file or URL it came from. */
export function articleName(a: { outlet: string | null; source: string; url: string | null }): string {
  if (a.outlet) return a.outlet;
  const s = a.url ?? a.source;
  return (
    s
      .replace(/^https?:\/\//, '')
      .split(/[/?#]/)
      .filter(Boolean)
      .pop() ?? s
  );
}

/** The English name of a language given as ISO 639-3 ("fra" → "French"), or the code where the browser has none. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Is one text made from the other (a copy, or a translation): a relation with a direction (model/story.ts derived). */
export function derived(kind: string): boolean {
  return kind === 'copy' || kind === 'translation';
}
