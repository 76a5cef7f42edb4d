/**
 * Turns the bytes of a record into text, or says why it cannot. A record is rejected as binary when it holds NUL
 * bytes or too many control characters, and as undecodable when it is not valid UTF-8 (or UTF-16 with a BOM) and
 * no other charset is declared.
 */

/** Share of control characters (other than tab, newline, carriage return, form feed) above which input is binary. */
export const MAX_CONTROL_SHARE = 0.01;

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeBytes(bytes: Uint8Array, charset?: string): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes.includes(0)) return { ok: false, reason: 'binary content (NUL bytes), not a text, HTML or JSON article' };
  let text: string;
  if (charset && !/^utf-?8$/i.test(charset)) {
    const d = decodeWith(charset, bytes);
    if (!d.ok) return d;
    text = d.text;
  } else {
    try {
      text = utf8.decode(bytes);
    } catch {
      return {
        ok: false,
        reason:
          'not valid UTF-8 and no charset declared; convert it to UTF-8 or declare its charset (HTML <meta charset>)',
      };
    }
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  if (text.length > 0 && control / text.length > MAX_CONTROL_SHARE) {
    return { ok: false, reason: `binary content (${control} control characters in ${text.length}), not an article` };
  }
  return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}

function decodeWith(charset: string, bytes: Uint8Array): Decoded {
  let dec: TextDecoder;
  try {
    dec = new TextDecoder(charset, { fatal: true });
  } catch {
    return { ok: false, reason: `unknown charset "${charset}"` };
  }
  try {
    return { ok: true, text: dec.decode(bytes).replace(/\r\n?/g, '\n') };
  } catch {
    return { ok: false, reason: `bytes are not valid ${charset}` };
  }
}
