import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'stopwise-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stopwise train', () => {
  it('reports every parameter without a usable default at once, in one line, before loading TensorFlow', async () => {
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
          // The trainer's defaults (width 128, optimizer adamw) are not among these choices; its learning rate is
          // clamped into range.
          width: { type: 'categorical', choices: [32, 48] },
          optimizer: { type: 'categorical', choices: ['sgd-momentum', 'rmsprop'] },
          learningRate: { type: 'float', low: 0.001, high: 0.01, log: true },
        },
      }),
    );
    const run = await runCli(['train', space, '--params', '{}']);
    expect(run.status).toBe(2);
    // Exactly one line: TensorFlow, had it loaded, would have printed its start-up lines on stderr first.
    expect(run.stderr).toBe(`stopwise: --params: give "width", "optimizer": the trainer has no default for them among the values of ${space}\n`);
  });
});
