import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The bytes of a compiled kernel shipped beside the module that uses it (`new URL('./kernels/x.wasm',
 * import.meta.url)`). The only file the numerical core reads: a part of the package, read once per process,
 * synchronously because the evaluators that need it are built synchronously.
 */
export function readKernel(url: URL): Uint8Array {
  return readFileSync(fileURLToPath(url));
}
