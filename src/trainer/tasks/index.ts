export type { Align, Example, Layout, Task, TaskContext, TaskDefinition, TaskSpec } from './types.js';
export { TASKS, TASK_NAMES, createTask } from './registry.js';
export { additionExamples } from './addition.js';
export { reverseExamples } from './reverse.js';
export { dateExamples, isoDate, DATE_FORMATS } from './dates.js';
export { jsonlExamples, parseJsonlLines, type JsonlExamples, type JsonlLine } from './jsonl.js';
export { defaultLengthLimit, MAX_FIELD_LENGTH } from './length-limit.js';
