import type { Fact } from '../model/index.js';

/**
 * The identity and the label of a fact: its key (kind + normalised value + the context that makes it the same fact:
 * what a figure counts, who is quoted) and the words a table or a diff shows for it. The comparison of versions by
 * meaning is `claims/compare.ts`.
 */

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Content words of a quote, for matching quotes across outlets that re-punctuate them. */
function quoteKey(text: string): string {
  return norm(text).split(' ').slice(0, 12).join(' ');
}

export function factKey(f: Fact): string {
  switch (f.kind) {
    case 'quantity': {
      const v = f.value;
      return `quantity|${v.unit}|${v.value}${v.max !== undefined ? `-${v.max}` : ''}${v.approximate ? '~' : ''}`;
    }
    case 'date': {
      const v = f.value;
      return `date|${v.iso}${v.end ? `/${v.end}` : ''}`;
    }
    case 'person':
    case 'place':
    case 'organisation':
      return `${f.kind}|${norm(f.value.canonical)}`;
    case 'quote':
      return `quote|${quoteKey(f.text)}`;
    case 'attribution':
      return `attribution|${f.value.source}`;
    case 'loaded-term':
      return `loaded-term|${f.value.term}`;
  }
}

export function factLabel(f: Fact): string {
  switch (f.kind) {
    case 'quantity': {
      const v = f.value;
      const n =
        v.vague ??
        `${v.approximate ? '~' : ''}${v.value.toLocaleString('en-US')}${v.max !== undefined ? `–${v.max.toLocaleString('en-US')}` : ''}`;
      return `${n} ${v.unit}${v.event ? ` (${v.event})` : ''}`;
    }
    case 'date': {
      const v = f.value;
      return v.end ? `${v.iso} to ${v.end}` : v.iso;
    }
    case 'person':
    case 'place':
    case 'organisation':
      return f.value.canonical;
    case 'quote': {
      const v = f.value;
      return `${v.speaker ? `${v.speaker}: ` : ''}${f.text.length > 80 ? f.text.slice(0, 79) + '…' : f.text}`;
    }
    case 'attribution': {
      const v = f.value;
      return v.display ?? v.source;
    }
    case 'loaded-term':
      return `${f.value.term} (${f.value.category})`;
  }
}
