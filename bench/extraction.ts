import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { loadCases, multisetOverlap, runCase, words } from '../test/ingest/pages.js';
import { scorePageHeads } from './lib/page-heads.js';

/**
 * `npm run bench -- extraction`
 *
 * Extraction quality on the real-world page fixtures (`test/fixtures/html/`): for each article, the share of its body
 * text kept (gold paragraphs in `expected.json`) and the share of boilerplate removed (every other word of the page's
 * visible text: menus, share bars, captions, credits, prompts, footers), counted in words as multisets. Rows, side by
 * side on the same pages:
 * - `raw page`: the page's visible text, what a reader without extraction stores (keeps all, removes nothing);
 * - `all <p>`: the text of every `<p>`, the usual naive extractor;
 * - `extract`: the extract stage (Readability on linkedom plus newstrace's rules);
 * - `extract+clean`: what newstrace stores as the article body, after the clean stage removes captions and credits.
 * Then Readability alone on the two DOMs it runs on, linkedom (what the extract stage uses) and jsdom: the same
 * quality measure, and the time to parse each page and run Readability (`REPS` passes over the pages, one core).
 * Then, when `../shared/families` is there (or the folder given as the first argument), the families part: title and
 * publication date of its labelled plain-text pages by the extract stage beside the rule it used before
 * (bench/lib/page-heads.ts says how each is scored), and the engine's errors to read.
 * Last line: JSON.
 */

/** Passes over the pages for the DOM timing: enough that a run takes seconds, not milliseconds. */
const REPS = 30;

type Dom = 'linkedom' | 'jsdom';

/** Readability's text of a page on one DOM implementation (paragraphs as Readability's `textContent` gives them). */
function readabilityText(html: string, dom: Dom): string {
  const page = /<html[\s>]/i.test(html) ? html : `<html><body>${html}</body></html>`;
  const document =
    dom === 'jsdom' ? new JSDOM(page).window.document : (parseHTML(page).document as unknown as Document);
  return new Readability(document).parse()?.textContent ?? '';
}

interface Score {
  kept: number;
  gold: number;
  boilerKept: number;
  boiler: number;
}

function visibleText(html: string): string {
  const page = /<html[\s>]/i.test(html) ? html : `<html><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  for (const e of [...document.querySelectorAll('script, style, noscript, template, head')]) e.remove();
  return document.body?.textContent ?? document.documentElement?.textContent ?? '';
}

function paragraphs(html: string): string {
  const page = /<html[\s>]/i.test(html) ? html : `<html><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  return [...document.querySelectorAll('p')].map((p) => p.textContent ?? '').join('\n\n');
}

function score(output: string, gold: string[], raw: string[]): Score {
  const out = words(output);
  const kept = multisetOverlap(gold, out);
  const boiler = raw.length - multisetOverlap(gold, raw);
  // Output words not matched by the gold text are boilerplate the method let through.
  return { kept, gold: gold.length, boilerKept: Math.min(out.length - kept, boiler), boiler };
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);

export default async function main(args: string[] = []): Promise<void> {
  const methods = ['raw page', 'all <p>', 'extract', 'extract+clean'] as const;
  const totals = new Map<string, Score>(methods.map((m) => [m, { kept: 0, gold: 0, boilerKept: 0, boiler: 0 }]));
  const rows: string[] = [];
  const pages: Array<{ html: string; gold: string[]; raw: string[] }> = [];
  for (const c of loadCases()) {
    const r = await runCase(c);
    r.extracted.forEach((x, i) => {
      const want = c.articles[i];
      if (!want) return;
      const gold = words(want.body.join(' '));
      const html = x.raw.format === 'html' ? x.raw.content : `<p>${x.raw.content}</p>`;
      const raw = words(visibleText(html));
      pages.push({ html, gold, raw });
      const name = c.articles.length > 1 ? `${c.name} #${i + 1}` : c.name;
      const outputs: Record<(typeof methods)[number], string> = {
        'raw page': visibleText(html),
        'all <p>': paragraphs(html),
        extract: x.text,
        'extract+clean': r.bodies[i],
      };
      const cells = methods.map((m) => {
        const s = score(outputs[m], gold, raw);
        const t = totals.get(m)!;
        t.kept += s.kept;
        t.gold += s.gold;
        t.boilerKept += s.boilerKept;
        t.boiler += s.boiler;
        return `${pct(s.kept, s.gold)} / ${pct(s.boiler - s.boilerKept, s.boiler)}`;
      });
      rows.push(`| ${name} | ${gold.length} | ${raw.length - multisetOverlap(gold, raw)} | ${cells.join(' | ')} |`);
    });
  }
  process.stdout.write(
    `Body text kept / boilerplate removed, in words (gold: the fixture's body paragraphs)\n\n` +
      `| page | body words | boilerplate words | ${methods.join(' | ')} |\n|---|---|---|${methods.map(() => '---').join('|')}|\n` +
      rows.join('\n') +
      '\n',
  );
  const all = methods.map((m) => {
    const t = totals.get(m)!;
    return `${pct(t.kept, t.gold)} / ${pct(t.boiler - t.boilerKept, t.boiler)}`;
  });
  process.stdout.write(`| all | | | ${all.join(' | ')} |\n\n`);

  const doms: Dom[] = ['linkedom', 'jsdom'];
  const domRows = doms.map((dom) => {
    const t: Score = { kept: 0, gold: 0, boilerKept: 0, boiler: 0 };
    for (const p of pages) {
      const sc = score(readabilityText(p.html, dom), p.gold, p.raw);
      t.kept += sc.kept;
      t.gold += sc.gold;
      t.boilerKept += sc.boilerKept;
      t.boiler += sc.boiler;
    }
    readabilityText(pages[0].html, dom); // warm-up
    const start = performance.now();
    for (let r = 0; r < REPS; r++) for (const p of pages) readabilityText(p.html, dom);
    const ms = (performance.now() - start) / (REPS * pages.length);
    return { dom, t, ms };
  });
  process.stdout.write(
    `Readability alone on two DOMs (${pages.length} pages, ${REPS} passes)\n\n| DOM | body kept / boilerplate removed | ms per page |\n|---|---|---|\n` +
      domRows
        .map(
          (d) =>
            `| ${d.dom} | ${pct(d.t.kept, d.t.gold)} / ${pct(d.t.boiler - d.t.boilerKept, d.t.boiler)} | ${d.ms.toFixed(2)} |`,
        )
        .join('\n') +
      '\n\n',
  );
  const json = Object.fromEntries(
    methods.map((m) => {
      const t = totals.get(m)!;
      return [m, { bodyKept: t.kept / t.gold, boilerplateRemoved: t.boiler ? 1 - t.boilerKept / t.boiler : null }];
    }),
  );
  const readability = Object.fromEntries(
    domRows.map((d) => [
      d.dom,
      {
        bodyKept: d.t.kept / d.t.gold,
        boilerplateRemoved: d.t.boiler ? 1 - d.t.boilerKept / d.t.boiler : null,
        msPerPage: d.ms,
      },
    ]),
  );
  const familiesDir = args[0] ?? '../shared/families';
  const heads = scorePageHeads(familiesDir);
  let families: Record<string, unknown> | undefined;
  if (!heads) process.stdout.write(`Families part skipped: no ${familiesDir}/families.jsonl\n\n`);
  else {
    const frac = (a: number, b: number) => (b === 0 ? '—' : `${a}/${b} = ${(a / b).toFixed(3)}`);
    const row = (name: string, v: { engine: number; baseline: number }, of: number) =>
      `| ${name} | ${frac(v.engine, of)} | ${frac(v.baseline, of)} |`;
    process.stdout.write(
      `Families (${familiesDir}): titles of the ${heads.titled} labelled articles; publication dates of the ` +
        `${heads.dated} whose label is a full day, with the date header lines removed\n\n` +
        `| measure | extract | baseline (first line; date header only) |\n|---|---|---|\n` +
        [
          row('title right', heads.titleRight, heads.titled),
          row('no title', heads.titleNone, heads.titled),
          row('date right (same day)', heads.dateRight, heads.dated),
          row('no date', heads.dateNone, heads.dated),
          row('date wrong by > 1 day', heads.dateWrong, heads.dated),
        ].join('\n') +
        `\n\nErrors of the extract stage:\n${heads.errors.map((e) => `- ${e}`).join('\n')}\n\n`,
    );
    families = {
      titled: heads.titled,
      dated: heads.dated,
      titleRight: {
        engine: heads.titleRight.engine / heads.titled,
        baseline: heads.titleRight.baseline / heads.titled,
      },
      dateRight: { engine: heads.dateRight.engine / heads.dated, baseline: heads.dateRight.baseline / heads.dated },
      dateWrong: heads.dateWrong,
      dateNone: heads.dateNone,
    };
  }
  process.stdout.write(JSON.stringify({ ...json, readability, ...(families ? { families } : {}) }) + '\n');
}
