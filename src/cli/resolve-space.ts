import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The search-space file a command uses: the argument relative to the working directory, or
 * `search-spaces/default.json` there, else the one shipped with stopwise (so `npx stopwise search` works anywhere).
 */
export function resolveSpacePath(argument: string | undefined, cwd: string): string {
  if (argument) {
    const path = isAbsolute(argument) ? argument : resolve(cwd, argument);
    if (!existsSync(path)) throw new InputError(`${argument}: file not found`);
    return path;
  }
  const local = resolve(cwd, 'search-spaces/default.json');
  if (existsSync(local)) return local;
  return resolve(PACKAGE_ROOT, 'search-spaces/default.json');
}
