/**
 * The TensorFlow.js backends stopwise can run on, in the preference order of 'auto': fastest first (tokens/s
 * measured on this project's models: native ≫ wasm ≫ cpu). Kept apart from `backend.ts` so that the CLI's option
 * table lists them without any path to TensorFlow.
 */
export const BACKEND_PREFERENCE = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_PREFERENCE)[number];
