/**
 * Turns the bytes of a record into text, or says why it cannot. The charset is found the way browsers find it (WHATWG
 * Encoding / HTML "determining the character encoding", simplified): a byte-order mark first, then the charset the
 * HTTP response or the caller declares, then one the page itself declares (`<meta charset>`, `http-equiv`, the XML
 * declaration); bytes that are valid UTF-8 are UTF-8; anything else is read as windows-1252, the browsers' default
 * for Western pages, which maps every byte to a character. A record is rejected as binary when it holds NUL bytes or
 * too many control characters.
 */

/** Share of control characters (other than tab, newline, carriage return, form feed) above which input is binary. */
export const MAX_CONTROL_SHARE = 0.01;
/**
 * Bytes of a page searched for a charset declaration. The HTML standard's prescan reads 1024; pages with long
 * comment or script headers put it later, and 4096 still costs nothing.
 */
export const CHARSET_PRESCAN_BYTES = 4096;
/** The fallback for bytes that are not UTF-8 and declare nothing usable (the HTML standard's default for Western locales). */
export const FALLBACK_CHARSET = 'windows-1252';

/** How the charset was chosen, so a caller can tell the user when a guess was made. */
export type CharsetSource = 'bom' | 'declared' | 'utf-8' | 'fallback';

export type Decoded = { ok: true; text: string; charset: string; from: CharsetSource } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `declared` is a charset label from outside the bytes (an HTTP `Content-Type`, a `<meta>` found by `declaredCharset`).
 * A declared charset the bytes do not fit (a page labelled UTF-8 that is really windows-1252, a common server error) is
 * ignored, not fatal.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return decodeWith('utf-16le', bytes.subarray(2), 'bom');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return decodeWith('utf-16be', bytes.subarray(2), 'bom');
  let from: CharsetSource | undefined;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bytes = bytes.subarray(3);
    from = 'bom';
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary content (NUL bytes), not a text, HTML or JSON article' };
  let d: Decoded | undefined;
  const label = declared?.trim().toLowerCase();
  if (!from && label && !/^utf-?8$/.test(label) && !/^utf-?16/.test(label)) {
    // A UTF-16 label on bytes without a BOM and without NULs is wrong: such bytes are ASCII-compatible.
    const x = decodeWith(label, bytes, 'declared');
    if (x.ok) d = x;
  }
  if (!d) {
    try {
      d = { ok: true, text: utf8.decode(bytes), charset: 'utf-8', from: from ?? (label ? 'declared' : 'utf-8') };
    } catch {
      d = decodeWith(FALLBACK_CHARSET, bytes, 'fallback');
    }
  }
  if (!d.ok) return d;
  const text = d.text;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // C1 controls (U+0080–U+009F) come from bytes windows-1252 leaves undefined: binary, not text.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x80 && c < 0xa0) || c === 0xfffd) control++;
  }
  if (text.length > 0 && control / text.length > MAX_CONTROL_SHARE) {
    return { ok: false, reason: `binary content (${control} control characters in ${text.length}), not an article` };
  }
  return { ...d, text: text.replace(/\r\n?/g, '\n') };
}

function decodeWith(charset: string, bytes: Uint8Array, from: CharsetSource): Decoded {
  let dec: TextDecoder;
  try {
    dec = new TextDecoder(charset, { fatal: true });
  } catch {
    return { ok: false, reason: `unknown charset "${charset}"` };
  }
  // Node's decoder reads windows-1252 as ISO-8859-1 (0x80–0x9F become C1 controls instead of € ‘ ’ “ ” …).
  if (dec.encoding === 'windows-1252')
    return { ok: true, text: decodeWindows1252(bytes).replace(/\r\n?/g, '\n'), charset: dec.encoding, from };
  try {
    return { ok: true, text: dec.decode(bytes).replace(/\r\n?/g, '\n'), charset: dec.encoding, from };
  } catch {
    return { ok: false, reason: `bytes are not valid ${charset}` };
  }
}

/**
 * Characters of bytes 0x80–0x9F in windows-1252 (WHATWG index-windows-1252); the five bytes it leaves undefined map to
 * the C1 control of the same number, as browsers do. Every other byte is its own code point.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  // In slices, so a large page does not overflow the argument list of fromCharCode.
  const SLICE = 8192;
  for (let i = 0; i < bytes.length; i += SLICE) {
    const codes = Array.from(bytes.subarray(i, i + SLICE), (b) =>
      b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH[b - 0x80] : b,
    );
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** The charset parameter of an HTTP `Content-Type` value. */
export function headerCharset(contentType: string | undefined): string | undefined {
  return contentType ? /charset\s*=\s*["']?([\w:.-]+)/i.exec(contentType)?.[1] : undefined;
}

/** `<meta charset>`, `http-equiv` content-type, or the XML declaration's encoding, in the first bytes of a page. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, CHARSET_PRESCAN_BYTES));
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head) ?? /^\s*<\?xml[^>]*encoding=["']([\w.-]+)/i.exec(head);
  return m?.[1];
}
