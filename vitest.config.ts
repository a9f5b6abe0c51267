import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The CLI that tests spawn runs the compiled dist/; this rebuilds it when a source is newer.
    globalSetup: ['scripts/build-if-stale.mjs'],
    // Training tests are CPU-heavy; two cores, so keep the pool small and the timeouts generous.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
