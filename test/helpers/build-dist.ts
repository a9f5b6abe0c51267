/**
 * vitest global setup: builds dist/ (`npm run build`) when it is missing or older than anything it is built from.
 * Tests import the TypeScript sources, but the CLI tests spawn bin/stopwise.js and multi-worker searches spawn it
 * too, and it runs dist/; so `npx vitest run test/...` after an edit tests the edited code, as `npm test` does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAMP = join(ROOT, 'dist/.build-complete');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.mjs', 'scripts/build-wasm.mjs'];

/** Newest modification time (ms) of `path`, or of any file under it. */
function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

export function isDistStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.some((input) => newestChange(join(ROOT, input)) > built);
}

export default function buildDistIfStale(): void {
  if (!isDistStale()) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}
