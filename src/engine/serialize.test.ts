import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepare } from './prepare.js';
import { deserializePrepared, serializePrepared } from './serialize.js';

describe('prepared articles on the wire', () => {
  it('round-trips exactly, typed arrays included', () => {
    const content = readFileSync('examples/raqqa/000_42714ab1c9b3c169.txt', 'utf8');
    const r = prepare({ source: 'x', format: 'text', content, meta: {} });
    if (!r.ok) throw new Error(r.error.reason);
    const back = deserializePrepared(serializePrepared(r.value));
    expect(back).toEqual(r.value);
    expect(back.vector.tf).toBeInstanceOf(Float32Array);
    expect(Array.from(back.vector.tf)).toEqual(Array.from(r.value.vector.tf));
  });
});
