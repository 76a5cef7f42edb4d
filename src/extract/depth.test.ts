import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { limitNesting } from './depth.js';
import { extractHtml } from './html.js';

function depthOf(html: string): number {
  const { document } = parseHTML(html);
  let max = 0;
  const stack: Array<[Element, number]> = [[document.documentElement as unknown as Element, 1]];
  while (stack.length) {
    const [e, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of e.children) stack.push([c, d + 1]);
  }
  return max;
}

describe('limitNesting', () => {
  it('returns a page within the bound unchanged, unclosed paragraphs, comments and scripts included', () => {
    const page =
      '<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><!-- <div><div><div> --><script>if (a<b) "<div>"</script>' +
      '<br><img src="x"></div></body></html>';
    expect(limitNesting(page, { maxDepth: 6 })).toBe(page);
    // 500 unclosed paragraphs are siblings, not 500 levels.
    const flat = '<html><body>' + '<p>para '.repeat(500) + '</body></html>';
    expect(limitNesting(flat, { maxDepth: 20 })).toBe(flat);
  });

  it('drops the tags of elements nested deeper than the bound and keeps all their text', () => {
    const deep =
      '<html><body>' +
      '<div><span>x</span>'.repeat(3000) +
      '<p>Core text.</p>' +
      '</div>'.repeat(3000) +
      '</body></html>';
    const out = limitNesting(deep, { maxDepth: 50 });
    expect(depthOf(out)).toBeLessThanOrEqual(52);
    const text = (h: string) => parseHTML(h).document.body.textContent;
    expect(text(out)).toBe(text(deep));
  });

  it('lets the extractor read a page of 200,000 nested elements in seconds', () => {
    const n = 200_000;
    const page = `<html><body>${'<div>'.repeat(n)}<p>The council said the bridge would reopen on Monday.</p>${'</div>'.repeat(n)}</body></html>`;
    const t = performance.now();
    const h = extractHtml(page);
    expect(h.text).toContain('the bridge would reopen');
    expect(performance.now() - t).toBeLessThan(20_000);
  }, 60_000);
});
