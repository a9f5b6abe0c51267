import type { TaskSpec } from './tasks/types.js';
import type { TrainingConfig } from './training-config.js';

// Placeholder numbers, replaced by measured ones below once tuned.
export const DEFAULT_TASK_SPEC: TaskSpec = { name: 'addition', digits: 3, examples: 12000, seed: 7 };
export const DEFAULT_BUDGET_TOKENS = 1_500_000;
export const DEFAULT_FOLDS = 3;
export const DEFAULT_SEED = 0;

export const DEFAULT_TRAINING: TrainingConfig = {
  learningRate: 0.006,
  batchSize: 128,
  width: 256,
  depth: 2,
  embedding: 64,
  heads: 16,
  dropout: 0,
  weightDecay: 0.1,
  optimizer: 'adamw',
};
