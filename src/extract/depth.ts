/**
 * Bounds how deeply an HTML page nests its elements before any parser sees it. The parsers downstream cost the
 * square of the depth (htmlparser2 keeps its open elements in an array it shifts at each tag; Readability and the
 * DOM walk every node's ancestors), so a page of 100,000 nested `<div>`s would take minutes. Browsers bound the depth
 * too (Blink's parser nests no deeper than 512 and adds deeper elements as siblings); here the tags of elements deeper
 * than the bound are dropped and their content kept, in one pass over the text, and a page within the bound is
 * returned unchanged.
 */
export const NESTING_DEFAULTS = {
  /** Deepest element nesting kept: Blink's parser limit, far beyond real pages (a few dozen levels). */
  maxDepth: 512,
  /**
   * Open elements a close tag is matched against (an unmatched close tag is ignored, as parsers do): a bound so that
   * stray close tags cost constant time each, deep enough for the unclosed inline elements of sloppy markup.
   */
  closeSearch: 16,
};

/** Elements that never have content. */
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr keygen command basefont bgsound frame'.split(
    ' ',
  ),
);
/**
 * Elements whose end tag may be left out (HTML closes them at the next sibling): not counted, so unclosed `<p>` and
 * `<li>` do not pile up depth they do not have in the parsed tree.
 */
const OPTIONAL_END = new Set('p li dt dd tr td th option optgroup thead tbody tfoot rb rt rtc rp colgroup'.split(' '));
/** Elements whose content is raw text: no tags inside. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/**
 * A tag, a comment's start, a declaration or processing instruction. No `<` inside a tag: a run of `<` without `>`
 * then costs each attempt only the distance to the next `<`, keeping the scan linear (a tag with `<` in an attribute
 * value is missed, which only makes the depth count approximate).
 */
const TAG = /<(\/?)([A-Za-z][^\s/<>]*)[^<>]*>|<!--|<![^<>]*>|<\?[^<>]*>/g;

/** `html` with the tags of elements nested deeper than `opts.maxDepth` removed (their content kept). */
export function limitNesting(html: string, opts: Partial<typeof NESTING_DEFAULTS> = {}): string {
  const { maxDepth, closeSearch } = { ...NESTING_DEFAULTS, ...opts };
  // Cheap test first: fewer tags than the bound cannot nest beyond it.
  let tags = 0;
  for (let i = html.indexOf('<'); i >= 0 && tags <= maxDepth; i = html.indexOf('<', i + 1)) tags++;
  if (tags <= maxDepth) return html;
  const stack: Array<{ name: string; dropped: boolean }> = [];
  const cut: Array<[number, number]> = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 4);
      if (end < 0) break;
      TAG.lastIndex = end + 3;
      continue;
    }
    if (m[2] === undefined) continue;
    const name = m[2].toLowerCase();
    if (m[1]) {
      // A close tag: the nearest open element of its name, within closeSearch, and those above it are closed.
      for (let k = stack.length - 1; k >= 0 && k >= stack.length - closeSearch; k--) {
        if (stack[k].name !== name) continue;
        if (stack[k].dropped) cut.push([m.index, m.index + m[0].length]);
        stack.length = k;
        break;
      }
      continue;
    }
    if (RAW.has(name)) {
      const end = indexOfCloseTag(html, name, TAG.lastIndex);
      if (end < 0) break;
      TAG.lastIndex = end;
      continue;
    }
    if (VOID.has(name) || OPTIONAL_END.has(name) || m[0].endsWith('/>')) continue;
    const dropped = stack.length >= maxDepth;
    if (dropped) cut.push([m.index, m.index + m[0].length]);
    stack.push({ name, dropped });
  }
  if (cut.length === 0) return html;
  const parts: string[] = [];
  let at = 0;
  for (const [s, e] of cut) {
    parts.push(html.slice(at, s));
    at = e;
  }
  parts.push(html.slice(at));
  return parts.join('');
}

/** Where the close tag of raw-text element `name` starts, from `from` on (case-insensitive); -1 when it has none. */
function indexOfCloseTag(html: string, name: string, from: number): number {
  const re = new RegExp(`</${name}[\\s/>]`, 'gi');
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : -1;
}
