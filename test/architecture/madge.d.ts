// The part of madge's API (https://github.com/pahen/madge#api) the import-graph test uses; madge ships no types.
declare module 'madge' {
  interface MadgeConfig {
    baseDir?: string;
    fileExtensions?: string[];
    tsConfig?: string;
    detectiveOptions?: Record<string, Record<string, unknown>>;
  }
  interface MadgeResult {
    /** Each module (path relative to the scanned folder) and the modules it imports. */
    obj(): Record<string, string[]>;
    /** Each import cycle, as the modules on it in order. */
    circular(): string[][];
    warnings(): { skipped: string[] };
  }
  export default function madge(path: string, config?: MadgeConfig): Promise<MadgeResult>;
}
