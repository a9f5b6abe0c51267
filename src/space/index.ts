// Search spaces: the file format, its validation, mathjs conditions and the unit-cube encoding.
// (load-space-file.ts and hash-space.ts use node built-ins and are imported from their own files.)
export * from './types.js';
export { compileSpace } from './compile-space.js';
export { parseSpaceFile, parseSpaceDefinition, readSpaceFile } from './parse-space-file.js';
export { canonicalJson } from './canonical-json.js';
