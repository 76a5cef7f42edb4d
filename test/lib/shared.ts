import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where tests find the project's shared data (`../shared` beside the repository). `NEWSTRACE_SHARED` names another
 * folder instead; CI sets it to a path that does not exist to check that the tests which use the shared data skip, or
 * fall back to the repository's own fixtures, where it is absent. Tests read nothing else outside the repository.
 */
export function sharedDir(): string | undefined {
  const dir = resolve(process.env.NEWSTRACE_SHARED ?? '../shared');
  return existsSync(dir) ? dir : undefined;
}

/** `parts` under the shared data, or undefined (the caller skips, or falls back, and says so) where it is not there. */
export function sharedPath(...parts: string[]): string | undefined {
  const dir = sharedDir();
  if (!dir) return undefined;
  const p = join(dir, ...parts);
  return existsSync(p) ? p : undefined;
}

/**
 * The peer kit set up with its `setup.sh` (its npm packages, programs and generated corpora there): a copy in the
 * repository's ignored `.tmp/peers` (where `.ci/run` sets it up), else `../shared/peers` where it was set up in place.
 * `need` is a file the caller reads from it. None where the shared data is hidden: the copy is of that data.
 */
export function peerKit(need: string): string | undefined {
  if (!sharedDir()) return undefined;
  return [resolve('.tmp/peers'), sharedPath('peers')]
    .filter((d): d is string => d !== undefined)
    .find((d) => existsSync(join(d, need)) && existsSync(join(d, 'node_modules')));
}
