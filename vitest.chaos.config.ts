import { defineConfig } from 'vitest/config';

/**
 * The chaos suite (`npm run test:chaos`): each file starts its own Postgres cluster, Redis and Suara
 * processes and kills them under load, so files run one after another. Kept out of `npm test`, whose
 * pattern (`*.test.ts`) these files do not match.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    // The whole scenario runs in beforeAll: load, faults, settling, audits.
    hookTimeout: 600_000,
    reporters: ['default'],
  },
});
