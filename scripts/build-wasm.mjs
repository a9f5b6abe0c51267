#!/usr/bin/env node
// `npm run build:wasm`: compiles every WebAssembly text file under src/ (src/**/*.wat) with wabt and writes
// the binary next to it (x.wat → x.wasm), where the modules that load it find it through import.meta.url.
// `--out-dir DIR` also writes each binary to the same place under DIR (src/linalg/kernels/x.wasm →
// DIR/linalg/kernels/x.wasm), for a compiled copy of src/. A binary whose bytes are unchanged is not rewritten.
// Importable: buildWasm({ outDir }) does the same and returns the paths it wrote.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import createWabt from 'wabt';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(PROJECT, 'src');
/** Post-MVP features the kernels use; anything else in a .wat is a compile error. */
const FEATURES = { simd: true };

/** Every .wat file under `directory`, sorted. */
export function watFiles(directory = SOURCE) {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.wat'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** x.wat → x.wasm. */
export function wasmPathFor(watPath) {
  return watPath.replace(/\.wat$/, '.wasm');
}

/** The binary module for one .wat file; throws with wabt's message (file:line:column) on an error. */
export async function compileWat(watPath, wabt) {
  const module = (wabt ?? (await createWabt())).parseWat(watPath, readFileSync(watPath, 'utf8'), FEATURES);
  try {
    module.resolveNames();
    module.validate(FEATURES);
    return Uint8Array.from(module.toBinary({ log: false, write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}

/** Compiles every .wat under src/; `outDir` (relative to the project) also receives a mirrored copy. */
export async function buildWasm({ outDir } = {}) {
  const wabt = await createWabt();
  const written = [];
  for (const watPath of watFiles()) {
    const bytes = await compileWat(watPath, wabt);
    const targets = [wasmPathFor(watPath)];
    if (outDir !== undefined) targets.push(join(resolve(PROJECT, outDir), relative(SOURCE, wasmPathFor(watPath))));
    for (const target of targets) {
      if (sameBytes(target, bytes)) continue;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      written.push(target);
    }
  }
  return written;
}

function sameBytes(path, bytes) {
  try {
    return Buffer.from(bytes).equals(readFileSync(path));
  } catch {
    return false;
  }
}

function parseArguments(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out-dir' && i + 1 < argv.length) options.outDir = argv[++i];
    else if (argv[i].startsWith('--out-dir=')) options.outDir = argv[i].slice('--out-dir='.length);
    else throw new Error(`usage: node scripts/build-wasm.mjs [--out-dir DIR] (unknown argument ${argv[i]})`);
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const written = await buildWasm(parseArguments(process.argv.slice(2)));
    for (const path of written) console.log(`wrote ${relative(PROJECT, path)}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
