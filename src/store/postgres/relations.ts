import type { Relation } from '../../model/index.js';
import type { Query } from './reads.js';

/** A relation as written: story id, from, to, kind and its JSON. */
type RelationRow = [string, string, string, string, string];

/**
 * The relations put inside a transaction, written together, in the order they were put, before anything reads or
 * moves relations and at the commit (the store calls `flush`): an article's relations were up to three round trips of
 * the serial commit. One buffer per transaction (memory.ts TxState).
 */
export class RelationBuffer {
  private readonly pending = new Map<string, RelationRow>();

  constructor(private readonly q: Query) {}

  /** Adds a relation to write; returns the buffer. */
  put(storyId: string, r: Relation): this {
    const row: RelationRow = [storyId, r.from, r.to, r.kind, JSON.stringify(r)];
    // Put again: it goes where the last put leaves it (a replaced relation moves to the end).
    const k = `${r.from}\n${r.to}`;
    this.pending.delete(k);
    this.pending.set(k, row);
    return this;
  }

  /** Writes the relations put so far. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending.clear();
    await this.write(rows);
  }

  /**
   * One statement for the rows, in their order: a replaced relation takes a new rid and so moves to the end, as
   * SQLite's INSERT OR REPLACE does.
   */
  private async write(rows: RelationRow[]): Promise<void> {
    const col = (k: number) => rows.map((r) => r[k]);
    await this.q(
      `INSERT INTO relations (story_id, from_id, to_id, kind, data)
       SELECT s, f, t, k, d FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         WITH ORDINALITY AS x(s, f, t, k, d, o) ORDER BY o
       ON CONFLICT (from_id, to_id) DO UPDATE SET rid = nextval(pg_get_serial_sequence('relations', 'rid')),
         story_id = EXCLUDED.story_id, kind = EXCLUDED.kind, data = EXCLUDED.data`,
      [col(0), col(1), col(2), col(3), col(4)],
    );
  }
}
