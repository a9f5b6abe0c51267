/**
 * Fine-grid measurements (GridCurve) as compact binary, all little-endian float64 so that every value (NaN and
 * ±Infinity in a diverged run's dev loss included) reads back exactly, as replaying a stopping rule on it must
 * reproduce the live run:
 *
 * - a header of 4 numbers: every, devTokens, heldOutTokens, measurementTokens;
 * - then the 4 columns of n numbers each, one after the other: trainingTokens, devEm, devLoss, heldOutEm.
 *
 * 32 + 32·n bytes for n points, against about 90 bytes a point as JSON.
 */
import type { GridCurve } from '../trainer/results.js';

const HEADER_NUMBERS = 4;
const COLUMNS = 4;
const BYTES = 8;

/** Encodes a grid of n points (every column of length n) as 4 + 4·n float64 values. Cost: O(n). */
export function encodeGrid(grid: GridCurve): Buffer {
  const { every, devTokens, heldOutTokens, measurementTokens, trainingTokens, devEm, devLoss, heldOutEm, ...rest } = grid;
  // Fails to compile when GridCurve gains a field: the format must change (with a schema migration).
  const unstored: Record<string, never> = rest;
  void unstored;
  const columns = [trainingTokens, devEm, devLoss, heldOutEm];
  const n = trainingTokens.length;
  if (columns.some((column) => column.length !== n)) {
    throw new Error(`grid columns differ in length (${columns.map((column) => column.length).join(', ')} points)`);
  }
  const buffer = Buffer.alloc((HEADER_NUMBERS + COLUMNS * n) * BYTES);
  [every, devTokens, heldOutTokens, measurementTokens].forEach((value, i) => buffer.writeDoubleLE(value, i * BYTES));
  columns.forEach((column, c) => {
    const start = (HEADER_NUMBERS + c * n) * BYTES;
    column.forEach((value, i) => buffer.writeDoubleLE(value, start + i * BYTES));
  });
  return buffer;
}

/** Decodes a buffer written by encodeGrid; throws on a length no grid has or a grid step that is not positive. Cost: O(n). */
export function decodeGrid(buffer: Uint8Array): GridCurve {
  const headerBytes = HEADER_NUMBERS * BYTES;
  const pointBytes = COLUMNS * BYTES;
  if (buffer.byteLength < headerBytes || (buffer.byteLength - headerBytes) % pointBytes !== 0) {
    throw new Error(`stored grid has ${buffer.byteLength} bytes, not ${headerBytes} plus a multiple of ${pointBytes}`);
  }
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const n = (buffer.byteLength - headerBytes) / pointBytes;
  const column = (c: number): number[] => {
    const start = (HEADER_NUMBERS + c * n) * BYTES;
    const values: number[] = new Array(n);
    for (let i = 0; i < n; i++) values[i] = view.getFloat64(start + i * BYTES, true);
    return values;
  };
  const every = view.getFloat64(0, true);
  if (!(every > 0 && Number.isFinite(every))) throw new Error(`stored grid has step ${every}, not a positive number of tokens`);
  return {
    every,
    devTokens: view.getFloat64(BYTES, true),
    heldOutTokens: view.getFloat64(2 * BYTES, true),
    trainingTokens: column(0),
    devEm: column(1),
    devLoss: column(2),
    heldOutEm: column(3),
    measurementTokens: view.getFloat64(3 * BYTES, true),
  };
}
