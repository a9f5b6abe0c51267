import type { TfModule } from '../backend.js';
import type { TrainingConfig } from '../hyperparameters.js';
import { createSlotModel, slotModelParameterCount } from './slot.js';
import { createTransformerModel, transformerParameterCount } from './transformer.js';
import type { ModelShape, Seq2SeqModel } from './types.js';

export type { ModelShape, Seq2SeqModel } from './types.js';

/** Builds the model `config.model` names, its weights drawn from `seed`. Cost: O(parameters). */
export function createModel(tf: TfModule, shape: ModelShape, config: TrainingConfig, seed: number): Seq2SeqModel {
  return config.model === 'transformer' ? createTransformerModel(tf, shape, config, seed) : createSlotModel(tf, shape, config, seed);
}

/** Trainable parameters of the model `config.model` names, for this shape (no tensors needed). */
export function modelParameterCount(shape: ModelShape, config: TrainingConfig): number {
  return config.model === 'transformer' ? transformerParameterCount(shape, config) : slotModelParameterCount(shape, config);
}
