// Types of scripts/build-wasm.mjs, for the test setup that imports it.
/** Every .wat file under `directory` (default: the project's src/), sorted. */
export function watFiles(directory?: string): string[];
/** x.wat → x.wasm. */
export function wasmPathFor(watPath: string): string;
/** The binary module compiled from one .wat file. */
export function compileWat(watPath: string): Promise<Uint8Array>;
/** Compiles every .wat under src/ next to its source (and mirrored under outDir); returns the paths written. */
export function buildWasm(options?: { outDir?: string }): Promise<string[]>;
