export type OptimizerName = 'adam' | 'adamw' | 'sgd-momentum' | 'rmsprop';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['adam', 'adamw', 'sgd-momentum', 'rmsprop'];

/**
 * Training hyperparameters of one run. Every name is a recipe parameter of the same name; one missing from a
 * recipe takes its value in DEFAULT_TRAINING (defaults.ts); training-config.ts checks a recipe's values.
 */
export interface TrainingConfig {
  /** Step size of the optimizer at the start of training. */
  learningRate: number;
  /**
   * Training tokens over which the learning rate halves (exponential decay, lr · 2^(−tokens/halfLife)); 0 keeps it
   * constant. A schedule in tokens, not in budget fractions, so a run's trajectory does not depend on its budget —
   * what lets a stopping rule find a real plateau (the model settles instead of wandering at a constant step).
   */
  learningRateHalfLife: number;
  /** Examples per training step. */
  batchSize: number;
  /** Hidden units of each layer of the per-position MLP. */
  width: number;
  /** Hidden layers of the per-position MLP (0: a linear read-out of the routed embedding). */
  depth: number;
  /** Size of the character and position embeddings; a multiple of `heads`. */
  embedding: number;
  /** Routing heads: each moves its own embedding-width/heads channels from input slots to output slots. */
  heads: number;
  /** Probability of zeroing a hidden unit during training (inverted dropout; off at evaluation). */
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
