import type { Tensor, Tensor2D, Tensor3D, Tensor4D, Variable } from '@tensorflow/tfjs';
import { createRng } from '../../random/rng.js';
import type { TfModule } from '../backend.js';
import type { TrainingConfig } from '../hyperparameters.js';
import { PAD_ID } from '../tokenizer.js';
import { createHandWrittenGradients } from './hand-written-gradients.js';
import type { ModelShape, Seq2SeqModel } from './types.js';
import { normalWeights, ones, zeros } from './weights.js';

/** Added to the attention score of a masked key: exp of it is 0 in float32, and it stays finite (no NaN). */
const MASKED_SCORE = -1e9;
/** LayerNorm's ε (Ba et al., "Layer Normalization", 2016), as PyTorch's default. */
const NORM_EPSILON = 1e-5;
/** Standard deviation of the token and position embeddings (GPT-2's initialization, Radford et al. 2019). */
const EMBEDDING_SCALE = 0.02;

interface Block {
  attentionNorm: { scale: Variable; shift: Variable };
  /** [E, 3E]: queries, keys and values of every head in one product. */
  queryKeyValue: Variable;
  /** [E, E]: the heads' outputs back to the residual stream. */
  attentionOut: Variable;
  feedForwardNorm: { scale: Variable; shift: Variable };
  hidden: { weights: Variable; bias: Variable };
  out: { weights: Variable; bias: Variable };
}

/** Keys and values of one block for the positions decoded so far, B x heads x positions x E/heads each. */
interface BlockCache {
  keys: Tensor4D;
  values: Tensor4D;
}

/** The Transformer, with its second way of decoding. */
export interface TransformerModel extends Seq2SeqModel {
  /** What `predict` returns, decoded by recomputing the whole prefix at every step instead of from a cache. */
  predictRecomputing(inputs: Tensor2D): Tensor2D;
}

/**
 * A small Transformer (Vaswani et al., "Attention Is All You Need", NeurIPS 2017) over characters, decoder-only
 * over `input ⟂ target` as a prefix LM (Raffel et al., "Exploring the Limits of Transfer Learning…", JMLR 2020,
 * section 3.2.1): the input's positions attend to each other in both directions, a target position attends to the
 * whole input and to the target positions before it, and position t of the target sequence [BOS, y₀ … y_{W−2}]
 * predicts y_t. One stack instead of an encoder and a decoder: half the kernels per step at equal depth, and on
 * tfjs-node each kernel costs ~50 µs whatever its size, which dominates at these widths. Since the input part
 * never sees the target, it is computed once when decoding, as an encoder's output would be.
 *
 * Layout: token embedding (PAD, the task's characters, BOS) + learned positions, one table for input positions and
 * one for target positions, so the target's positions do not move with the input's width; `depth` pre-LayerNorm
 * blocks (Xiong et al., "On Layer Normalization in the Transformer Architecture", ICML 2020): x + Attention(LN(x)),
 * then x + FeedForward(LN(x)) with ReLU; a final LayerNorm and a linear read-out to the vocabulary. Dropout (with
 * explicit seeds, so masks are the same on every backend) on the embeddings and on each sub-layer's output.
 *
 * Padding: input PAD positions are masked as attention keys. A target is its ids up to the last non-PAD one and
 * the PAD after it, which stands for end-of-sequence; later slots are masked in the loss (lossWeights) and, by
 * causality, never seen by a counted position. A right-aligned target's leading PADs are part of the sequence.
 *
 * What it can learn: any character mapping whose output needs the input's content wherever it sits (reordering
 * words, reformatting dates, copying), at the cost of a decoding loop of targetWidth steps at evaluation.
 *
 * Weights: drawn from `seed` by the project's generator; LeCun-normal for linear maps, the residual outputs scaled
 * by 1/√(2·depth) (GPT-2), embeddings N(0, 0.02²). Cost of a training step: O(B·(L²·E + L·E·(E + feedForward)))
 * with L = inputWidth + targetWidth.
 */
export function createTransformerModel(tf: TfModule, shape: ModelShape, config: TrainingConfig, seed: number): TransformerModel {
  const { inputWidth, targetWidth, vocabularySize } = shape;
  const { embedding, heads, depth, feedForward, dropout } = config;
  const headSize = embedding / heads;
  /** Id of the begin-of-sequence token the decoder starts from: one past the task's vocabulary. */
  const begin = vocabularySize;
  const rng = createRng(seed);
  const tokenEmbedding = normalWeights(tf, [vocabularySize + 1, embedding], EMBEDDING_SCALE, rng);
  const inputPositions = normalWeights(tf, [inputWidth, embedding], EMBEDDING_SCALE, rng);
  const targetPositions = normalWeights(tf, [targetWidth, embedding], EMBEDDING_SCALE, rng);
  const residualScale = 1 / Math.sqrt(2 * Math.max(1, depth));
  const norm = () => ({ scale: ones(tf, [embedding]), shift: zeros(tf, [embedding]) });
  const blocks: Block[] = [];
  for (let index = 0; index < depth; index++) {
    blocks.push({
      attentionNorm: norm(),
      queryKeyValue: normalWeights(tf, [embedding, 3 * embedding], 1 / Math.sqrt(embedding), rng),
      attentionOut: normalWeights(tf, [embedding, embedding], residualScale / Math.sqrt(embedding), rng),
      feedForwardNorm: norm(),
      hidden: { weights: normalWeights(tf, [embedding, feedForward], Math.sqrt(2 / embedding), rng), bias: zeros(tf, [feedForward]) },
      out: { weights: normalWeights(tf, [feedForward, embedding], residualScale / Math.sqrt(feedForward), rng), bias: zeros(tf, [embedding]) },
    });
  }
  const finalNorm = norm();
  const readout = { weights: normalWeights(tf, [embedding, vocabularySize], 1 / Math.sqrt(embedding), rng), bias: zeros(tf, [vocabularySize]) };

  const variables = [
    tokenEmbedding,
    inputPositions,
    targetPositions,
    ...blocks.flatMap((block) => [
      block.attentionNorm.scale,
      block.attentionNorm.shift,
      block.queryKeyValue,
      block.attentionOut,
      block.feedForwardNorm.scale,
      block.feedForwardNorm.shift,
      block.hidden.weights,
      block.hidden.bias,
      block.out.weights,
      block.out.bias,
    ]),
    finalNorm.scale,
    finalNorm.shift,
    readout.weights,
    readout.bias,
  ];
  const decayed = [tokenEmbedding, ...blocks.flatMap((block) => [block.queryKeyValue, block.attentionOut, block.hidden.weights, block.out.weights]), readout.weights];

  const ops = createHandWrittenGradients(tf, NORM_EPSILON);
  const layerNorm = (x: Tensor2D, { scale, shift }: { scale: Variable; shift: Variable }): Tensor2D => ops.layerNorm(x, scale, shift);

  /** Token + position embeddings of ids B x T (positions from `table`'s first T rows) → B·T x E rows. */
  const embed = (ids: Tensor2D, table: Variable, firstPosition = 0): Tensor2D => {
    const [batch, length] = ids.shape;
    // one-hot x matrix rather than gather: gather has no gradient kernel on wasm.
    const tokens = tf.matMul(tf.oneHot(tf.reshape(ids, [-1]), vocabularySize + 1) as Tensor2D, tokenEmbedding as Tensor2D);
    const positions = tf.slice(table, [firstPosition, 0], [length, embedding]);
    return tf.reshape(tf.add(tf.reshape(tokens, [batch, length, embedding]), positions), [batch * length, embedding]);
  };

  /** The first `length` rows of a position table (the table itself when it has no more: no slice kernel). */
  const firstPositions = (table: Variable, length: number): Tensor2D =>
    (length === table.shape[0] ? table : tf.slice(table, [0, 0], [length, embedding])) as Tensor2D;

  /**
   * What `embed` gives for the inputs, then for the decoder ids, as one sequence B x (Tin + Tt) → B·L x E rows:
   * one embedding product and one position sum for both parts.
   */
  const embedSequence = (inputs: Tensor2D, decoderIds: Tensor2D): Tensor2D => {
    const [batch, inputLength] = inputs.shape;
    const length = inputLength + decoderIds.shape[1];
    const ids = tf.reshape(tf.concat([inputs, decoderIds], 1), [-1]);
    const tokens = tf.matMul(tf.oneHot(ids, vocabularySize + 1) as Tensor2D, tokenEmbedding as Tensor2D);
    const positions = tf.concat([firstPositions(inputPositions, inputLength), firstPositions(targetPositions, decoderIds.shape[1])], 0);
    return tf.reshape(tf.add(tf.reshape(tokens, [batch, length, embedding]), positions), [batch * length, embedding]);
  };

  const maybeDropout = <T extends Tensor>(x: T, dropoutSeed: number | undefined, offset: number): T =>
    dropoutSeed !== undefined && dropout > 0 ? (tf.dropout(x, dropout, undefined, dropoutSeed + offset) as T) : x;

  /**
   * Queries, keys and values of rows (B·T) x E, each B x heads x T x E/heads: one product, then one transpose for
   * all three (the product's columns are [queries | keys | values], head h owning channels h·E/heads … of each).
   */
  const queryKeyValueHeads = (x: Tensor2D, block: Block, batch: number, length: number): Tensor4D[] => {
    const projected = tf.matMul(layerNorm(x, block.attentionNorm), block.queryKeyValue as Tensor2D);
    const byHead = tf.transpose(tf.reshape(projected, [batch, length, 3 * heads, headSize]), [0, 2, 1, 3]);
    return tf.split(byHead, 3, 1) as Tensor4D[];
  };

  /** Attention of queries over keys and values (B x heads x T x E/heads), scores shifted by `bias` → B·Tq x E rows. */
  const attend = (queries: Tensor4D, keys: Tensor4D, values: Tensor4D, bias: Tensor): Tensor2D => {
    const [batch, , length] = queries.shape;
    const mixed = ops.attention(queries, keys, values, bias, 1 / Math.sqrt(headSize));
    return tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [batch * length, embedding]) as Tensor2D;
  };

  const feedForwardOf = (block: Block, x: Tensor2D, dropoutSeed: number | undefined, offset: number): Tensor2D => {
    const hidden = ops.relu(ops.linear(layerNorm(x, block.feedForwardNorm), block.hidden.weights, block.hidden.bias));
    const out = ops.linear(hidden, block.out.weights, block.out.bias);
    return ops.residual(x, maybeDropout(out, dropoutSeed, offset));
  };

  /** 0 for an input key that holds a character, MASKED_SCORE for a PAD: B x inputLength. */
  const inputKeyScores = (inputs: Tensor2D): Tensor2D => tf.mul(tf.cast(tf.equal(inputs, PAD_ID), 'float32'), MASKED_SCORE) as Tensor2D;

  /** inputKeyScores as B x 1 x 1 x inputLength, to shift every query's scores. */
  const inputKeyBias = (inputs: Tensor2D): Tensor4D => {
    const [batch, length] = inputs.shape;
    return tf.reshape(inputKeyScores(inputs), [batch, 1, 1, length]) as Tensor4D;
  };

  /**
   * The prefix-LM structure as score offsets, 1 x 1 x L x L: input queries see the input's keys; target queries see
   * those and the target positions up to their own. The same for every batch: built once per pair of lengths and
   * kept until the model is disposed.
   */
  const structureBiases = new Map<string, Tensor4D>();
  const structureBias = (inputLength: number, targetLength: number): Tensor4D => {
    const key = `${inputLength}:${targetLength}`;
    let bias = structureBiases.get(key);
    if (!bias) {
      const length = inputLength + targetLength;
      const structure = new Float32Array(length * length);
      for (let query = 0; query < length; query++) {
        for (let key = 0; key < length; key++) {
          const visible = key < inputLength || (query >= inputLength && key <= query);
          structure[query * length + key] = visible ? 0 : MASKED_SCORE;
        }
      }
      bias = tf.keep(tf.tensor4d(structure, [1, 1, length, length]));
      structureBiases.set(key, bias);
    }
    return bias;
  };

  /**
   * The prefix-LM mask as score offsets, B x 1 x L x L with L = inputLength + targetLength: the structure, and the
   * input's PAD keys hidden from every query.
   */
  const prefixBias = (inputs: Tensor2D, targetLength: number): Tensor4D => {
    const [batch, inputLength] = inputs.shape;
    const length = inputLength + targetLength;
    const keys = tf.reshape(tf.pad(inputKeyScores(inputs), [[0, 0], [0, targetLength]]), [batch, 1, 1, length]);
    return tf.add(keys, structureBias(inputLength, targetLength)) as Tensor4D;
  };

  /** Logits of target positions for inputs B x Tin and decoder ids B x Tt ([BOS, y₀ …]) → B x Tt x vocabulary. */
  const forward = (inputs: Tensor2D, decoderIds: Tensor2D, dropoutSeed?: number): Tensor3D => {
    const [batch, inputLength] = inputs.shape;
    const targetLength = decoderIds.shape[1];
    const length = inputLength + targetLength;
    let x = maybeDropout(embedSequence(inputs, decoderIds), dropoutSeed, 0);
    const bias = prefixBias(inputs, targetLength);
    blocks.forEach((block, index) => {
      const [queries, keys, values] = queryKeyValueHeads(x, block, batch, length);
      const mixed = attend(queries, keys, values, bias);
      x = ops.residual(x, maybeDropout(tf.matMul(mixed, block.attentionOut as Tensor2D), dropoutSeed, 1 + 2 * index));
      x = feedForwardOf(block, x, dropoutSeed, 2 + 2 * index);
    });
    const target = tf.reshape(tf.slice(tf.reshape(x, [batch, length, embedding]), [0, inputLength, 0], [batch, targetLength, embedding]), [batch * targetLength, embedding]);
    const logits = ops.linear(layerNorm(target as Tensor2D, finalNorm), readout.weights, readout.bias);
    return tf.reshape(logits, [batch, targetLength, vocabularySize]) as Tensor3D;
  };

  /** [BOS, y₀ … y_{W−2}]: the decoder's teacher-forced ids for targets B x W. */
  const shiftRight = (targets: Tensor2D): Tensor2D => {
    const batch = targets.shape[0];
    const width = targets.shape[1];
    return tf.concat([tf.fill([batch, 1], begin, 'int32'), tf.slice(targets, [0, 0], [batch, width - 1])], 1) as Tensor2D;
  };

  /**
   * Greedy decoding with a key/value cache: the input part runs through the stack once, then each step runs one
   * position per row, attending to the cached keys and values. Faster than recomputing the whole prefix at every
   * step even for short targets (measured on tfjs-node, 600 rows of the dates task as JSONL, inputs of 22 and
   * targets of 10 slots, default model, load ~9 on 2 cores: 0.31–0.52 s with the cache, 1.5–1.7 s recomputing;
   * the same predictions). Per step the cache runs about as many kernels as recomputation but on 1 position
   * instead of up to 32, and the work, not the per-kernel overhead, dominates at a few hundred rows.
   */
  const greedy = (inputs: Tensor2D): Tensor2D => {
    const [batch, inputLength] = inputs.shape;
    const inputBias = inputKeyBias(inputs);
    let caches = tf.tidy(() => {
      let x = embed(inputs, inputPositions);
      return blocks.map((block) => {
        const [queries, keys, values] = queryKeyValueHeads(x, block, batch, inputLength);
        const cache = { keys, values };
        const mixed = attend(queries, cache.keys, cache.values, inputBias);
        x = tf.add(x, tf.matMul(mixed, block.attentionOut as Tensor2D)) as Tensor2D;
        x = feedForwardOf(block, x, undefined, 0);
        return cache;
      });
    });
    let next = tf.fill([batch, 1], begin, 'int32') as Tensor2D;
    const predicted: Tensor2D[] = [];
    for (let position = 0; position < targetWidth; position++) {
      // Each step in its own scope: only the grown caches and the new ids outlive it (a 2048-row evaluation chunk
      // would otherwise hold every step's intermediates at once).
      const previous = caches;
      const step = tf.tidy(() => {
        let h = embed(next, targetPositions, position);
        // Target keys are all visible to the newest position: only the input's padding is masked.
        const bias = tf.concat([inputBias, tf.zeros([batch, 1, 1, position + 1])], 3);
        const grown = blocks.map((block, index) => {
          const [queries, keys, values] = queryKeyValueHeads(h, block, batch, 1);
          const cache = {
            keys: tf.concat([previous[index].keys, keys], 2) as Tensor4D,
            values: tf.concat([previous[index].values, values], 2) as Tensor4D,
          };
          const mixed = attend(queries, cache.keys, cache.values, bias);
          h = tf.add(h, tf.matMul(mixed, block.attentionOut as Tensor2D)) as Tensor2D;
          h = feedForwardOf(block, h, undefined, 0);
          return cache;
        });
        const logits = tf.add(tf.matMul(layerNorm(h, finalNorm), readout.weights as Tensor2D), readout.bias);
        return { next: tf.reshape(tf.cast(tf.argMax(logits, -1), 'int32'), [batch, 1]) as Tensor2D, caches: grown };
      });
      tf.dispose(previous.flatMap((cache) => [cache.keys, cache.values]));
      caches = step.caches;
      next = step.next;
      predicted.push(next);
    }
    tf.dispose(caches.flatMap((cache) => [cache.keys, cache.values]));
    return tf.concat(predicted, 1) as Tensor2D;
  };

  /**
   * Ids decoded greedily with no cache: at every step the whole sequence so far runs through `forward` again, the
   * very computation the teacher-forced loss uses. The reference the cached `greedy` is tested against (and timed
   * against); the trainer decodes with `greedy`.
   */
  const greedyRecomputing = (inputs: Tensor2D): Tensor2D => {
    const batch = inputs.shape[0];
    let decoderIds = tf.fill([batch, 1], begin, 'int32') as Tensor2D;
    for (let position = 0; position < targetWidth; position++) {
      const logits = forward(inputs, decoderIds);
      const last = tf.slice(logits, [0, position, 0], [batch, 1, vocabularySize]);
      decoderIds = tf.concat([decoderIds, tf.reshape(tf.cast(tf.argMax(last, -1), 'int32'), [batch, 1])], 1) as Tensor2D;
    }
    return tf.slice(decoderIds, [0, 1], [batch, targetWidth]) as Tensor2D;
  };

  /** Every slot after the first PAD that follows a character becomes PAD: the sequence ended there. */
  const endAtFirstPad = (ids: Tensor2D): Tensor2D => {
    const isCharacter = tf.cast(tf.notEqual(ids, PAD_ID), 'int32');
    const charactersBefore = tf.cumsum(isCharacter, 1, true);
    const ends = tf.logicalAnd(tf.equal(ids, PAD_ID), tf.greater(charactersBefore, 0));
    const ended = tf.greater(tf.cumsum(tf.cast(ends, 'int32'), 1, true), 0);
    return tf.where(ended, tf.zerosLike(ids), ids) as Tensor2D;
  };

  return {
    variables,
    decayed,
    paramCount: variables.reduce((total, variable) => total + variable.size, 0),
    // Measured on tfjs-node, word-order reversal (68 positions): ~3.3 MB of peak memory per row evaluated.
    evaluationRows: 256,
    logits(inputs, targets, dropoutSeed) {
      return forward(inputs, shiftRight(targets), dropoutSeed);
    },
    lossWeights(targets) {
      // Slot t counts when t ≤ (index of the last character) + 1: the characters and the end-of-sequence PAD.
      const width = targets.shape[1];
      const slotNumbers = tf.range(1, width + 1, 1, 'int32');
      const lastCharacterNumber = tf.max(tf.mul(tf.cast(tf.notEqual(targets, PAD_ID), 'int32'), slotNumbers), 1, true);
      return tf.cast(tf.lessEqual(tf.range(0, width, 1, 'int32'), lastCharacterNumber), 'float32') as Tensor2D;
    },
    predict(inputs) {
      return endAtFirstPad(greedy(inputs));
    },
    dispose() {
      for (const variable of variables) variable.dispose();
      for (const bias of structureBiases.values()) bias.dispose();
      structureBiases.clear();
    },
    predictRecomputing(inputs) {
      return endAtFirstPad(greedyRecomputing(inputs));
    },
  };
}

/** Number of trainable parameters createTransformerModel makes for this shape and config (no tensors needed). */
export function transformerParameterCount(shape: ModelShape, config: TrainingConfig): number {
  const { inputWidth, targetWidth, vocabularySize } = shape;
  const { embedding, depth, feedForward } = config;
  const block = 4 * embedding + 3 * embedding * embedding + embedding * embedding + embedding * feedForward + feedForward + feedForward * embedding + embedding;
  return (vocabularySize + 1 + inputWidth + targetWidth) * embedding + depth * block + 2 * embedding + embedding * vocabularySize + vocabularySize;
}
