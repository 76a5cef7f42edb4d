export * from './span.js';
export * from './raw.js';
export * from './extracted.js';
export * from './clean.js';
export * from './offsets.js';
export * from './fact.js';
export * from './alignment.js';
export * from './story.js';
