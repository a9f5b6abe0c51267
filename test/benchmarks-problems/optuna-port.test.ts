import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBenchmarkProblem, isMixedProblem, type BenchmarkProblem } from '../../benchmarks/problems/index.js';
import { compileSpace } from '../../src/space/index.js';
import type { Params } from '../../src/space/types.js';

const PORT_FOLDER = fileURLToPath(new URL('../../benchmarks/optuna/', import.meta.url));
const OPTUNA_PYTHON = process.env.STOPWISE_OPTUNA_PYTHON ?? '/work/venv-optuna/bin/python';

function runPython(python: string, script: string, args: string[] = [], input = ''): string {
  const result = spawnSync(python, [script, ...args], { cwd: PORT_FOLDER, input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${script}: ${result.stderr || result.error}`);
  return result.stdout;
}

function python3Available(): boolean {
  return spawnSync('python3', ['--version']).status === 0;
}

function optunaAvailable(): boolean {
  return existsSync(OPTUNA_PYTHON) && spawnSync(OPTUNA_PYTHON, ['-c', 'import optuna']).status === 0;
}

function evaluateInTypeScript(problem: BenchmarkProblem, params: Params): [number, number] {
  if (isMixedProblem(problem)) return problem.evaluate(params);
  return problem.evaluate(Float64Array.from({ length: problem.d }, (_, i) => params[`x${i}`] as number));
}

function expectClose(actual: readonly number[], expected: readonly number[], label: string): void {
  for (let k = 0; k < 2; k++) {
    expect(Math.abs(actual[k] - expected[k]), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[k])));
  }
}

/**
 * Every branch of the mixed problems, both rules of EarlyStopping6 (with both ends of minDelta), and a DTLZ2 point
 * (CurveReplay: through the Node evaluator, node_problems.py).
 */
const FIXED_RECIPES: { problem: string; params: Params }[] = [
  { problem: 'EarlyStopping', params: { batchSize: 32, learningRate: 0.002, width: 64, rule: 'fixed', epochs: 10 } },
  { problem: 'EarlyStopping', params: { batchSize: 16, learningRate: 0.0005, width: 200, rule: 'patience', patience: 3 } },
  { problem: 'EarlyStopping', params: { batchSize: 128, learningRate: 0.03, width: 20, rule: 'threshold', target: 0.85 } },
  { problem: 'EarlyStopping', params: { batchSize: 64, learningRate: 0.004, width: 40, rule: 'plateau', minDelta: 0.003 } },
  { problem: 'TokenBudget', params: { model: 'small', learningRate: 0.003, schedule: 'constant', tokens: 3e8, rule: 'budget' } },
  {
    problem: 'TokenBudget',
    params: { model: 'base', learningRate: 0.001, schedule: 'cosine', warmup: 0.05, tokens: 4e9, rule: 'patience', patience: 2 },
  },
  {
    problem: 'TokenBudget',
    params: { model: 'large', learningRate: 0.002, schedule: 'linear', warmup: 0.01, tokens: 8e9, rule: 'slope', minSlope: 0.004 },
  },
  { problem: 'DTLZ2', params: { x0: 0.3, x1: 0.1, x2: 0.2, x3: 0.3, x4: 0.4, x5: 0.5 } },
  { problem: 'EarlyStopping6', params: { batchSize: 32, learningRate: 0.002, width: 64, rule: 'patience', patience: 3, minDelta: 0 } },
  { problem: 'EarlyStopping6', params: { batchSize: 16, learningRate: 0.0005, width: 200, rule: 'patience', patience: 8, minDelta: 0.01 } },
  { problem: 'EarlyStopping6', params: { batchSize: 128, learningRate: 0.03, width: 20, rule: 'plateau', patience: 1, minDelta: 0 } },
  { problem: 'EarlyStopping6', params: { batchSize: 64, learningRate: 0.004, width: 40, rule: 'plateau', patience: 5, minDelta: 0.015 } },
  { problem: 'CurveReplay', params: { learningRateIndex: 5, width: 128, 'stopping.rule': 'none', 'stopping.evalEvery': 100000 } },
  {
    problem: 'CurveReplay',
    params: { learningRateIndex: 4, width: 64, 'stopping.rule': 'patience', 'stopping.evalEvery': 25000, 'stopping.warmup': 150000, 'stopping.patience': 3 },
  },
  {
    problem: 'CurveReplay',
    params: { learningRateIndex: 6, width: 128, 'stopping.rule': 'threshold', 'stopping.evalEvery': 50000, 'stopping.warmup': 0, 'stopping.target': 0.93 },
  },
  {
    problem: 'CurveReplay',
    params: {
      learningRateIndex: 3,
      width: 64,
      'stopping.rule': 'plateau',
      'stopping.evalEvery': 100000,
      'stopping.warmup': 500000,
      'stopping.window': 4,
      'stopping.tolerance': 0.02,
    },
  },
  {
    problem: 'CurveReplay',
    params: { learningRateIndex: 1, width: 64, 'stopping.rule': 'median', 'stopping.evalEvery': 50000, 'stopping.warmup': 300000, 'stopping.minPeers': 3 },
  },
  {
    problem: 'CurveReplay',
    params: { learningRateIndex: 7, width: 128, 'stopping.rule': 'extrapolate', 'stopping.evalEvery': 200000, 'stopping.warmup': 20000, 'stopping.margin': 0.01 },
  },
];

describe('Python ports of the benchmark problems (benchmarks/optuna)', () => {
  it.skipIf(!python3Available())('give the TypeScript values on a recipe of every branch', () => {
    const values: [number, number][] = JSON.parse(runPython('python3', 'evaluate.py', [], JSON.stringify(FIXED_RECIPES)));
    FIXED_RECIPES.forEach(({ problem, params }, i) => {
      expectClose(values[i], evaluateInTypeScript(findBenchmarkProblem(problem)!, params), `${problem} ${JSON.stringify(params)}`);
    });
  });

  it.skipIf(!optunaAvailable())('define the same spaces: every recipe Optuna samples is one of the TypeScript space, with its values', () => {
    const sampled: { problem: string; params: Params; values: [number, number] }[] = JSON.parse(
      runPython(OPTUNA_PYTHON, 'sample_recipes.py', ['40']),
    );
    const perProblem = new Map<string, number>();
    for (const { problem } of sampled) perProblem.set(problem, (perProblem.get(problem) ?? 0) + 1);
    expect([...perProblem.values()].every((count) => count === 40)).toBe(true);
    expect([...perProblem.keys()]).toEqual(expect.arrayContaining(['EarlyStopping', 'TokenBudget', 'EarlyStopping6', 'CurveReplay', 'DTLZ2']));
    const rules = new Set<string>();
    const expectedRules = new Set<string>();
    for (const { problem: name, params, values } of sampled) {
      const problem = findBenchmarkProblem(name)!;
      if (isMixedProblem(problem)) {
        expect(compileSpace(problem.space, name).isFeasible(params), `${name} ${JSON.stringify(params)}`).toBe(true);
        const ruleKey = 'rule' in problem.space.params ? 'rule' : 'stopping.rule';
        const rule = problem.space.params[ruleKey];
        if (rule?.type === 'categorical') {
          rules.add(`${name}:${String(params[ruleKey])}`);
          for (const choice of rule.choices) expectedRules.add(`${name}:${choice}`);
        }
      }
      expectClose(values, evaluateInTypeScript(problem, params), `${name} ${JSON.stringify(params)}`);
    }
    // Every stopping rule of every mixed problem was reached (each conditional branch, where a rule has one).
    expect(rules).toEqual(expectedRules);
  });
});
