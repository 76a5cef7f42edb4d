declare module 'popular-english-words/words.js' {
  /** English words, most frequent first. */
  export const words: string[];
}
