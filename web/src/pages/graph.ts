import { articleName, day, derived, svg } from '../dom.js';
import type { PageArticle, PageRelation } from '../types.js';

/** Geometry of the drawing, in SVG user units (CSS pixels at 100 %). */
const COL_W = 230;
const NODE_W = 190;
const NODE_H = 40;
const ROW_H = 52;
const HEAD_H = 28;
const PAD = 12;
/**
 * Copy parents whose reuse share is within this of the best one count as equally close; the earliest of them is
 * drawn as the parent. Reprints of one wire text are near-identical, and without this tolerance each would hang off
 * the previous reprint, making a chain of "generations" that says nothing about who copied whom.
 */
const PARENT_TIE = 0.05;

interface Node {
  id: string;
  label: string;
  sub: string;
  kind: 'article' | 'source';
  col: number;
  row: number;
  /** Publication rank, to order nodes within a column. */
  rank: number;
  parent?: string;
  href?: string;
  describe: string;
}

const COLUMN_NAMES = ['origin or common source', 'copies and reproductions', 'copies of copies'];
const columnName = (i: number) => COLUMN_NAMES[i] ?? `generation ${i}`;

/**
 * The propagation graph as a tree: originals and common sources on the left, each copy to the right of the one
 * version it is closest to (the most text reused from it; among near-equals, the earliest), copies of copies further
 * right. Same-event reports that reuse nothing stand apart in their own column, joined by dashed lines. The full list
 * of relations is below the graph; every article is a link to its comparison with its parent, so the graph works
 * from the keyboard too.
 */
export function propagationGraph(
  articles: PageArticle[],
  relations: PageRelation[],
  number: Map<string, number>,
): SVGElement {
  const rank = new Map(articles.map((a, i) => [a.id, i]));
  const sources = new Map<string, { label: string; members: string[] }>();
  const copyParents = new Map<string, PageRelation[]>();
  const sourceOf = new Map<string, string>();
  const peers = new Map<string, string[]>();
  const hasChild = new Set<string>();
  for (const r of relations) {
    if (derived(r.kind)) {
      push(copyParents, r.to, r);
      hasChild.add(r.from);
    } else if (r.kind === 'shared-source') {
      const key = `source:${r.commonSource ?? `${r.from}+${r.to}`}`;
      const s = sources.get(key) ?? { label: r.commonSource ?? 'unseen common source', members: [] };
      for (const id of [r.from, r.to]) {
        if (!s.members.includes(id)) s.members.push(id);
        if (!sourceOf.has(id)) sourceOf.set(id, key);
      }
      sources.set(key, s);
    } else {
      push(peers, r.from, r.to);
      push(peers, r.to, r.from);
    }
  }
  const parentOf = new Map<string, string>();
  for (const a of articles) {
    const cands = copyParents.get(a.id);
    if (cands?.length) {
      const best = Math.max(...cands.map((r) => r.coverageTo));
      const near = cands.filter((r) => r.coverageTo >= best - PARENT_TIE);
      near.sort((x, y) => (rank.get(x.from) ?? 0) - (rank.get(y.from) ?? 0));
      parentOf.set(a.id, near[0].from);
    } else if (sourceOf.has(a.id)) parentOf.set(a.id, sourceOf.get(a.id)!);
  }
  // Column = the parent's column + 1 (sources sit in column 0). Copies point from earlier to later articles, so the
  // tree has no cycle; `visiting` guards against a malformed store all the same.
  const col = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    if (id.startsWith('source:')) return 0;
    const known = col.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const p = parentOf.get(id);
    const d = p ? depth(p) + 1 : 0;
    visiting.delete(id);
    col.set(id, d);
    return d;
  };
  const independent = (id: string) => !parentOf.has(id) && !hasChild.has(id) && peers.has(id);
  const maxCol = Math.max(0, ...articles.filter((a) => !independent(a.id)).map((a) => depth(a.id)));
  const apartCol = maxCol + 1;

  const nodes: Node[] = [];
  const drawnSources = new Set(parentOf.values());
  for (const [key, s] of sources) {
    // A source every member of which is drawn under a copy parent instead would stand alone: leave it out.
    if (!drawnSources.has(key)) continue;
    nodes.push({
      id: key,
      label: s.label,
      sub: `common source of ${s.members.length}`,
      kind: 'source',
      col: 0,
      row: 0,
      rank: -1,
      describe: `Common source ${s.label}, reproduced by ${s.members.map((m) => `article ${number.get(m)}`).join(', ')}`,
    });
  }
  for (const a of articles) {
    const apart = independent(a.id);
    const parent = parentOf.get(a.id);
    const partner = parent?.startsWith('source:')
      ? sources.get(parent)!.members.find((m) => m !== a.id)
      : (parent ?? peers.get(a.id)?.[0]);
    nodes.push({
      id: a.id,
      label: `${number.get(a.id)}. ${articleName(a)}`,
      sub: day(a.publishedAt),
      kind: 'article',
      col: apart ? apartCol : depth(a.id),
      row: 0,
      rank: rank.get(a.id) ?? 0,
      parent,
      href: partner ? `#/diff/${partner}/${a.id}` : undefined,
      describe:
        `Article ${number.get(a.id)}, ${articleName(a)}, ${day(a.publishedAt)}` +
        (parent && !parent.startsWith('source:') ? `, closest to article ${number.get(parent)}` : '') +
        (parent?.startsWith('source:') ? `, reproduces ${sources.get(parent)!.label}` : '') +
        (apart ? ', an independent report of the same event' : '') +
        (partner ? `; opens the comparison with article ${number.get(partner)}` : ''),
    });
  }
  // Rows: column by column, children in the order of their parents' rows, then by publication, so edges cross less.
  const at = new Map(nodes.map((n) => [n.id, n]));
  const cols = Math.max(...nodes.map((n) => n.col)) + 1;
  let rowsMax = 1;
  for (let c = 0; c < cols; c++) {
    const inCol = nodes.filter((n) => n.col === c);
    const parentRow = (n: Node) => (n.parent ? (at.get(n.parent)?.row ?? -1) : -1);
    inCol.sort((x, y) => parentRow(x) - parentRow(y) || x.rank - y.rank);
    inCol.forEach((n, i) => (n.row = i));
    rowsMax = Math.max(rowsMax, inCol.length);
  }
  const height = HEAD_H + rowsMax * ROW_H + PAD;
  const width = cols * COL_W + PAD;
  const x = (n: Node) => PAD + n.col * COL_W;
  const y = (n: Node) => HEAD_H + n.row * ROW_H;

  const root = svg('svg', {
    class: 'graph',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'group',
    'aria-label': 'Propagation graph: sources and originals on the left, copies to the right, same-event reports apart',
  });
  root.append(
    svg(
      'defs',
      {},
      svg(
        'marker',
        { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
        svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }),
      ),
    ),
  );
  for (let c = 0; c < cols; c++) {
    if (!nodes.some((n) => n.col === c)) continue;
    const head = c === apartCol && c > maxCol ? 'same event, independent' : columnName(c);
    root.append(svg('text', { x: PAD + c * COL_W, y: 16, class: 'col-head', 'aria-hidden': 'true' }, head));
  }
  const edges = svg('g', { class: 'edges', 'aria-hidden': 'true' });
  for (const n of nodes) {
    const p = n.parent ? at.get(n.parent) : undefined;
    if (!p) continue;
    const x1 = x(p) + NODE_W;
    const y1 = y(p) + NODE_H / 2;
    const x2 = x(n);
    const y2 = y(n) + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    const cls = p.kind === 'source' ? 'edge source-edge' : 'edge copy-edge';
    edges.append(
      svg('path', {
        d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`,
        class: cls,
        'marker-end': 'url(#arrow)',
      }),
    );
  }
  for (const n of nodes) {
    if (n.col !== apartCol || n.kind !== 'article') continue;
    const other = at.get(peers.get(n.id)?.[0] ?? '');
    if (!other) continue;
    // An arc from the report apart back to the one it tells the same event as.
    const x1 = x(n);
    const y1 = y(n) + NODE_H / 2;
    const x2 = x(other) + (other.col === n.col ? 0 : NODE_W);
    const y2 = y(other) + NODE_H / 2;
    const bend = other.col === n.col ? x1 - 30 : (x1 + x2) / 2;
    edges.append(svg('path', { d: `M${x1},${y1} C${bend},${y1} ${bend},${y2} ${x2},${y2}`, class: 'edge event-edge' }));
  }
  root.append(edges);
  for (const n of nodes) {
    const box = svg(
      'g',
      { class: `node ${n.kind}`, transform: `translate(${x(n)},${y(n)})`, 'data-id': n.id },
      svg('title', {}, n.describe),
      svg('rect', { width: NODE_W, height: NODE_H, rx: 6 }),
      svg('text', { x: 8, y: 17, class: 'label' }, clip(n.label, 26)),
      svg('text', { x: 8, y: 32, class: 'sub' }, n.sub),
    );
    root.append(
      n.href
        ? svg('a', { href: n.href, 'aria-label': n.describe }, box)
        : svg('g', { role: 'img', 'aria-label': n.describe }, box),
    );
  }
  return root;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
