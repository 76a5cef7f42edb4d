import { readFileSync } from 'node:fs';
import { evaluateFacts, type FactCase } from '../src/analyze/facts/evaluate.js';

/**
 * `npm run bench -- facts [FILE…]`: precision, recall and F1 per fact kind against hand-checked sentences
 * (default: the development and held-out fixtures). Last line: JSON.
 */
export default async function main(args: string[]): Promise<void> {
  const files = args.length ? args : ['test/fixtures/facts/sentences.jsonl', 'test/fixtures/facts/heldout.jsonl'];
  const result: Record<string, unknown> = {};
  for (const file of files) {
    const cases = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as FactCase);
    const { byKind } = evaluateFacts(cases);
    console.log(`\n${file} (${cases.length} sentences)`);
    console.log('kind           expected  predicted  matched  precision  recall    F1');
    for (const k of byKind) {
      console.log(
        `${k.kind.padEnd(14)} ${String(k.expected).padStart(8)} ${String(k.predicted).padStart(10)} ${String(k.matched).padStart(8)} ${k.precision.toFixed(3).padStart(10)} ${k.recall.toFixed(3).padStart(7)} ${k.f1.toFixed(3).padStart(6)}`,
      );
    }
    result[file] = Object.fromEntries(
      byKind.map((k) => [k.kind, { p: +k.precision.toFixed(3), r: +k.recall.toFixed(3), f1: +k.f1.toFixed(3) }]),
    );
  }
  console.log(JSON.stringify(result));
}
