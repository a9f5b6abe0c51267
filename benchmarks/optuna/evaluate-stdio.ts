/**
 * Evaluates recipes of a mixed benchmark problem for another process: reads one JSON object
 * {"problem": NAME, "params": {...}} per line on stdin and writes the problem's `evaluate` as one JSON line
 * [f1, f2] per request, in order (or {"error": message} for a request it cannot evaluate). problems.py runs it once
 * and keeps it, so that Optuna optimizes the TypeScript function itself where a Python port would be a second copy
 * (CurveReplay replays the curve bank with src/replay).
 *
 *   node bin/run-ts.js benchmarks/optuna/evaluate-stdio.ts
 */
import { createInterface } from 'node:readline';
import { findBenchmarkProblem, isMixedProblem } from '../problems/index.js';

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer: unknown;
  try {
    const request = JSON.parse(line) as { problem: string; params: Record<string, number | string | boolean> };
    const problem = findBenchmarkProblem(request.problem);
    if (!problem || !isMixedProblem(problem)) throw new Error(`unknown mixed problem ${request.problem}`);
    answer = problem.evaluate(request.params);
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
