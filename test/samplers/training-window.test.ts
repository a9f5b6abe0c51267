import { describe, expect, it } from 'vitest';
import { nearFrontOrder, TrainingWindow } from '../../src/samplers/training-window.js';

describe('nearFrontOrder', () => {
  it('puts the front first, then rows by how far they must improve to leave domination', () => {
    const rows = [
      [0.5, 0.5], // 0: trails row 3 by 0.1 in both (ranges are 1): distance 0.1
      [0, 1], // 1: front
      [1, 0], // 2: front
      [0.4, 0.4], // 3: front
      [0.9, 0.9], // 4: distance 0.5 (to row 3)
      [0.45, 0.8], // 5: distance 0.4 (to row 3: max(0.05, 0.4); to row 1: 0.45; to row 2: 0.8)
    ];
    expect(nearFrontOrder(rows, 6)).toEqual([1, 2, 3, 0, 5, 4]);
    expect(nearFrontOrder(rows, 3)).toEqual([1, 2, 3]);
  });

  it('orders one objective by value', () => {
    expect(nearFrontOrder([[3], [1], [2], [1]], 3)).toEqual([1, 3, 2]);
  });

  it('measures each objective relative to its range', () => {
    // Objective 2 spans 100 times objective 1's range. Rows 2 and 3 each trail row 0 by half a range (in
    // objective 1 and objective 2): a tie, broken by index, and both ahead of row 1.
    const rows = [
      [0, 0],
      [1, 100],
      [0.5, 1],
      [0.01, 50],
    ];
    expect(nearFrontOrder(rows, 4)).toEqual([0, 2, 3, 1]);
  });
});

describe('TrainingWindow', () => {
  it('keeps every observation while there are no more than its size', () => {
    const window = new TrainingWindow({ size: 5, reselectEvery: 2 });
    const ids = [0, 1, 2, 3, 4];
    expect(window.select(ids, ids.map((id) => [id, -id]))).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps the chosen observations plus every new one until enough have arrived to choose again', () => {
    const window = new TrainingWindow({ size: 3, reselectEvery: 2 });
    // Lower is better in both objectives; ids 10..15 with the best rows at ids 12, 14 and 15.
    const rows: Record<number, number[]> = { 10: [5, 5], 11: [6, 6], 12: [1, 1], 13: [7, 7], 14: [2, 2], 15: [3, 0.5] };
    const select = (ids: number[]) => window.select(ids, ids.map((id) => rows[id])).map((i) => ids[i]);
    expect(select([10, 11, 12, 13, 14, 15])).toEqual([12, 14, 15]);
    rows[16] = [9, 9];
    // One arrival: kept although it is far from the front; the chosen three stay.
    expect(select([10, 11, 12, 13, 14, 15, 16])).toEqual([12, 14, 15, 16]);
    rows[17] = [0, 9];
    // Two arrivals: chosen again, and 16 is dropped.
    expect(select([10, 11, 12, 13, 14, 15, 16, 17])).toEqual([12, 15, 17]);
  });
});
