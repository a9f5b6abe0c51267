import { lowerProductSquaredNorms } from './lower-product-squared-norms.js';
import { readKernel } from './kernels/read-kernel.js';

/**
 * The same quantity as lowerProductSquaredNorms — out[r] = ‖M·rows_r‖² for a lower-triangular M — through a
 * WebAssembly SIMD kernel (f64x2), about 3-4x faster than the best scalar JavaScript on Node 20: it is the
 * dominant cost of GP prediction (m·n²/2 multiply-adds for m queries against n training points).
 *
 * M is copied once into the evaluator's own WebAssembly memory with rows and columns zero-padded to a multiple
 * of 4, so the kernel has no edge cases: 4 rows of M against 2 query rows per pass, two columns per SIMD
 * lane pair, the triangle bounding each block's columns.
 */
export interface SquaredNormEvaluator {
  /** rows: m x n row-major; out: length ≥ m receives ‖M·rows_r‖². Cost: m·n²/2 multiply-adds. */
  evaluate(rows: Float64Array, m: number, out: Float64Array): void;
  /** True when the WebAssembly SIMD kernel is in use (false: the scalar fallback). */
  readonly simd: boolean;
}

/**
 * The part of the WebAssembly JavaScript API used here. The project's TypeScript libs (ES2023 + node) declare
 * WebAssembly's types but not its global value, so it is read from globalThis with this shape.
 */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => CompiledModule;
  Instance: new (module: CompiledModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
type CompiledModule = object;
const webAssembly = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;

/** Queries copied into WebAssembly memory per kernel call. */
const ROW_CAPACITY = 64;
const PAGE_BYTES = 65536;

/** M: n x n row-major lower triangular. `options.simd: false` forces the scalar path (for tests). */
export function lowerProductSquaredNormEvaluator(
  lower: Float64Array,
  n: number,
  options: { simd?: boolean } = {},
): SquaredNormEvaluator {
  const module = options.simd === false ? undefined : simdModule();
  if (!module || n === 0) {
    return { simd: false, evaluate: (rows, m, out) => void lowerProductSquaredNorms(lower, n, rows, m, out) };
  }
  const stride = Math.ceil(n / 4) * 4;
  const lowerBytes = stride * stride * 8;
  const rowsBytes = ROW_CAPACITY * stride * 8;
  const api = webAssembly!;
  const memory = new api.Memory({ initial: Math.ceil((lowerBytes + rowsBytes + ROW_CAPACITY * 8) / PAGE_BYTES) });
  const kernel = new api.Instance(module, { env: { memory } }).exports.squaredNorms as (
    lowerAddress: number, stride: number, rowsAddress: number, pairs: number, outAddress: number,
  ) => void;
  const heap = new Float64Array(memory.buffer);
  for (let i = 0; i < n; i++) heap.set(lower.subarray(i * n, i * n + i + 1), i * stride);
  const rowsAddress = lowerBytes;
  const outAddress = lowerBytes + rowsBytes;
  const results = new Float64Array(memory.buffer, outAddress, ROW_CAPACITY);
  return {
    simd: true,
    evaluate(rows, m, out) {
      for (let start = 0; start < m; start += ROW_CAPACITY) {
        const count = Math.min(ROW_CAPACITY, m - start);
        // Columns n..stride−1 of the row buffer are never written, so they stay zero.
        for (let r = 0; r < count; r++) {
          heap.set(rows.subarray((start + r) * n, (start + r + 1) * n), rowsAddress / 8 + r * stride);
        }
        // An odd count pairs the last row with a stale one whose result is dropped.
        kernel(0, stride, rowsAddress, Math.ceil(count / 2), outAddress);
        out.set(results.subarray(0, count), start);
      }
    },
  };
}

let compiled: CompiledModule | null | undefined;

/**
 * The compiled kernel (kernels/squared-norms.wat, built to the .wasm beside it by scripts/build-wasm.mjs), or
 * null where WebAssembly SIMD is unavailable or the binary cannot be read. Built once.
 */
function simdModule(): CompiledModule | null {
  if (compiled === undefined) {
    try {
      const bytes = readKernel(new URL('./kernels/squared-norms.wasm', import.meta.url));
      compiled = webAssembly && webAssembly.validate(bytes) ? new webAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}
