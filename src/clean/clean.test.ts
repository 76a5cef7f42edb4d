import { describe, expect, it } from 'vitest';
import { clean } from './index.js';

/** Noise forms as the agencies and picture desks print them, inside otherwise ordinary paragraphs. */
const reasons = (text: string, title?: string) => clean({ text, title }).removed.map((r) => [r.reason, r.text]);

describe('clean: photo captions', () => {
  const cases: Array<[string, string]> = [
    [
      'AP file photo',
      'In this Aug. 3, 2019, file photo, a man walks past a closed shop in Beirut, Lebanon. (AP Photo/Hussein Malla)',
    ],
    ['AP via', 'Smoke rises over the city after an airstrike, Oct. 2, 2023. (Ministry of Defense VIA AP)'],
    ['picture taken', 'This picture taken on March 2, 2021 shows a displaced family in Idlib province.'],
    ['handout', 'A handout photo released by the Syrian Arab News Agency shows the president meeting the envoy.'],
    ['dated shows', 'This Sept 5, 2017 shows smoke billowing out of the western al-Daraiya neighborhood of Raqqa.'],
    ['label', 'FILE PHOTO: A view shows the headquarters of the central bank in Frankfurt, Germany.'],
    ['Getty', 'Rescuers search the rubble of a building in Antakya. (Photo by Burak Kara/Getty Images)'],
    ['image grab', 'An image grab taken from a video released by the army shows troops near the border.'],
  ];
  for (const [name, caption] of cases) {
    it(name, () => {
      const text = `Officials said the talks would resume on Monday.\n\n${caption}\n\nThe ministry did not comment further.`;
      const c = clean({ text });
      expect(c.removed.map((r) => r.reason)).toContain('photo-caption');
      expect(c.body).toBe('Officials said the talks would resume on Monday.\n\nThe ministry did not comment further.');
    });
  }
  it('a caption glued into a paragraph goes alone, the story sentence stays', () => {
    const text =
      'The mayor said repairs would take months. This picture taken on June 1, 2022 shows the bridge. Traffic was diverted.';
    expect(clean({ text }).body).toBe('The mayor said repairs would take months. Traffic was diverted.');
  });
  it('keeps ordinary sentences that mention photos', () => {
    const text = 'The photo showed the minister at the border, the newspaper said. Police took pictures of the scene.';
    expect(reasons(text)).toEqual([]);
  });
});

describe('clean: credits, link bait, share text, titles, datelines', () => {
  it('a credit glued before the next sentence', () => {
    const c = clean({
      text: 'Smoke rose over the city. DELIL SOULEIMAN AFP Syria reserves the right to respond, it said.',
    });
    expect(c.removed).toMatchObject([{ reason: 'photo-credit', text: 'DELIL SOULEIMAN AFP' }]);
    expect(c.body).toBe('Smoke rose over the city. Syria reserves the right to respond, it said.');
  });
  it('credit lines as their own paragraph', () => {
    for (const credit of ['REUTERS/Khalil Ashawi', 'Photo: Xinhua', 'Image credit: Getty Images', 'Li Ming/Xinhua']) {
      expect(reasons(`The vote passed.\n\n${credit}\n\nMore follows.`)).toEqual([['photo-credit', credit]]);
    }
  });
  it('link bait and share lines', () => {
    const text =
      'The bank raised rates.\n\nREAD MORE: Inflation hits a ten-year high\n\nRelated: What a rate rise means for you\n\nShare this article\n\nFollow us on Twitter for updates.\n\nAnalysts expect another rise.';
    expect(reasons(text).map((r) => r[0])).toEqual(['link-bait', 'link-bait', 'share-text', 'share-text']);
    expect(clean({ text }).body).toBe('The bank raised rates.\n\nAnalysts expect another rise.');
  });
  it('a repeated title, then datelines of several forms', () => {
    const title = 'Quake hits central Chile';
    const c = clean({
      text: `Quake hits central Chile\n\nSANTIAGO, Chile (AP) — A strong earthquake shook central Chile on Tuesday.`,
      title,
    });
    expect(c.removed.map((r) => r.reason)).toEqual(['repeated-title', 'dateline']);
    expect(c.dateline?.text).toBe('SANTIAGO, Chile (AP)');
    expect(c.body).toBe('A strong earthquake shook central Chile on Tuesday.');
    expect(clean({ text: 'WASHINGTON (Reuters) - The Senate passed the bill.' }).dateline?.text).toBe(
      'WASHINGTON (Reuters)',
    );
    expect(clean({ text: 'BEIRUT -- Lebanon formed a government.' }).dateline?.text).toBe('BEIRUT');
  });
  it('does not take an acronym opening a story for a dateline', () => {
    for (const text of [
      'NATO said on Monday it would send more troops.',
      'UN agencies warned of famine in the region.',
    ]) {
      const c = clean({ text });
      expect(c.dateline).toBeUndefined();
      expect(c.body).toBe(text);
    }
  });
  it('every removal span is exact and body maps back through kept spans', () => {
    const text =
      'Title line\n\nThis picture taken on May 1, 2020 shows a crowd. PARIS Protesters marched.\n\nREAD MORE: x y z\n\nThey dispersed at night.';
    const c = clean({ text, title: 'Title line' });
    for (const r of c.removed) expect(text.slice(r.span[0], r.span[1])).toBe(r.text);
    expect(c.kept.map(([s, e]) => text.slice(s, e)).join('')).toBe(c.body);
    expect(c.body).toBe('Protesters marched.\n\nThey dispersed at night.');
  });
});

describe('clean: bylines', () => {
  it('removes a byline line at the top, keeps "By" sentences of the story', () => {
    for (const byline of [
      'By John Aston, PA News',
      'By PA News Reporters',
      'By Jane Doe and John Roe',
      'By Jane Doe · 3 min read',
      'By Jane Doe | May 14, 2024 | Updated 2 hours ago',
    ]) {
      const c = clean({ text: `${byline}\n\nA judge ruled on Monday.` });
      expect(c.removed).toMatchObject([{ reason: 'byline', text: byline }]);
      expect(c.body).toBe('A judge ruled on Monday.');
    }
    const story = 'By Tuesday the river had risen two metres.';
    expect(clean({ text: story }).body).toBe(story);
  });

  it('removes credit lines and wire footers at the foot, keeps story sentences that name reporters', () => {
    const foot = [
      [
        'byline',
        'Reporting by Jonathan Landay in Washington; Additional reporting by Maria Tsvetkova; Editing by Mary Milliken.',
      ],
      ['byline', '(Writing by John Davison; editing by Jon Boyle)'],
      ['byline', 'The Associated Press contributed to this report.'],
      ['boilerplate', 'Our Standards: The Thomson Reuters Trust Principles.'],
      ['boilerplate', 'This material may not be published, broadcast, rewritten or redistributed.'],
      ['boilerplate', 'This story has been updated with additional information.'],
      ['boilerplate', 'This story will be updated as more information becomes available.'],
      ['share-text', 'Follow the Daily Star on social media for the latest updates.'],
      ['share-text', 'Contact the Metro newsroom by email or phone.'],
    ];
    for (const [reason, line] of foot) {
      const c = clean({ text: `The bridge reopened on Friday after repairs. ${line}` });
      expect(c.removed, line).toMatchObject([{ reason, text: line }]);
      expect(c.body).toBe('The bridge reopened on Friday after repairs.');
    }
    for (const story of [
      'Reporting by the local paper had revealed the contract in May.',
      'The editor said reporting by Jane Doe had been accurate.',
      'Police will continue to search the river as more volunteers become available.',
      'She said the agency contributed to the rise in prices.',
    ]) {
      expect(clean({ text: story }).body, story).toBe(story);
    }
  });
  it('keeps a long sentence that only opens with a click or follow line: the rest is story', () => {
    for (const text of [
      'CLICK HERE FOR MORE INFO Very likely it will also include a recognition that the work we are reading reflects some way of thought labelled as a school.',
      'Follow us on the road north, where the convoy of eighty residents was stopped on 18 March 2019 near al-Baghouz by the coalition forces.',
    ]) {
      expect(clean({ text }).body, text).toBe(text);
    }
    expect(reasons('The vote passed. Click here to read the full report.')).toEqual([
      ['share-text', 'Click here to read the full report.'],
    ]);
  });
  it('takes a dateline whose outlet has a name of several words', () => {
    const c = clean({ text: 'PARIS, Nov. 27 (Daily Courier) - The strike entered its third week.' });
    expect(c.dateline?.text).toBe('PARIS, Nov. 27 (Daily Courier)');
    expect(c.body).toBe('The strike entered its third week.');
  });
});

describe('clean: page chrome printed with the text', () => {
  it('removes reading times, time stamps, player and print controls, tag lists, syndication lines and link-list headings', () => {
    const chrome = [
      ['share-text', 'Listen to this article'],
      ['boilerplate', '4 min read'],
      ['boilerplate', 'Updated 3 hours ago'],
      ['boilerplate', 'Published: March 12, 2024, 10:21 GMT'],
      ['boilerplate', 'This article originally appeared on The Conversation.'],
      ['boilerplate', 'This story was first published by ProPublica.'],
      ['boilerplate', 'Topics: Politics, Local government, Budget'],
      ['link-bait', 'Most read'],
      ['link-bait', 'More from Local News'],
      ['link-bait', 'You may also like'],
      ['share-text', 'Print this page'],
      ['share-text', 'Comments (12)'],
      ['share-text', 'We want to hear from you.'],
      ['share-text', 'Send us your tips at tips@courier.example.'],
      ['share-text', 'Do you have a story to share?'],
    ];
    for (const [reason, line] of chrome) {
      const c = clean({ text: `The bridge reopened on Friday after repairs.\n\n${line}\n\nTraffic was light.` });
      expect(c.removed, line).toMatchObject([{ reason, text: line }]);
      expect(c.body).toBe('The bridge reopened on Friday after repairs.\n\nTraffic was light.');
    }
  });

  it('keeps story sentences that open with the same words', () => {
    for (const story of [
      'Updated figures show 40 people died in the floods.',
      'Published reports said the minister had resigned.',
      'More from the minister is expected on Friday.',
      'Print media revenue fell 5 percent last year.',
      'Listen to the recordings and you will hear the pilot warn the tower.',
      'Most read the report as a rebuke to the government.',
      'The topics discussed included the budget and transport.',
      'This story first came to light in a court filing in May.',
    ]) {
      expect(clean({ text: story }).body, story).toBe(story);
    }
  });
});
