/**
 * A large story for the UI tests, made deterministically: one wire report reprinted by many outlets, each trimming
 * it, rewording a line, adding its own paragraph and page noise (a photo caption, a "READ MORE" line), some changing
 * a figure, later ones copying an earlier reprint rather than the wire. Plus two independent reports of the same
 * event. Real-shaped in what the UI must draw: many columns in the fact table, generations in the graph.
 */

const WIRE = [
  'Flash floods swept through the river towns of the Mahaweli valley on Tuesday, killing at least 240 people and forcing more than 18,000 from their homes, the national disaster agency said.',
  'The agency said rescue teams had reached 14 of the 22 villages cut off by the water, and that the number of dead was expected to rise as roads reopened.',
  '"We are still counting, and we fear the worst in the upper valley," the agency\'s director, Ravi Perera, told reporters in Kandy on Wednesday morning.',
  'Three days of rain dropped more than 400 millimetres on the hills above the valley, according to the meteorological department, the heaviest March rainfall recorded since 1982.',
  'The Red Cross said it had opened 35 shelters in schools and temples and was sending water purification tablets to the worst hit districts.',
  'Residents of Teldeniya said the river rose within an hour before dawn, giving families little time to reach higher ground.',
  'The government announced emergency aid of 2 billion rupees and said the army would help clear blocked roads.',
  'Opposition lawmakers accused the authorities of ignoring warnings about deforestation on the slopes above the river.',
];

const LEDES = [
  'Rescue workers searched for survivors on Wednesday after deadly floods hit the valley.',
  'The death toll from the valley floods kept climbing on Wednesday.',
  'Villagers described a wall of water that came before dawn.',
  'Aid agencies warned of disease as floodwater lingered in the valley.',
];

const ADJ = ['Daily', 'Morning', 'Evening', 'Weekly', 'National', 'Island', 'Coastal', 'Valley', 'City', 'Northern'];
const NOUN = [
  'Herald',
  'Ledger',
  'Observer',
  'Tribune',
  'Courier',
  'Mirror',
  'Gazette',
  'Post',
  'Sentinel',
  'Chronicle',
];
const TLD = ['news', 'com', 'org', 'net'];

export interface JsonRecord {
  id: string;
  url: string;
  outlet: string;
  title: string;
  published: string;
  text: string;
}

function outlet(i: number): string {
  return `${ADJ[i % 10]} ${NOUN[Math.floor(i / 10) % 10]}${i >= 100 ? ` ${Math.floor(i / 100) + 1}` : ''}`;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** `n` versions of the flood story (the wire report first), then two independent reports of the same event. */
export function floodStory(n: number, start = Date.parse('2024-03-05T06:00:00Z')): JsonRecord[] {
  const texts: string[][] = [WIRE];
  const out: JsonRecord[] = [
    {
      id: 'wire-1',
      url: 'https://wire.example/floods-mahaweli',
      outlet: 'Lanka Wire Service',
      title: 'Floods kill at least 240 in Mahaweli valley',
      published: new Date(start).toISOString(),
      text: WIRE.join('\n\n'),
    },
  ];
  for (let i = 1; i < n; i++) {
    // Later reprints copy an earlier reprint (copies of copies) rather than the wire.
    const parent = i > 40 && i % 3 === 0 ? texts[i - 37] : WIRE;
    const paras = parent.filter((_, k) => k === 0 || (k + i) % 9 !== 0);
    if (i % 4 === 1) paras[1] = paras[1].replace('14 of the 22 villages', '14 of 22 cut-off villages');
    if (i % 11 === 5) {
      paras[0] = paras[0].replace('at least 240 people', 'at least 260 people');
      paras.forEach((p, k) => (paras[k] = p.replace('opened 35 shelters', 'opened 38 shelters')));
    }
    if (i % 5 === 2) paras.splice(0, 0, LEDES[i % LEDES.length]);
    texts.push(paras);
    const name = outlet(i);
    const noise = [
      `This picture taken on March 5, 2024 shows residents wading through floodwater in Teldeniya. ${name.toUpperCase()} / AFP`,
      `READ MORE: Landslides close the hill road for the ${i % 3 === 0 ? 'second' : 'third'} time this year.`,
    ];
    const body = [...paras];
    body.splice(2, 0, noise[i % 2]);
    body.push(`The ${name} will update this report as more information arrives.`);
    out.push({
      id: `r-${i}`,
      url: `https://${slug(name)}.${TLD[i % 4]}/${2024}/03/floods-${i}`,
      outlet: name,
      title: i % 6 === 0 ? 'Valley floods: death toll rises' : 'Floods kill at least 240 in Mahaweli valley',
      published: new Date(start + i * 17 * 60_000).toISOString(),
      text: body.join('\n\n'),
    });
  }
  out.push(
    {
      id: 'ind-1',
      url: 'https://hillcountry.example/teldeniya-flood-witness',
      outlet: 'Hill Country Radio',
      title: 'In Teldeniya, a night of rising water',
      published: new Date(start + 3 * 3.6e6).toISOString(),
      text: [
        'Our correspondent in Teldeniya reached the flooded Mahaweli valley town on Tuesday evening, where neighbours were still pulling belongings from mud-filled homes.',
        'Officials at the district office put the death toll in the valley at 240 and said thousands had fled to schools on higher ground.',
        'Ravi Perera of the disaster agency visited the town and promised army help to clear the roads before more rain arrives.',
        'Shopkeepers said the river had never risen so fast, and blamed the clearing of forest on the hills for the speed of the water.',
      ].join('\n\n'),
    },
    {
      id: 'ind-2',
      url: 'https://kandytimes.example/floods-valley-aid',
      outlet: 'Kandy Times',
      title: 'Valley flood survivors wait for aid',
      published: new Date(start + 5 * 3.6e6).toISOString(),
      text: [
        'Survivors of the Mahaweli valley floods queued for drinking water in Kandy on Wednesday as the disaster agency raised the toll to 240 dead.',
        'Ravi Perera, who heads the agency, said teams had not yet reached several villages in the upper valley.',
        'Families sheltering in a temple near Teldeniya said they had lost livestock and rice stores, and asked when the promised government aid would arrive.',
        'The Red Cross handed out purification tablets and said the shelters in the district were full.',
      ].join('\n\n'),
    },
  );
  return out;
}
