import { lowerProductSquaredNorms } from './lower-product-squared-norms.js';
import { countedLoop, op, singleFunctionModule, valueType } from './wasm-bytes.js';

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

/** The compiled kernel, or null where WebAssembly SIMD is unavailable. Built once. */
function simdModule(): CompiledModule | null {
  if (compiled === undefined) {
    try {
      const bytes = squaredNormsModuleBytes();
      compiled = webAssembly && webAssembly.validate(bytes) ? new webAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * squaredNorms(lowerAddress, stride, rowsAddress, pairs, outAddress): for each pair p of query rows
 * (2p, 2p + 1) at rowsAddress (stride doubles apart), out[2p + c] = Σ_i (Σ_{k ≤ i} M_ik·q_c,k)², with M at
 * lowerAddress (stride x stride, zero-padded). Blocks of 4 rows of M: 8 f64x2 accumulators, each summing two
 * columns at once; the lanes are added and squared at the end of the block.
 */
export function squaredNormsModuleBytes(): Uint8Array {
  const { localGet: get, localSet: set, localTee: tee, i32Const } = op;
  // Parameters 0-4, then locals.
  const [lowerAddress, stride, rowsAddress, pairs, outAddress] = [0, 1, 2, 3, 4];
  const [pair, query0, query1, row0, lowerRow0, column, columnEnd, strideBytes] = [5, 6, 7, 8, 9, 13, 14, 15];
  // lowerRow0..lowerRow0+3 are locals 9-12; local 16 is unused.
  const [sum0, sum1, laneSum] = [17, 18, 19];
  const accumulator = 20; // 20-27: accumulator + 2·r + c for row r of the block and query c.
  const [query0Value, query1Value, lowerValue, zero] = [28, 29, 30, 31];

  const innerLoop = countedLoop(column, columnEnd, 16, [
    ...get(query0), ...get(column), ...op.i32Add, ...op.v128Load, ...set(query0Value),
    ...get(query1), ...get(column), ...op.i32Add, ...op.v128Load, ...set(query1Value),
    ...[0, 1, 2, 3].flatMap((r) => [
      ...get(lowerRow0 + r), ...get(column), ...op.i32Add, ...op.v128Load, ...set(lowerValue),
      ...get(accumulator + 2 * r), ...get(lowerValue), ...get(query0Value), ...op.f64x2Mul, ...op.f64x2Add,
      ...set(accumulator + 2 * r),
      ...get(accumulator + 2 * r + 1), ...get(lowerValue), ...get(query1Value), ...op.f64x2Mul, ...op.f64x2Add,
      ...set(accumulator + 2 * r + 1),
    ]),
  ]);

  const blockLoop = countedLoop(row0, stride, 4, [
    ...get(lowerAddress), ...get(row0), ...get(strideBytes), ...op.i32Mul, ...op.i32Add, ...set(lowerRow0),
    ...[1, 2, 3].flatMap((r) => [...get(lowerRow0 + r - 1), ...get(strideBytes), ...op.i32Add, ...set(lowerRow0 + r)]),
    ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((j) => [...get(zero), ...set(accumulator + j)]),
    // Row i of M is zero past column i: columns [0, row0 + 4) cover the block.
    ...get(row0), ...i32Const(4), ...op.i32Add, ...i32Const(3), ...op.i32Shl, ...set(columnEnd),
    ...innerLoop,
    ...[0, 1, 2, 3].flatMap((r) =>
      [0, 1].flatMap((c) => [
        ...get(accumulator + 2 * r + c), ...op.f64x2ExtractLane(0),
        ...get(accumulator + 2 * r + c), ...op.f64x2ExtractLane(1),
        ...op.f64Add, ...tee(laneSum), ...get(laneSum), ...op.f64Mul,
        ...get(c === 0 ? sum0 : sum1), ...op.f64Add, ...set(c === 0 ? sum0 : sum1),
      ]),
    ),
  ]);

  const body = [
    ...get(stride), ...i32Const(3), ...op.i32Shl, ...set(strideBytes),
    ...countedLoop(pair, pairs, 1, [
      ...get(rowsAddress), ...get(pair), ...get(strideBytes), ...op.i32Mul, ...i32Const(1), ...op.i32Shl, ...op.i32Add,
      ...tee(query0), ...get(strideBytes), ...op.i32Add, ...set(query1),
      ...op.f64Zero, ...set(sum0), ...op.f64Zero, ...set(sum1),
      ...blockLoop,
      ...get(outAddress), ...get(pair), ...i32Const(4), ...op.i32Shl, ...op.i32Add, ...get(sum0), ...op.f64Store(0),
      ...get(outAddress), ...get(pair), ...i32Const(4), ...op.i32Shl, ...op.i32Add, ...get(sum1), ...op.f64Store(8),
    ]),
  ];
  return singleFunctionModule('squaredNorms', 5, [[12, valueType.i32], [3, valueType.f64], [12, valueType.v128]], body);
}
