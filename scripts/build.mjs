#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ (JavaScript and .d.ts) with tsc, then builds the WebAssembly kernels
// into dist/. dist/ is emptied first so that no output of a deleted source survives. Ends by writing
// dist/.build-complete, which scripts/build-if-stale.mjs compares with the sources' times.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const wasmBuilder = fileURLToPath(new URL('./build-wasm.mjs', import.meta.url));

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

rmSync(dist, { recursive: true, force: true });
run([tsc, '-p', 'tsconfig.build.json']);
// The kernels' .wat sources compile to .wasm files that the linear-algebra modules read next to themselves.
if (existsSync(wasmBuilder)) run([wasmBuilder, '--out-dir', 'dist']);
writeFileSync(`${dist}/.build-complete`, `${new Date().toISOString()}\n`);
