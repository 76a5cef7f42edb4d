import { resolve } from 'node:path';
import { slugTitle } from '../src/extract/page.js';
import type { StoredArticle } from '../src/store/types.js';
import { loadFamilies } from './corpora/families.js';
import { engineRun } from './lib/engine-run.js';

/**
 * `npm run bench -- names [--corpus ../shared/families]`: the names the engine gives the stories it builds from the
 * labelled families. A name is on-event when the article it comes from reports the story's majority event (the event
 * most of its members report); a story of several events named after a minority member is named after the wrong
 * thing. Beside it, in the same run, the rule the stores used before: the title of the earliest titled member (dated
 * before undated, by date, then by arrival). Counted over stories of two or more members.
 */
export default async function main(args: string[]): Promise<void> {
  const i = args.indexOf('--corpus');
  const root = resolve(i >= 0 ? args[i + 1] : '../shared/families');
  const fam = loadFamilies(root);
  if (!fam) {
    console.log(`no families at ${root}: pass --corpus PATH (../shared/families)`);
    return;
  }
  await engineRun(
    fam.docs.map((d) => d.doc),
    {},
    async (store, articles) => {
      const eventOf = new Map(fam.docs.map((d) => [d.file, d.event]));
      const byStory = new Map<string, StoredArticle[]>();
      for (const a of articles) byStory.set(a.storyId, [...(byStory.get(a.storyId) ?? []), a]);
      const stories = await store.listStories();
      const rows: string[] = [];
      const n = { stories: 0, engineOn: 0, baselineOn: 0, untitled: 0, fromUrl: 0, fromLede: 0 };
      for (const s of stories) {
        const members = byStory.get(s.id) ?? [];
        if (!s.title || /^untitled/i.test(s.title)) n.untitled++;
        if (members.length < 2) continue;
        n.stories++;
        const counts = new Map<string, number>();
        for (const m of members)
          counts.set(eventOf.get(m.source) ?? '?', (counts.get(eventOf.get(m.source) ?? '?') ?? 0) + 1);
        const majority = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
        const named = members.find((m) => m.title === s.title);
        const titled = members
          .filter((m) => m.title)
          .sort(
            (a, b) =>
              Number(!a.publishedAt) - Number(!b.publishedAt) ||
              (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') ||
              a.seq - b.seq,
          );
        const base = titled[0];
        const engineOn = named ? eventOf.get(named.source) === majority : false;
        const baselineOn = base ? eventOf.get(base.source) === majority : false;
        if (engineOn) n.engineOn++;
        if (baselineOn) n.baselineOn++;
        if (!named) n.fromLede++;
        else if (named.url && slugTitle(named.url)?.toLowerCase() === named.title?.toLowerCase()) n.fromUrl++;
        rows.push(
          `| ${members.length} | ${majority} (${counts.get(majority)}) | ${s.title ?? '—'} ${engineOn ? '' : '✗'} | ${base?.title ?? '—'} ${baselineOn ? '' : '✗'} |`,
        );
      }
      console.log(`story names on ${root}: ${stories.length} stories, ${n.stories} of two or more members\n`);
      console.log('| members | majority event (members) | engine name | baseline: earliest titled member |');
      console.log('|---|---|---|---|');
      console.log(rows.join('\n'));
      console.log(
        `\non-event names: engine ${n.engineOn}/${n.stories}, baseline ${n.baselineOn}/${n.stories}; ` +
          `untitled stories (all sizes): ${n.untitled}; engine names from a URL slug ${n.fromUrl}, from a lede ${n.fromLede}`,
      );
      console.log(
        JSON.stringify({
          stories: stories.length,
          multiMember: n.stories,
          onEvent: { engine: n.engineOn / n.stories, baseline: n.baselineOn / n.stories },
          untitled: n.untitled,
          fromUrl: n.fromUrl,
          fromLede: n.fromLede,
        }),
      );
    },
  );
}
