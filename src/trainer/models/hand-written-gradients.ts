import type { GradSaveFunc, Tensor, Tensor2D, Tensor4D } from '@tensorflow/tfjs';
import type { TfModule } from '../backend.js';

/**
 * Layers whose gradients are written out instead of left to tfjs' autodiff. Each computes exactly what its
 * composition of tfjs ops computes (the same ops in the same order), and its gradient agrees with tfjs' own to float32
 * rounding (test/trainer/models/hand-written-gradients.test.ts); what changes is the number of kernels a training
 * step runs. Autodiff differentiates every op on its own: an add or multiply costs a reshape per input (and a sum
 * per broadcast one), every saved input a clone, ReLU's gradient a six-kernel `step`. On tfjs-node each kernel
 * costs tens of microseconds whatever its size, which dominates the Transformer's step at its default widths
 * (measured with `npm run bench -- trainer --profile`).
 */
export interface HandWrittenGradients {
  /**
   * LayerNorm over the last axis of rows N x E with scale and shift E (Ba et al., "Layer Normalization", 2016,
   * eq. 4, population variance, `epsilon` added to it). Backward 11 kernels.
   */
  layerNorm(x: Tensor2D, scale: Tensor, shift: Tensor): Tensor2D;
  /** max(x, 0), with gradient dy where x > 0 and 0 elsewhere (tfjs' own choice at 0). Backward 3 kernels (autodiff: 8). */
  relu(x: Tensor2D): Tensor2D;
  /** x·W + b for rows N x I, W I x O and b O. Backward 3 kernels (autodiff: 5, and two more inputs cloned). */
  linear(x: Tensor2D, weights: Tensor, bias: Tensor): Tensor2D;
  /** a + b for two tensors of one shape (a residual connection): dy flows to both as it is (autodiff: a reshape each). */
  residual(a: Tensor2D, b: Tensor2D): Tensor2D;
  /**
   * softmax(Q·Kᵀ·scale + bias)·V over B x heads x T x E/heads queries, keys and values; `bias` (broadcast to the
   * scores, B x 1 x Tq x Tk or 1 x 1 x Tq x Tk) is a constant: no gradient flows to it. Backward 9 kernels.
   */
  attention(queries: Tensor4D, keys: Tensor4D, values: Tensor4D, bias: Tensor, scale: number): Tensor4D;
}

export function createHandWrittenGradients(tf: TfModule, epsilon: number): HandWrittenGradients {
  const layerNorm = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const [x, scale, shift, save] = args as [Tensor2D, Tensor, Tensor, GradSaveFunc];
    const mean = tf.mean(x, -1, true);
    const centered = tf.sub(x, mean);
    const inverseDeviation = tf.rsqrt(tf.add(tf.mean(tf.square(centered), -1, true), epsilon));
    const normalized = tf.mul(centered, inverseDeviation);
    save([normalized, inverseDeviation, scale]);
    return {
      value: tf.add(tf.mul(normalized, scale), shift) as Tensor2D,
      // With x̂ the normalized rows, r = 1/√(σ² + ε) and g = dy·scale: dx = r·(g − mean(g) − x̂·mean(g·x̂)) per row,
      // dscale = Σ_rows dy·x̂, dshift = Σ_rows dy (Ba et al. 2016; the per-row form of Ioffe & Szegedy, "Batch
      // Normalization", ICML 2015, section 3).
      gradFunc: (dy: Tensor2D, saved: Tensor[]) => {
        const [normalized, inverseDeviation, scale] = saved;
        const g = tf.mul(dy, scale);
        const projection = tf.mul(normalized, tf.mean(tf.mul(g, normalized), -1, true));
        const dx = tf.mul(tf.sub(tf.sub(g, tf.mean(g, -1, true)), projection), inverseDeviation);
        return [dx, tf.sum(tf.mul(dy, normalized), 0), tf.sum(dy, 0)];
      },
    };
  });

  const relu = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const [x, save] = args as [Tensor2D, GradSaveFunc];
    const y = tf.relu(x);
    save([y]);
    return {
      value: y,
      // y > 0 exactly where x > 0.
      gradFunc: (dy: Tensor2D, [y]: Tensor[]) => tf.mul(dy, tf.cast(tf.greater(y, 0), 'float32')),
    };
  });

  const linear = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const [x, weights, bias, save] = args as [Tensor2D, Tensor2D, Tensor, GradSaveFunc];
    save([x, weights]);
    return {
      value: tf.add(tf.matMul(x, weights), bias) as Tensor2D,
      gradFunc: (dy: Tensor2D, [x, weights]: Tensor[]) => [
        tf.matMul(dy, weights as Tensor2D, false, true),
        tf.matMul(x as Tensor2D, dy, true, false),
        tf.sum(dy, 0),
      ],
    };
  });

  const residual = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const [a, b] = args as [Tensor2D, Tensor2D];
    // A copy for b: the engine disposes a gradient once it has added it into another, so two inputs must not share one.
    return { value: tf.add(a, b) as Tensor2D, gradFunc: (dy: Tensor2D) => [dy, tf.clone(dy)] };
  });

  const attention = (queries: Tensor4D, keys: Tensor4D, values: Tensor4D, bias: Tensor, scale: number): Tensor4D =>
    tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
      const [q, k, v, save] = args as [Tensor4D, Tensor4D, Tensor4D, GradSaveFunc];
      const probabilities = tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), scale), bias));
      save([q, k, v, probabilities]);
      return {
        value: tf.matMul(probabilities, v) as Tensor4D,
        // P = softmax(S): dV = Pᵀ·dy, dP = dy·Vᵀ, dS = P ⊙ (dP − rowsum(dP ⊙ P)) (tfjs' softmax gradient, in its
        // order), times the scale; dQ = dS·K, dK = dSᵀ·Q.
        gradFunc: (dy: Tensor4D, saved: Tensor[]) => {
          const [q, k, v, p] = saved as Tensor4D[];
          const dyTimesP = tf.mul(tf.matMul(dy, v, false, true), p);
          const dScores = tf.mul(tf.sub(dyTimesP, tf.mul(tf.sum(dyTimesP, -1, true), p)), scale) as Tensor4D;
          return [tf.matMul(dScores, k), tf.matMul(dScores, q, true, false), tf.matMul(p, dy, true, false)];
        },
      };
    })(queries, keys, values);

  return {
    layerNorm: (x, scale, shift) => layerNorm(x, scale, shift),
    relu: (x) => relu(x),
    linear: (x, weights, bias) => linear(x, weights, bias),
    residual: (a, b) => residual(a, b),
    attention,
  };
}
