export type OptimizerName = 'adam' | 'adamw' | 'sgd-momentum' | 'rmsprop';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['adam', 'adamw', 'sgd-momentum', 'rmsprop'];
/** The learners models/index.ts can build (models/slot.ts, models/transformer.ts say what each can learn). */
export type ModelName = 'slot' | 'transformer';
export const MODEL_NAMES: readonly ModelName[] = ['slot', 'transformer'];

/**
 * Training hyperparameters of one run. Every name is a recipe parameter of the same name; one missing from a
 * recipe takes its value in DEFAULT_TRAINING (defaults.ts); training-config.ts checks a recipe's values.
 */
export interface TrainingConfig {
  /** Which learner trains: `slot` (the routed MLP) or `transformer` (a small prefix-LM Transformer). */
  model: ModelName;
  /** Step size of the optimizer at the start of training. */
  learningRate: number;
  /**
   * Training tokens over which the learning rate halves (exponential decay, lr · 2^(−tokens/halfLife)); 0 keeps it
   * constant. A schedule in tokens, not in budget fractions, so a run's trajectory does not depend on its budget —
   * what lets a stopping rule find a real plateau (the model settles instead of wandering at a constant step).
   */
  learningRateHalfLife: number;
  /**
   * Training tokens over which the learning rate rises linearly from 0 to `learningRate` (0: no warm-up). A
   * Transformer's Adam steps are unstable before the second-moment estimates settle; a warm-up avoids that
   * (Vaswani et al., "Attention Is All You Need", NeurIPS 2017, section 5.3).
   */
  warmupTokens: number;
  /** Examples per training step. */
  batchSize: number;
  /** Slot model: hidden units of each layer of the per-position MLP. */
  width: number;
  /**
   * Slot model: hidden layers of the per-position MLP (0: a linear read-out of the routed embedding).
   * Transformer: blocks (attention + feed-forward) in the stack.
   */
  depth: number;
  /** Size of the character and position embeddings (the Transformer's model width); a multiple of `heads`. */
  embedding: number;
  /**
   * Slot model: routing heads, each moving its own embedding/heads channels from input slots to output slots.
   * Transformer: attention heads, each of embedding/heads channels.
   */
  heads: number;
  /** Transformer: hidden units of each block's feed-forward layer (the slot model ignores it). */
  feedForward: number;
  /** Probability of zeroing a hidden unit (the Transformer: also attention and feed-forward outputs and embeddings) during training (inverted dropout; off at evaluation). */
  dropout: number;
  /**
   * Weight decay on weight matrices (not biases): decoupled, w ← w·(1 − learningRate·weightDecay) after each step,
   * for `adamw` (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019); an L2 penalty
   * weightDecay/2·‖w‖² added to the loss for the other optimizers.
   */
  weightDecay: number;
  /** adam, adamw (adam + decoupled decay), sgd-momentum (momentum 0.9), rmsprop. */
  optimizer: OptimizerName;
}
