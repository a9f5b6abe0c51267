import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWasm, compileWat, wasmPathFor, watFiles } from '../../scripts/build-wasm.mjs';

/** The project's TypeScript libs declare WebAssembly's types but not its global value. */
const webAssembly = (globalThis as unknown as {
  WebAssembly: {
    validate(bytes: Uint8Array): boolean;
    Module: { new (bytes: Uint8Array): object; exports(module: object): Array<{ name: string; kind: string }> };
  };
}).WebAssembly;

describe('build-wasm', () => {
  let outDir: string | undefined;
  afterEach(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('finds the SIMD kernel among the sources and compiles it to a valid module', async () => {
    const kernel = watFiles().find((path) => path.endsWith(join('linalg', 'kernels', 'squared-norms.wat')));
    expect(kernel).toBeDefined();
    const bytes = await compileWat(kernel!);
    expect(webAssembly.validate(bytes)).toBe(true);
    const exports = webAssembly.Module.exports(new webAssembly.Module(bytes));
    expect(exports).toEqual([{ name: 'squaredNorms', kind: 'function' }]);
  });

  it('mirrors each binary under --out-dir at its path relative to src/', async () => {
    outDir = mkdtempSync(join(tmpdir(), 'stopwise-wasm-'));
    const written = await buildWasm({ outDir });
    const mirrored = join(outDir, 'linalg', 'kernels', 'squared-norms.wasm');
    expect(written).toContain(mirrored);
    const source = watFiles().find((path) => path.endsWith('squared-norms.wat'))!;
    expect(readFileSync(mirrored).equals(readFileSync(wasmPathFor(source)))).toBe(true);
    // A second build with nothing changed writes nothing.
    expect(await buildWasm({ outDir })).toEqual([]);
  });
});
