/** ANSI styling that switches off for pipes, files and NO_COLOR (https://no-color.org). */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  red(s: string): string;
  strike(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export function makeStyle(color: boolean): Style {
  if (!color) {
    const id = (s: string) => s;
    return { bold: id, dim: id, green: id, yellow: id, cyan: id, red: id, strike: id };
  }
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    red: wrap(31, 39),
    strike: wrap(9, 29),
  };
}

export function colorWanted(stream: NodeJS.WriteStream): boolean {
  return !!stream.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

/** Visible width, ignoring ANSI codes. */
export function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

/** Word-wraps plain text to `width` columns. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && visibleLength(line) + 1 + visibleLength(word) > width) {
        out.push(line);
        line = '';
      }
      if (visibleLength(word) > width) {
        // A word longer than the column (a URL) is cut into pieces.
        let w = word;
        while (visibleLength(w) > width) {
          if (line) {
            out.push(line);
            line = '';
          }
          out.push(w.slice(0, width));
          w = w.slice(width);
        }
        line = w;
        continue;
      }
      line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}
