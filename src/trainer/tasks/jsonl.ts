import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { characters, MAX_VOCABULARY_SIZE } from '../tokenizer.js';
import { defaultLengthLimit, LENGTH_FACTOR, LENGTH_QUANTILE, MAX_FIELD_LENGTH } from './length-limit.js';
import { integerField, rejectUnknownFields, stringField, taskField } from './spec-fields.js';
import type { Align, Example, Task, TaskContext, TaskDefinition, TaskSpec } from './types.js';

const FIELDS = {
  path: 'JSONL file relative to the space file\'s folder; each line {"input": "...", "target": "..."}',
  inputAlign: '"left" (default) or "right": which side of its slot the input sits on once padded',
  targetAlign: '"left" (default) or "right": the same for the target (right suits numbers)',
  maxLength: `longest input or target kept, in characters, 1–${MAX_FIELD_LENGTH} (default: for each field, ${LENGTH_FACTOR} x the ${LENGTH_QUANTILE * 100}th percentile of its lengths in the file, at most ${MAX_FIELD_LENGTH}); longer examples are dropped with a warning`,
};

/** One example of a JSONL file with the (1-based) line it was read from. */
export interface JsonlLine extends Example {
  line: number;
}

/** Longest input and longest target kept, in characters. */
export interface LengthLimits {
  input: number;
  target: number;
}

/** A JSONL file's examples, ready to train on, and what the user should know about the ones left out. */
export interface JsonlExamples {
  examples: Example[];
  /** One line each, naming the file and lines; empty when every example was kept. */
  warnings: string[];
}

/** Dropped lines a warning lists by number; it counts the rest. */
const LISTED_LINES = 5;

/**
 * Parses JSONL text into examples with their line numbers. Blank lines are skipped; any other line must be a JSON
 * object whose `input` and `target` are non-empty strings (other keys are ignored). Throws InputError
 * `<file>:<line>: <what is wrong>`, or `<file>: no examples …` for a file of blank lines. Cost: O(text length).
 */
export function parseJsonlLines(text: string, file: string): JsonlLine[] {
  const examples: JsonlLine[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new InputError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`${where}: expected an object {"input": "...", "target": "..."}`);
    }
    const record = value as Record<string, unknown>;
    for (const key of ['input', 'target'] as const) {
      const field = record[key];
      if (field === undefined) throw new InputError(`${where}: missing "${key}"`);
      if (typeof field !== 'string') throw new InputError(`${where}: "${key}" must be a string, got ${JSON.stringify(field)}`);
      if (field.length === 0) throw new InputError(`${where}: "${key}" is empty`);
    }
    examples.push({ input: record.input as string, target: record.target as string, line: index + 1 });
  }
  if (examples.length === 0) throw new InputError(`${file}: no examples (expected one JSON object per line)`);
  return examples;
}

/** `maxLength` for both fields when given, else each field's default from its own lengths (defaultLengthLimit). */
export function lengthLimits(examples: readonly Example[], maxLength: number | undefined): LengthLimits {
  if (maxLength !== undefined) return { input: maxLength, target: maxLength };
  return {
    input: defaultLengthLimit(examples.map((example) => characters(example.input).length)),
    target: defaultLengthLimit(examples.map((example) => characters(example.target).length)),
  };
}

/**
 * The examples within the limits, and a one-line warning naming the file and the dropped lines when some are not.
 * An example too long is dropped rather than truncated (a cut target is a wrong answer to learn; a cut input may
 * no longer determine its target) and rather than refused (the default limit is a guess from the file's own
 * lengths, and refusing the file for a stray line would make every user with one set `maxLength` by hand).
 * Throws InputError naming the file when no example is left. Cost: O(total characters).
 */
export function dropLongExamples(
  examples: readonly JsonlLine[],
  limits: LengthLimits,
  file: string,
  limitSource: string,
): { kept: JsonlLine[]; warning?: string } {
  const kept: JsonlLine[] = [];
  const dropped: number[] = [];
  for (const example of examples) {
    const fits = characters(example.input).length <= limits.input && characters(example.target).length <= limits.target;
    if (fits) kept.push(example);
    else dropped.push(example.line);
  }
  if (dropped.length === 0) return { kept };
  const bound = limits.input === limits.target ? `${limits.input} characters` : `${limits.input} (input) or ${limits.target} (target) characters`;
  if (kept.length === 0) {
    throw new InputError(`${file}: every example is longer than ${bound} (${limitSource})`);
  }
  const listed = dropped.slice(0, LISTED_LINES).join(', ') + (dropped.length > LISTED_LINES ? ` and ${dropped.length - LISTED_LINES} more` : '');
  const plural = dropped.length === 1 ? 'line' : 'lines';
  return {
    kept,
    warning: `${file}: dropped ${dropped.length} of ${examples.length} examples longer than ${bound} (${limitSource}): ${plural} ${listed}`,
  };
}

/**
 * Throws InputError naming the file, and the line where the vocabulary overflows, when the examples hold more
 * distinct characters than the tokenizer takes (MAX_VOCABULARY_SIZE, one id being padding). Cost: O(total characters).
 */
export function checkVocabulary(examples: readonly JsonlLine[], file: string): void {
  const limit = MAX_VOCABULARY_SIZE - 1;
  const seen = new Set<string>();
  let overflowLine: number | undefined;
  for (const example of examples) {
    for (const char of example.input) seen.add(char);
    for (const char of example.target) seen.add(char);
    if (overflowLine === undefined && seen.size > limit) overflowLine = example.line;
  }
  if (overflowLine !== undefined) {
    throw new InputError(
      `${file}: ${seen.size} distinct characters, more than the ${limit} the character tokenizer holds (the ${limit + 1}th appears on line ${overflowLine})`,
    );
  }
}

/**
 * A JSONL file's text as a task's examples: parsed (parseJsonlLines), examples longer than the limits dropped
 * (dropLongExamples), the vocabulary checked (checkVocabulary). `maxLength` is the spec's own limit, if it sets one.
 * Cost: O(text length + n log n).
 */
export function jsonlExamples(text: string, file: string, maxLength?: number): JsonlExamples {
  const parsed = parseJsonlLines(text, file);
  const limits = lengthLimits(parsed, maxLength);
  const limitSource =
    maxLength !== undefined
      ? '$.task.maxLength'
      : `the default limit, ${LENGTH_FACTOR} x the ${LENGTH_QUANTILE * 100}th percentile of the file's lengths; set $.task.maxLength up to ${MAX_FIELD_LENGTH} to keep more`;
  const { kept, warning } = dropLongExamples(parsed, limits, file, limitSource);
  checkVocabulary(kept, file);
  return { examples: kept.map(({ input, target }) => ({ input, target })), warnings: warning ? [warning] : [] };
}

function alignField(spec: TaskSpec, field: string, context: TaskContext): Align {
  const value = spec[field];
  if (value === undefined) return 'left';
  if (value !== 'left' && value !== 'right') {
    throw new InputError(`${taskField(context, field)}: expected "left" or "right", got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The file as the user should see it: relative to the working directory when that is shorter. */
function displayPath(absolute: string): string {
  const fromHere = relative(process.cwd(), absolute);
  return fromHere && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : absolute;
}

export const jsonl: TaskDefinition = {
  name: 'jsonl',
  fields: FIELDS,
  async create(spec: TaskSpec, context: TaskContext): Promise<Task> {
    rejectUnknownFields(spec, FIELDS, context);
    const path = stringField(spec, 'path', undefined, context);
    const layout = { input: alignField(spec, 'inputAlign', context), target: alignField(spec, 'targetAlign', context) };
    const maxLength =
      spec.maxLength === undefined ? undefined : integerField(spec, 'maxLength', { min: 1, max: MAX_FIELD_LENGTH, fallback: MAX_FIELD_LENGTH }, context);
    const absolute = resolve(context.baseDir, path);
    const file = displayPath(absolute);
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const what = code === 'ENOENT' ? 'file not found' : `cannot read it (${code ?? (error as Error).message})`;
      throw new InputError(`${taskField(context, 'path')}: ${file}: ${what}`);
    }
    const { examples, warnings } = jsonlExamples(text, file, maxLength);
    return { name: 'jsonl', description: `${file}, ${examples.length} examples`, examples, layout, warnings };
  },
};
