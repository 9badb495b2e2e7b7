import { defineConfig } from 'vitest/config';

/**
 * The Firefox end-to-end suite (tests/e2e-firefox/): Debian's Firefox ESR with the Firefox build
 * (`.output/firefox-mv2`), over WebDriver BiDi. One Firefox at a time: the tests are heavy, and
 * the policy test writes Firefox's machine-wide policies.json (scripts/firefox-e2e.sh runs the
 * suite in a mount namespace of its own for that). `npm run test:e2e:firefox` builds and runs it.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e-firefox/**/*.test.ts'],
    fileParallelism: false,
    // A Firefox start and a sign-in take several seconds alone and several times that on a
    // loaded two-core machine; a hung test still fails.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // scripts/test-all.mjs (`npm test`) counts the tests from this report.
    reporters: ['default', ['json', { outputFile: 'test-results/e2e-firefox.json' }]],
  },
});
