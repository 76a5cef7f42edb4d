import { readFileSync } from 'node:fs';
import type { SentenceRef } from './factsources.js';

/**
 * The hand labels of the real-text fact evaluation (`test/fixtures/facts/real/*.labels`), one sentence a block:
 *
 *     @ families/texts/titan-submersible/01.txt 196+150 3fa1b2c4
 *     quantity "five passengers" 5
 *     quantity "2.2%" 2.2 unit=percent
 *     quantity "between 30 and 40 people" 30 max=40
 *     date "Thursday" 2023-06-22
 *     person "John Mauger"
 *     place "Boston"
 *     organisation "U.S. Coast Guard"
 *     attribution "the U.S. Coast Guard said" source="U.S. Coast Guard"
 *
 * A block with no fact lines is a sentence that states none of the six kinds. `#` starts a comment line.
 */

export const LABELLED_KINDS = ['quantity', 'date', 'person', 'place', 'organisation', 'attribution'] as const;
export type LabelledKind = (typeof LABELLED_KINDS)[number];

export interface Label {
  kind: LabelledKind;
  /** The words of the sentence that state the fact. */
  text: string;
  /** quantity: the number (low end of a range); date: ISO at the precision the text gives. */
  value?: string;
  max?: number;
  unit?: string;
  /** attribution: who is said to say it, as the text names them. */
  source?: string;
}

export interface LabelledSentence {
  ref: SentenceRef;
  labels: Label[];
  /** File and line of the block, for error messages. */
  where: string;
}

const FACT_LINE = /^(\w+)\s+"((?:[^"\\]|\\.)*)"(.*)$/;
const OPTION = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;

export function parseLabels(file: string): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const where = `${file}:${i + 1}`;
    if (!line || line.startsWith('#')) return;
    if (line.startsWith('@')) {
      const m = /^@\s+(\S+)\s+(\d+)\+(\d+)\s+([0-9a-f]{8})$/.exec(line);
      if (!m) throw new Error(`${where}: bad sentence line "${line}"`);
      out.push({ ref: { doc: m[1], at: Number(m[2]), len: Number(m[3]), sha: m[4] }, labels: [], where });
      return;
    }
    const cur = out.at(-1);
    if (!cur) throw new Error(`${where}: fact line before any sentence line`);
    const m = FACT_LINE.exec(line);
    if (!m || !(LABELLED_KINDS as readonly string[]).includes(m[1]))
      throw new Error(`${where}: bad fact line "${line}"`);
    const label: Label = { kind: m[1] as LabelledKind, text: m[2].replace(/\\(.)/g, '$1') };
    let rest = m[3].trim();
    const first = /^([^\s=]+)(?:\s|$)/.exec(rest);
    if (first && !first[1].includes('=')) {
      label.value = first[1];
      rest = rest.slice(first[0].length);
    }
    for (const o of rest.matchAll(OPTION)) {
      const v = o[2] !== undefined ? o[2].replace(/\\(.)/g, '$1') : o[3];
      if (o[1] === 'max') label.max = Number(v);
      else if (o[1] === 'unit') label.unit = v;
      else if (o[1] === 'source') label.source = v;
      else throw new Error(`${where}: unknown option ${o[1]}`);
    }
    if (label.kind === 'quantity' && (label.value === undefined || Number.isNaN(Number(label.value))))
      throw new Error(`${where}: a quantity needs its number`);
    if (label.kind === 'date' && !/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(label.value ?? ''))
      throw new Error(`${where}: a date needs its ISO value`);
    if (label.kind === 'attribution' && !label.source) throw new Error(`${where}: an attribution needs source=`);
    cur.labels.push(label);
  });
  return out;
}

const q = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;

export function formatLabel(l: Label): string {
  const parts = [l.kind, q(l.text)];
  if (l.value !== undefined) parts.push(l.value);
  if (l.max !== undefined) parts.push(`max=${l.max}`);
  if (l.unit) parts.push(`unit=${l.unit}`);
  if (l.source) parts.push(`source=${q(l.source)}`);
  return parts.join(' ');
}
