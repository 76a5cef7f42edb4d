import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench -- NAME [args…]` runs `bench/NAME.ts`, whose default export takes the remaining arguments.
 * Each benchmark prints a table and, as its last line, one JSON object with its figures.
 */
const here = dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
if (!name || !existsSync(join(here, `${name}.ts`))) {
  process.stderr.write(`usage: npm run bench -- NAME [args]\nbenchmarks: ${available.join(', ')}\n`);
  process.exit(2);
}
const mod = (await import(join(here, `${name}.ts`))) as { default: (args: string[]) => Promise<void> };
await mod.default(args);
