import type { TrainingConfig } from './training-config.js';

// Placeholder numbers, replaced by measured ones below once tuned.
export const DEFAULT_TRAINING: TrainingConfig = {
  learningRate: 0.003,
  batchSize: 64,
  width: 256,
  depth: 2,
  embedding: 64,
  heads: 8,
  dropout: 0,
  weightDecay: 0,
  optimizer: 'adam',
};
