import type { Tensor2D, Tensor3D, Variable } from '@tensorflow/tfjs';

/** Widths a model is built for: fixed input and target slots and the vocabulary (PAD included). */
export interface ModelShape {
  inputWidth: number;
  targetWidth: number;
  vocabularySize: number;
}

/**
 * A learner that maps padded input ids to padded target ids: what training and evaluation need of a model.
 * Inputs are B x inputWidth int32 ids, targets B x targetWidth int32 ids, both padded as the task's layout says
 * (PAD_ID in unused slots). Methods allocate tensors: call them inside tidy.
 */
export interface Seq2SeqModel {
  readonly variables: readonly Variable[];
  /** Weight matrices that weight decay applies to (not biases, norms or position embeddings). */
  readonly decayed: readonly Variable[];
  readonly paramCount: number;
  /** Rows per evaluation pass (evaluateSplit): bounds its memory without costing many passes. */
  readonly evaluationRows: number;
  /**
   * Teacher-forced logits, B x targetWidth x vocabulary: slot t's scores for the target's id at t, given the input
   * and (for an autoregressive model) the target's ids before t. `dropoutSeed` given ⇒ training mode (dropout on).
   */
  logits(inputs: Tensor2D, targets: Tensor2D, dropoutSeed?: number): Tensor3D;
  /**
   * B x targetWidth float32 0/1: the target slots the loss counts, or null when every slot counts (the mean over
   * all slots is then the loss).
   */
  lossWeights(targets: Tensor2D): Tensor2D | null;
  /**
   * Predicted ids, B x targetWidth int32, padded like the targets, so that a row equals its target row exactly
   * when the decoded text is right. `teacherForced` is logits(inputs, targets) for the same rows (dropout off): a
   * model that never reads the target predicts from it; an autoregressive one decodes on its own instead.
   */
  predict(inputs: Tensor2D, teacherForced: Tensor3D): Tensor2D;
  dispose(): void;
}
