import { describe, expect, it } from 'vitest';
import { partitionTask } from '../../src/trainer/partition.js';
import type { Example } from '../../src/trainer/tasks/types.js';

describe('partitionTask', () => {
  it('holds out about testFraction of the lines, fixed by the seed', () => {
    const examples: Example[] = Array.from({ length: 1000 }, (_, i) => ({ input: `${i}`, target: `${2 * i}` }));
    const partition = partitionTask(examples, 3, 0.2);
    expect(partition.testIdx.length).toBe(200);
    expect(partition.searchIdx.length).toBe(800);
    expect(new Set([...partition.searchIdx, ...partition.testIdx]).size).toBe(1000);
    expect(Array.from(partitionTask(examples, 3, 0.2).testIdx)).toEqual(Array.from(partition.testIdx));
    expect(Array.from(partitionTask(examples, 4, 0.2).testIdx)).not.toEqual(Array.from(partition.testIdx));
  });

  it('removes repeated (input, target) lines and counts them', () => {
    // 1,200 copies of one line among 300 distinct ones: only its first copy stays.
    const examples: Example[] = [
      ...Array.from({ length: 300 }, (_, i) => ({ input: `x${i}`, target: `y${i}` })),
      ...Array.from({ length: 1200 }, () => ({ input: 'same', target: 'line' })),
    ];
    const partition = partitionTask(examples, 0, 0.2);
    expect(partition.duplicatesRemoved).toBe(1199);
    const kept = [...partition.searchIdx, ...partition.testIdx];
    expect(kept.length).toBe(301);
    expect(kept.filter((i) => examples[i].input === 'same')).toHaveLength(1);
    expect(partition.groupOf.filter((g) => g === -1)).toHaveLength(1199);
  });

  it('never puts one input on both sides', () => {
    // Each input has three different targets (e.g. several correct answers).
    const examples: Example[] = Array.from({ length: 600 }, (_, i) => ({ input: `q${i % 200}`, target: `t${i}` }));
    const partition = partitionTask(examples, 9, 0.25);
    const testInputs = new Set(Array.from(partition.testIdx, (i) => examples[i].input));
    for (const i of partition.searchIdx) expect(testInputs.has(examples[i].input)).toBe(false);
    expect(partition.testIdx.length).toBe(150);
  });

  it('refuses a test fraction outside (0, 0.5] and a task too small to split', () => {
    const examples: Example[] = Array.from({ length: 10 }, (_, i) => ({ input: `${i}`, target: `${i}` }));
    expect(() => partitionTask(examples, 0, 0)).toThrow(RangeError);
    expect(() => partitionTask(examples, 0, 0.6)).toThrow(RangeError);
    expect(() => partitionTask([{ input: 'a', target: 'b' }], 0, 0.2)).toThrow(/too few distinct examples/);
  });
});
