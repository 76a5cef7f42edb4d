import { describe, expect, it } from 'vitest';
import { extractHtml } from './html.js';

describe('extractHtml: text a reader sees', () => {
  it('takes no script, style or template text from a page without paragraphs', () => {
    const h = extractHtml(
      '<html><body>The ferry resumed service on Monday.<script>track("x")</script><style>p{color:red}</style>' +
        '<noscript>Enable JavaScript</noscript><template>Hidden</template></body></html>',
    );
    expect(h.text).toContain('The ferry resumed service on Monday.');
    expect(h.text).not.toMatch(/track|color|Enable JavaScript|Hidden/);
  });

  it('finds no text in a page whose body holds only a script', () => {
    expect(extractHtml('<html><body><script>x()</script></body></html>').text.trim()).toBe('');
  });
});
