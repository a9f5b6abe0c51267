// Vitest global setup: the kernels' .wasm files are build outputs (not in git), so compile any that are
// missing or older than their .wat before the tests load them.
import { existsSync, statSync } from 'node:fs';
import { buildWasm, wasmPathFor, watFiles } from '../../scripts/build-wasm.mjs';

export default async function setup(): Promise<void> {
  const stale = watFiles().some((watPath) => {
    const wasmPath = wasmPathFor(watPath);
    return !existsSync(wasmPath) || statSync(wasmPath).mtimeMs < statSync(watPath).mtimeMs;
  });
  if (stale) await buildWasm();
}
