import { describe, expect, it } from 'vitest';
import { lossesAgree, mirrorLosses, parseTrainerThroughputArguments, pytorchAvailable } from '../../benchmarks/trainer-throughput.js';
import { timeoutFor } from '../helpers/timeouts.js';

/** Training steps the mirror test takes on each side: enough for the warm-up, the decay and AdamW to matter. */
const MIRROR_STEPS = 10;
/**
 * Relative difference allowed between the two sides' losses after MIRROR_STEPS steps: float32 rounding compounds
 * through the updates (measured: 1e-6 for the Transformer, 2e-4 for the slot model after 20 steps), while a
 * schedule or optimizer that differs (no warm-up, decay on other weights) moves the loss by percents.
 */
const TRAINED_TOLERANCE = 1e-3;

describe('trainer throughput benchmark', () => {
  it('reads its flags', () => {
    expect(parseTrainerThroughputArguments(['--models', 'transformer', '--threads', '2', '--rounds', '3', '--jsonl', 'a.jsonl'])).toEqual({
      models: ['transformer'],
      threads: 2,
      rounds: 3,
      jsonl: 'a.jsonl',
    });
    expect(parseTrainerThroughputArguments(['--profile'])).toEqual({ profile: 'tensorflow' });
    expect(() => parseTrainerThroughputArguments(['--models', 'rnn'])).toThrow(/--models: unknown model rnn/);
    expect(() => parseTrainerThroughputArguments(['--threads', '0'])).toThrow(/--threads: expected a positive integer/);
    expect(() => parseTrainerThroughputArguments(['--epochs', '3'])).toThrow(/unknown option --epochs/);
  });

  it('counts losses as the same function only to float32 rounding', () => {
    expect(lossesAgree(4.304982662200928, 4.304982662200928)).toBe(true);
    expect(lossesAgree(4.3049826, 4.3049831)).toBe(true);
    expect(lossesAgree(4.30498, 4.30598)).toBe(false);
    expect(lossesAgree(0.0001, 0.000105)).toBe(true); // absolute below a loss of 1
  });

  // The PyTorch twins (benchmarks/pytorch/) must compute what the trainer's models compute, or the ratio compares
  // different work: same initial weights and batch ⇒ same first-batch loss, and the same losses after a few steps.
  describe.skipIf(!pytorchAvailable())('PyTorch mirror (python3-torch installed)', () => {
    for (const model of ['transformer', 'slot'] as const) {
      it(
        `computes the ${model} model's loss and training steps`,
        async () => {
          const { tfjs, pytorch } = await mirrorLosses(model, MIRROR_STEPS);
          expect(lossesAgree(tfjs.initial, pytorch.initial), `first-batch loss: tfjs ${tfjs.initial}, pytorch ${pytorch.initial}`).toBe(true);
          expect(tfjs.trained).toBeLessThan(tfjs.initial);
          expect(Math.abs(tfjs.trained - pytorch.trained) / tfjs.trained, `loss after ${MIRROR_STEPS} steps: tfjs ${tfjs.trained}, pytorch ${pytorch.trained}`).toBeLessThan(TRAINED_TOLERANCE);
        },
        timeoutFor({ trainings: 1, tokens: MIRROR_STEPS * 3000, starts: 2 }),
      );
    }
  });
});
