// Search spaces: the file format, its validation, mathjs conditions and the unit-cube encoding.
// Everything here is pure except `loadSpaceFile` (reads the file) and `hashSpace` (node:crypto), which live in
// their own files so that numerical code can import the pure modules directly.
export * from './types.js';
export { compileSpace } from './compile-space.js';
export { parseSpaceFile, parseSpaceDefinition, readSpaceFile } from './parse-space-file.js';
export { checkSamplerSettings } from './sampler-settings.js';
export { canonicalJson } from './canonical-json.js';
export { hashSpace } from './hash-space.js';
export { loadSpaceFile, type LoadedSpaceFile } from './load-space-file.js';
