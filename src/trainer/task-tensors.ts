import type { Tensor2D } from '@tensorflow/tfjs';
import type { TfModule } from './backend.js';
import type { EncodedTask } from './encoded-task.js';
import type { ModelShape } from './models/index.js';

/** The part of an encoded task a run needs, as plain typed arrays (cheap to send to a worker). */
export interface TaskData {
  /** Identifies the content, so a worker keeps the task's tensors across runs on it. */
  key: string;
  size: number;
  inputWidth: number;
  targetWidth: number;
  vocabularySize: number;
  /** n x inputWidth ids, row-major. */
  inputs: Int32Array;
  /** n x targetWidth ids, row-major. */
  targets: Int32Array;
  /** Input + target characters of each example (length n). */
  exampleTokens: Int32Array;
}

/** An encoded task held in tensors once, shared by every run on it (runs only gather rows from it). */
export interface TaskTensors {
  /** n x inputWidth int32 ids. */
  inputs: Tensor2D;
  /** n x targetWidth int32 ids. */
  targets: Tensor2D;
  /** Input + target characters of each example (length n), for token accounting. */
  exampleTokens: Int32Array;
  shape: ModelShape;
  dispose(): void;
}

/** FNV-1a over the task's ids and widths: equal content ⇒ equal key. Cost: O(n · widths). */
export function taskDataOf(task: EncodedTask): TaskData {
  let hash = 0x811c9dc5;
  const mix = (values: Int32Array): void => {
    for (let i = 0; i < values.length; i++) hash = Math.imul(hash ^ values[i], 0x01000193) >>> 0;
  };
  mix(Int32Array.of(task.size, task.inputWidth, task.targetWidth, task.tokenizer.size));
  mix(task.inputs);
  mix(task.targets);
  mix(task.exampleTokens);
  return {
    key: `${task.name}:${task.size}:${hash.toString(16)}`,
    size: task.size,
    inputWidth: task.inputWidth,
    targetWidth: task.targetWidth,
    vocabularySize: task.tokenizer.size,
    inputs: task.inputs,
    targets: task.targets,
    exampleTokens: task.exampleTokens,
  };
}

/** Uploads task data to the active backend. Cost: O(n · (inputWidth + targetWidth)). */
export function createTaskTensors(tf: TfModule, data: TaskData): TaskTensors {
  const inputs = tf.tensor2d(data.inputs, [data.size, data.inputWidth], 'int32');
  const targets = tf.tensor2d(data.targets, [data.size, data.targetWidth], 'int32');
  return {
    inputs,
    targets,
    exampleTokens: data.exampleTokens,
    shape: { inputWidth: data.inputWidth, targetWidth: data.targetWidth, vocabularySize: data.vocabularySize },
    dispose() {
      inputs.dispose();
      targets.dispose();
    },
  };
}
