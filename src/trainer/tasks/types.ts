/** One example of an exact-match task: the model reads `input` and must produce `target` character for character. */
export interface Example {
  input: string;
  target: string;
}

/**
 * Which side of its fixed-width slot a text sits on once padded: `left` pads after it, `right` pads before it.
 * Tasks choose the side that keeps corresponding characters at fixed positions (the ones digit of a sum is always
 * the last slot when right-aligned), which is what lets a non-autoregressive model learn positionwise. It changes
 * only the model's view: targets and the exact-match judgement stay the task's own.
 */
export type Align = 'left' | 'right';

export interface Layout {
  input: Align;
  target: Align;
}

/** A task ready to train on: its examples in a fixed order (determined by the task's own seed) and their layout. */
export interface Task {
  name: string;
  /** One line for the user: what the task is and its size. */
  description: string;
  examples: Example[];
  layout: Layout;
  /** One line each about data the task left out (a JSONL file's over-long lines), for the user; absent when none. */
  warnings?: readonly string[];
}

/** A task as a space file writes it: `{ "name": "addition", "digits": 3, ... }`. */
export interface TaskSpec {
  name: string;
  [field: string]: unknown;
}

export interface TaskContext {
  /** Directory that relative data paths are resolved from (the space file's folder). */
  baseDir: string;
  /** Names the spec's origin in error messages, e.g. the space file's path. */
  source: string;
}

/** What one task file defines; `registry.ts` lists them. */
export interface TaskDefinition {
  name: string;
  /** Fields the spec may carry besides `name`, with their meaning, for error messages and help. */
  fields: Record<string, string>;
  create(spec: TaskSpec, context: TaskContext): Promise<Task> | Task;
}
