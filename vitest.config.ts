import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The .wasm kernels are compiled from their .wat; the CLI that tests spawn runs the compiled dist/, rebuilt
    // when a source is newer.
    globalSetup: ['test/setup/build-wasm.ts', 'scripts/build-if-stale.mjs'],
    // Training tests are CPU-heavy; two cores, so keep the pool small and the timeouts generous.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
