#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ (JavaScript and .d.ts) with tsc, then builds the WebAssembly kernels
// into it. The build goes to a fresh folder that then replaces dist/ in two renames, so that no output of a deleted
// source survives and a CLI started from dist/ meanwhile (by a test run, say) finds a complete tree. Ends by
// writing dist/.build-complete, which scripts/build-if-stale.mjs compares with the sources' times.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const staging = join(root, `dist.building-${process.pid}`);
const retired = join(root, `dist.retired-${process.pid}`);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const wasmBuilder = join(root, 'scripts/build-wasm.mjs');

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    process.exit(result.status ?? 1);
  }
}

run([tsc, '-p', 'tsconfig.build.json', '--outDir', staging]);
// The kernels' .wat sources compile to .wasm files that the linear-algebra modules read next to themselves.
if (existsSync(wasmBuilder)) run([wasmBuilder, '--out-dir', staging]);
writeFileSync(join(staging, '.build-complete'), `${new Date().toISOString()}\n`);
if (existsSync(dist)) renameSync(dist, retired);
renameSync(staging, dist);
rmSync(retired, { recursive: true, force: true });
