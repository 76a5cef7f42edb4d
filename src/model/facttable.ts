import type { Fact, FactKind } from './fact.js';

/**
 * Facts compared across the versions of a story. A row is one fact (matched across articles by kind, normalised
 * value and context); a cell says whether an article carries it, omits it, or states a conflicting value for the
 * same thing (same unit and event, another number or date), or an update of it (a later version from the same source,
 * or a report that says the figure rose or was revised).
 */
export type FactStatus = 'carried' | 'omitted' | 'conflicting' | 'updated';

export interface FactCell {
  status: FactStatus;
  /** The article's fact behind a `carried` or `conflicting` cell (spans into that article's clean body). */
  fact?: Fact;
  /** Who the article says this comes from, where it says so (canonical source). */
  attributedTo?: string;
  /** For a `conflicting` or `updated` cell: the other value it disagrees with or replaces, and its article. */
  against?: { article: string; fact: Fact };
}

export interface FactRow {
  /** Stable key of the row: kind + normalised value + context. */
  key: string;
  kind: FactKind;
  /** Human label: "240 civilians (killing and injuring)", "2019-03-18", "al-Baghouz". */
  label: string;
  /** One cell per article id of the table, in the table's article order. */
  cells: Record<string, FactCell>;
}

/** Articles whose facts are not read (the extractor reads English), each with its language (ISO 639-3). */
export type Unread = Array<{ article: string; language: string }>;

export interface FactTable {
  /** Article ids, in publication order: the columns. */
  articles: string[];
  /** Articles left out of the table because their facts are not read (a text not in English), with their language. */
  unread?: Unread;
  rows: FactRow[];
}

/** What changes between two versions (A earlier or reference, B the other), fact by fact. */
export interface FactDiff {
  /** Facts of A that B does not carry. */
  dropped: Fact[];
  /** Facts of B that A does not carry. */
  added: Fact[];
  /** Same measured thing, different value, at the same time from different sources: A's fact and B's. */
  changed: Array<{ from: Fact; to: Fact }>;
  /** A value B replaces as a later version from the same source, or as a report that says it rose or was revised. */
  updated?: Array<{ from: Fact; to: Fact }>;
  /** Claims attributed to another source in B than in A, or attributed in one only. */
  attributionChanges: Array<{ from?: Fact; to?: Fact }>;
  loadedAdded: Fact[];
  loadedRemoved: Fact[];
  /**
   * Where the two were not compared fact by fact: the ids of the articles whose facts are not read (the extractor
   * reads English; a text in another language has none), each with its language. Every list above is then empty.
   */
  unread?: Unread;
}
