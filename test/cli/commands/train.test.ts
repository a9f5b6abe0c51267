import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, TINY_SPACE } from '../../helpers/cli.js';
import { timeoutFor } from '../../helpers/timeouts.js';

const dir = mkdtempSync(join(tmpdir(), 'stopwise-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stopwise train', () => {
  it('reports the parameters without a usable default in one line, before loading TensorFlow', async () => {
    const space = join(dir, 'no-defaults.json');
    writeFileSync(
      space,
      JSON.stringify({
        name: 'no-defaults',
        task: { name: 'addition', digits: 2, examples: 400, seed: 1 },
        folds: 2,
        budget: { maxTokensPerRun: 24000 },
        objectives: [{ name: 'tokens', direction: 'minimize' }, { name: 'em', direction: 'maximize' }],
        params: {
          // The trainer's default optimizer (adamw) is not among these choices; its width (128) moves to the nearest
          // numeric choice and its learning rate is clamped into range.
          width: { type: 'categorical', choices: [32, 48] },
          optimizer: { type: 'categorical', choices: ['sgd-momentum', 'rmsprop'] },
          learningRate: { type: 'float', low: 0.001, high: 0.01, log: true },
        },
      }),
    );
    const run = await runCli(['train', space, '--params', '{}']);
    expect(run.status).toBe(2);
    // Exactly one line: TensorFlow, had it loaded, would have printed its start-up lines on stderr first.
    expect(run.stderr).toBe(`stopwise: --params: give "optimizer": the trainer has no default for it among the values of ${space}\n`);
  });

  it('prints the line a JSONL task dropped as too long, with the rest of what the data holds', { timeout: timeoutFor({ trainings: 2, tokens: 2000, starts: 3 }) }, async () => {
    const lines = Array.from({ length: 150 }, (_, i) => JSON.stringify({ input: i === 40 ? 'x'.repeat(50) : `n${i}`, target: `${i % 10}` }));
    writeFileSync(join(dir, 'long-line.jsonl'), `${lines.join('\n')}\n`);
    const space = JSON.parse(readFileSync(TINY_SPACE, 'utf8')) as Record<string, any>;
    Object.assign(space, { task: { name: 'jsonl', path: 'long-line.jsonl' }, budget: { maxTokensPerRun: 2000 } });
    writeFileSync(join(dir, 'long-line.json'), JSON.stringify(space));
    const run = await runCli(['train', join(dir, 'long-line.json'), '--params', '{"width": 32}']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^data: .*long-line\.jsonl: dropped 1 of 150 examples longer than 8 \(input\) or 2 \(target\) characters .*: line 41$/m);
    expect(run.stdout).toMatch(/^data: 149 distinct lines; /m);
  });
});
