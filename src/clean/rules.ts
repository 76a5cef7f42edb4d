/**
 * Patterns for noise that lives inside article paragraphs: photo captions, photo credits, link bait, share lines and
 * datelines. They follow the caption and credit forms of the big agencies and picture desks (AP, AFP, Reuters,
 * Getty, EPA, Xinhua, Anadolu) and of common CMS exports, not any one article.
 */

/** Agencies and picture desks whose names end a photo credit ("DELIL SOULEIMAN AFP", "REUTERS/Khalil Ashawi"). */
export const AGENCIES =
  'AFP|AP|REUTERS|Reuters|GETTY IMAGES|Getty Images|Getty|EPA|EPA-EFE|XINHUA|Xinhua|ANADOLU|Anadolu Agency|AA|' +
  'SANA|TASS|SPUTNIK|Sputnik|DPA|dpa|Shutterstock|SIPA|Sipa|IMAGO|imago|PA|PA Images|NurPhoto|ZUMA|Zuma Press|' +
  'Bloomberg|UPI|IRNA|WAFA|Pool|POOL';

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATE = `(?:${MONTH} \\d{1,2},? \\d{4}|\\d{1,2} ${MONTH},? \\d{4}|${MONTH},? \\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4})`;
const MEDIUM =
  '(?:file )?(?:photo(?:graph)?|picture|pic|image|handout(?: photo| picture| image)?|video (?:grab|still)|screen ?(?:grab|shot)|still|aerial (?:view|photo|image)|satellite (?:image|photo)|photo illustration)';

/** A sentence that is a photo caption, by how it starts or ends. */
export const CAPTION_PATTERNS: RegExp[] = [
  // "This picture taken on October 16, 2017 …", "A handout photo released by …", "An image grab taken from …"
  new RegExp(
    `^(?:This|A|An|The|In this|In a|In an|In the) ${MEDIUM}s? (?:taken|released|provided|obtained|made available|distributed|shot|dated|posted|published|shows|showing|from|grab|made)\\b`,
    'i',
  ),
  // "This Sept 5, 2017 shows …", "This Sept. 5, 2017, file photo shows …"
  new RegExp(`^This ${DATE},?(?: ${MEDIUM})?,? (?:shows|taken|released|provided)\\b`, 'i'),
  // AP style: "In this Aug. 3, 2019, file photo, …"
  new RegExp(`^In this ${DATE},?(?: file)? ${MEDIUM}\\b`, 'i'),
  // Labelled captions: "FILE PHOTO: …", "PHOTO: …", "Pictured: …", "Caption: …"
  /^(?:FILE PHOTO|FILE|PHOTO|Photo|Pictured|PICTURED|Caption|CAPTION|IMAGE|Image)\s*[:|–—-]\s+\S/,
  // Ends with a picture-desk credit in brackets: "(AP Photo/Hussein Malla)", "(… VIA AP)", "(Photo by X/AFP via Getty Images)"
  new RegExp(
    `\\((?:[^()]*\\b(?:via|VIA) (?:${AGENCIES})|(?:${AGENCIES}) ?(?:Photo|PHOTO)\\b[^()]*|Photo by [^()]+|Photo: [^()]+)\\)\\.?$`,
  ),
];

/** A caption's closing credit in brackets, standing alone as the last sentence of the caption. */
export const BRACKET_CREDIT = new RegExp(
  `^\\((?:[^()]*\\b(?:via|VIA) (?:${AGENCIES})|(?:${AGENCIES}) ?(?:Photo|PHOTO)\\b[^()]*|(?:Photo|Image|Picture) by [^()]+|(?:Photo|Image): [^()]+)\\)\\.?$`,
);

/** Photo credits: a whole sentence, or a prefix glued to the next sentence's start. */
export const CREDIT_SENTENCE: RegExp[] = [
  // "Photo: Reuters", "Image credit: Getty Images", "Credit: SANA"
  /^(?:Photos?|Images?|Pictures?|Photograph|Credit|Photo credit|Image credit|Photo courtesy)\s*:\s*(?:(?:\p{Lu}[\p{L}.'’-]*|of|via|and|\/)[\s/]*){1,8}\.?$/iu,
  // "(Photo by Delil Souleiman/AFP via Getty Images)"
  /^\(?(?:Photo|Image|Picture)s? by [^()]{1,100}\)?\.?$/i,
  // "REUTERS/Khalil Ashawi", "Xinhua/Li Ming", "Delil Souleiman/AFP", "AFP PHOTO / DELIL SOULEIMAN"
  new RegExp(
    `^(?:(?:${AGENCIES})(?: PHOTO)? ?/ ?[\\p{L}.' -]{2,60}|[\\p{L}.' -]{2,60} ?/ ?(?:${AGENCIES})(?: via Getty Images)?)\\.?$`,
    'u',
  ),
];

/**
 * A credit at the start of a sentence: one to four upper-case name words then an agency, then the story goes on with
 * a capitalised word ("DELIL SOULEIMAN AFP Syria reserves …").
 */
export const CREDIT_PREFIX = new RegExp(
  `^(?:(?:[\\p{Lu}][\\p{Lu}'’.-]+ ){1,4}(?:${AGENCIES})|(?:${AGENCIES}) PHOTO ?/ ?(?:[\\p{Lu}][\\p{Lu}'’.-]+ ?){1,4}|(?:${AGENCIES})/[\\p{L}.' -]{2,40}?)(?=\\s+[\\p{Lu}"“‘])\\s+`,
  'u',
);

/** Link bait: a label then a headline ("READ MORE: …", "ALSO READ: …", "Related: …"). */
export const LINK_BAIT =
  /^(?:READ MORE|Read more|READ ALSO|Read also|ALSO READ|Also read|RELATED|Related|RELATED STORIES?|Related stories?|Related articles?|SEE ALSO|See also|MORE|More|RECOMMENDED|Recommended|WATCH|Watch|LISTEN|Listen|LIVE|Don't miss|DON'T MISS|Trending|TRENDING|Must read|MUST READ|Suggested)\s*(?:[:|»>]|[–—-]\s)/;

/**
 * The headings of a page's link lists, standing alone as a sentence ("Most read", "More from Local News", "You may
 * also like"): what follows them on the page is other stories' headlines.
 */
export const LINK_HEADING: RegExp[] = [
  /^(?:Most (?:read|popular|viewed|shared|watched)(?: (?:today|now|this week))?|Trending(?: now| stories| news)?|Top stories|Latest (?:news|stories|headlines)|You (?:may|might) also (?:like|be interested in)|Recommended(?: for you| stories| reading)?|Popular(?: now| stories)?|Related(?: stories| articles| content| coverage| links)?|More (?:on this (?:story|topic)|stories)|Editors?[’']? picks?)\.?$/i,
  // "More from Local News", "More in Politics": a section's name, capitalised (case-sensitive: "More from the minister
  // is expected" is story).
  /^(?:More|MORE) (?:from|on|in|about|FROM|ON|IN|ABOUT) (?:the )?\p{Lu}[\p{L}\p{N}'’&.-]*(?: (?:&|and|of|the|\p{Lu}[\p{L}\p{N}'’&.-]*)){0,4}\.?$/u,
];

/** Share, follow and subscribe lines and similar page furniture. */
export const SHARE_TEXT: RegExp[] = [
  /^(?:Share|SHARE)(?: this| on| via| the| article| story)?\b.{0,60}$/,
  // Bounded like the rest: a long sentence that opens with the line goes on with story text, and stays.
  /^(?:Follow|Like) us on\b.{0,100}$/i,
  /^(?:Subscribe|Sign up|Register|Join) (?:to|for|now|our|here)\b.{0,160}$/i,
  /^(?:Click|Tap) here\b.{0,100}$/i,
  /^(?:Join our|Get our|Download (?:our|the)) (?:Telegram|WhatsApp|newsletter|app|channel)\b/i,
  /^(?:Copyright|©|\(c\))\s*(?:\d{4}|©)?.{0,120}$/i,
  /^All rights reserved\.?$/i,
  /^(?:Advertisement|ADVERTISEMENT|Sponsored|SPONSORED)$/,
  /^(?:Send us your feedback|Have a news tip|Got a news tip)\b/i,
  // "We want to hear from you.", "Send us your tips at tips@…", "Do you have a story to share?"
  /^(?:(?:We(?: want|['’]d love) to hear from you|Send us your (?:tips?|stor(?:y|ies)|news|photos|videos))\b.{0,160}|Do you have a (?:story|news tip)\b.{0,60}\?)$/i,
  // Controls printed with the text: "Listen to this article", "Print this page", "Email this story", "Comments (12)"
  /^(?:Listen to (?:this|the) (?:article|story)(?: ?\(?\d{1,2}:\d{2}\)?| \d{1,3} min(?:ute)?s?)?|Print(?: this)?(?: page| article| story)?|E-?mail(?: this)?(?: page| article| story| link)?|Save(?: this)? (?:article|story)|(?:Show |View |Read |Leave a |Add a )?comments?(?: \(\d+\))?|Copy link|Gift (?:this )?article)\.?$/i,
  // "Follow the Guardian on Twitter", "Follow Daily Courier on social media for the latest updates"
  /^(?:Follow|Like) (?:us|@\w+|(?:the )?\p{Lu}[\p{L}'’.&-]*(?: \p{Lu}[\p{L}'’.&-]*){0,4}) on (?:social media|Twitter|X|Facebook|Instagram|Telegram|LinkedIn|YouTube|TikTok|Threads|Bluesky|Google News|WhatsApp)\b.{0,120}$/u,
  // "Contact the newsroom by email", after "Have a news tip?"
  /^(?:Contact|Email|E-mail|Call|Write to) (?:the |our )?(?:\p{Lu}[\p{L}'’.&-]* ){0,4}(?:newsroom|news desk|newsdesk|tips? line|tip line)\b.{0,100}$/iu,
];

/**
 * Wire and newspaper furniture at the foot of a story: the Reuters standards line, the AP rights notice, an editor's
 * note that the story is developing or will be updated. Removed as boilerplate.
 */
export const FOOTER_TEXT: RegExp[] = [
  // The page's reading time and time stamps: "4 min read", "Updated 3 hours ago", "Published: March 12, 2024, 10:21 GMT"
  /^\d{1,3} ?(?:min(?:ute)?s?|mins?) read$/i,
  new RegExp(
    `^(?:Updated|Published|Last updated|First published|Posted)(?: on| at)?:?\\s+(?:\\d{1,2} (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?) ago|just now|yesterday|today|${DATE}(?:,? (?:at )?\\d{1,2}[:.]\\d{2}(?: ?[ap]\\.?m\\.?)?(?: [A-Z]{2,4})?)?)\\.?$`,
    'i',
  ),
  // Syndication: "This article originally appeared on The Conversation.", "This story was first published by ProPublica."
  /^This (?:article|story|piece|report|post) (?:was )?(?:originally|first) (?:appeared|published|ran)\b.{0,120}$/i,
  // Tag lists: "Topics: Politics, Local government", "Tags: …", "Filed under: …"
  /^(?:Topics?|Tags?|Filed under|Categories|Keywords)\s*:\s*.{1,200}$/i,
  /^Our Standards:.{0,80}$/,
  /^This material may not be published, broadcast, rewritten,? (?:and|or) redistributed\b.{0,80}$/i,
  /^This (?:is a developing story|(?:story|article|report) (?:is developing|has been updated(?: with (?:additional|more|new) (?:information|details|reporting))?))\b.{0,60}$/i,
  /^(?:This (?:story|article|report)|[\p{Lu}][\p{L}'’.&-]*(?: [\p{Lu}][\p{L}'’.&-]*){0,4}) will (?:continue to )?(?:be )?(?:update[ds]?|report)\b.{0,40}\b(?:as|when) (?:more |further |new )?(?:details|information|news) (?:become|becomes|is|are) available\.?$/u,
];

/**
 * Credit lines: who reported, wrote, edited ("Reporting by Jane Doe in Paris; Additional reporting by John Roe;
 * Editing by Mary Major", "(Writing by X; editing by Y)"), and "The Associated Press contributed to this report."
 * Whole sentences only, so a story sentence that names a reporter stays.
 */
const CREDIT_ROLE =
  '(?:(?:Additional |Further )?[Rr]eporting(?: and [Ww]riting)?|[Ww]riting|[Ee]diting|[Cc]ompiled|[Pp]roduced|[Rr]esearch|[Gg]raphics|[Ff]act-checking|[Tt]ranslation|[Tt]ranslated|[Pp]hotos)';
const CREDIT_NAMES = "\\p{Lu}[\\p{L}.'’-]*(?:(?:,? | and | & | in | from )\\p{Lu}[\\p{L}.'’-]*)*";
export const CREDIT_LINE: RegExp[] = [
  new RegExp(`^\\(?${CREDIT_ROLE} by ${CREDIT_NAMES}(?:[;,] ${CREDIT_ROLE} by ${CREDIT_NAMES})*\\)?\\.?\\)?$`, 'u'),
  /^(?:The |Staff writers? |Staff |Correspondents? )?(?:\p{Lu}[\p{L}'’.&-]*(?:(?:,? | and | of the | of )\p{Lu}[\p{L}'’.&-]*){0,6}) contributed (?:reporting|to this (?:report|story|article))\b.{0,60}$/u,
];

/**
 * Datelines at the start of a story: "DAMASCUS –", "KYIV, Ukraine —", "WASHINGTON (Reuters) -", "BEIRUT, Aug 3 (Xinhua) --".
 * Group 1 is the place (and agency) kept as metadata.
 */
export const DATELINE_DASHED = new RegExp(
  `^((?:[\\p{Lu}][\\p{Lu}'’.-]+)(?: [\\p{Lu}][\\p{Lu}'’.-]+){0,3}(?:, [\\p{Lu}][\\p{L}.]+(?: [\\p{Lu}][\\p{L}.]+){0,2})?(?:,? ${MONTH} \\d{1,2})?(?: \\((?:${AGENCIES}|[A-Z][A-Za-z&'.-]{1,20}(?: [A-Z][A-Za-z&'.-]{1,20}){0,3})\\))?)\\s*(?:[–—-]{1,2}|:)\\s+`,
  'u',
);
/**
 * A place in capitals with no dash, glued to the sentence ("DAMASCUS It's time …"), as spun copies print it. Only taken
 * at the start of the article or right after removed noise, and only for a word of at least five capitals (or
 * several words), so acronyms that open sentences ("NATO said …", "UN agencies …") are not mistaken for places.
 */
export const DATELINE_BARE =
  /^((?:[\p{Lu}]{5,}|[\p{Lu}]{2,}(?: [\p{Lu}]{2,}){1,2}))\s+(?=[\p{Lu}][\p{Ll}'’]|[\p{Lu}]'|I[t']|"|“)/u;

/** Upper-case words that open sentences without being places. */
export const NOT_PLACES = new Set([
  'BREAKING',
  'UPDATE',
  'UPDATED',
  'EXCLUSIVE',
  'WATCH',
  'ANALYSIS',
  'OPINION',
  'EDITORIAL',
  'PHOTOS',
  'VIDEO',
  'LIVE',
  'URGENT',
  'NOTE',
  'EDITOR',
  'EDITORS',
]);

/**
 * A byline line: "By John Aston, PA News", "By PA News Reporters", "By Jane Doe and John Roe", with what a page prints
 * beside it after a separator ("By Jane Doe · 3 min read", "By Jane Doe | May 14, 2024").
 */
export const BYLINE =
  /^By (?:\p{Lu}[\p{L}.'’-]*)(?: (?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|al-\p{L}+)){0,6}(?:, (?:\p{Lu}[\p{L}.'’-]*)(?: \p{Lu}[\p{L}.'’-]*){0,4})?\.?(?:\s*[·|•]\s*[^·|•\n]{1,40}){0,3}$/u;
/** Bylines are looked for only this near the top of the article (sentences kept so far). */
export const BYLINE_WITHIN_SENTENCES = 2;
