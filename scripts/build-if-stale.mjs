#!/usr/bin/env node
// Builds dist/ (`npm run build`) when it is missing or older than anything it is built from. vitest runs it as its
// global setup: tests import the TypeScript sources, but the CLI tests and multi-worker searches spawn
// bin/stopwise.js, which runs dist/; so `npx vitest run test/...` after an edit tests the edited code, as `npm test`
// does. The startup benchmark runs it too. `node scripts/build-if-stale.mjs` runs it alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Written by scripts/build.mjs as its last step. */
const STAMP = join(ROOT, 'dist/.build-complete');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.mjs', 'scripts/build-wasm.mjs'];

/** Newest modification time (ms) of `path`, or of any file under it; 0 if it does not exist. */
function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

export function isDistStale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.some((input) => newestChange(join(ROOT, input)) > built);
}

export default function buildDistIfStale() {
  if (!isDistStale()) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) buildDistIfStale();
