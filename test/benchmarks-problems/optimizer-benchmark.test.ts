import { describe, expect, it } from 'vitest';
import { runOptimizerBenchmark, temperingVariants } from '../../benchmarks/optimizer.js';
import { earlyStopping } from '../../benchmarks/problems/index.js';

describe('optimizer benchmark on a mixed problem', () => {
  it('runs the seeds of the range it is given through the study and scores each run against the maximum', async () => {
    const lines: string[] = [];
    const report = await runOptimizerBenchmark({
      problems: [earlyStopping],
      samplers: ['random'],
      seeds: 2,
      seedFrom: 100,
      quick: true,
      skipLatency: true,
      log: (line) => lines.push(line),
    });
    const [row] = report.quality;
    expect(row.problem).toBe('EarlyStopping');
    expect(row.seeds).toEqual([100, 101]);
    expect(row.hypervolumes[50]).toHaveLength(2);
    for (const volume of row.hypervolumes[50]) {
      expect(volume).toBeGreaterThan(0);
      expect(volume).toBeLessThan(earlyStopping.maxHypervolume);
    }
    expect(row.hypervolumes[50][0]).not.toBe(row.hypervolumes[50][1]);
    expect(lines[0]).toContain('seeds 100–101');
  });

  it('names a gp-ehvi variant per tempering', () => {
    expect(temperingVariants([0.25, 1])).toEqual({
      'gp-ehvi-sd0.25': { effort: { ehviSdScale: 0.25 } },
      'gp-ehvi-sd1': { effort: { ehviSdScale: 1 } },
    });
  });
});
