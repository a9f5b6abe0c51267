import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The .wasm kernels are compiled from their .wat; the CLI that tests spawn runs the compiled dist/, rebuilt
    // when a source is newer.
    globalSetup: ['test/setup/build-wasm.ts', 'scripts/build-if-stale.mjs'],
    // Training tests are CPU-heavy; two cores, so keep the pool small.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // For tests that train nothing. A test that trains or starts processes sets its own limit, scaled from its
    // work (test/helpers/timeouts.ts); no test is retried.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
