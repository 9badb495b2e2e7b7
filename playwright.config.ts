import { defineConfig } from '@playwright/test';

/**
 * Three browsers at a time, each test on its own (every test has its own browser, simulator and
 * pages, so the tests of one file need not share a worker). The machines have two cores, but a
 * browser test often waits (for a reconnect step, a page, a simulator), and the longest file
 * (accessibility.spec.ts) no longer holds one worker for all its tests. The tests are written for
 * load (no timing thresholds, generous waits). The policy test writes a machine-wide Chromium
 * policy file that every browser starting meanwhile would read, so it runs alone, afterwards, with
 * playwright.policy.config.ts (`npm run test:e2e` and `npm test` run both).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testIgnore: 'policy.spec.ts',
  workers: 3,
  fullyParallel: true,
  // Shared two-core machines run a test several times slower under load than alone. The slowest
  // test takes about 16 s alone (Chromium launch included; the chaos tests that outlast every
  // reconnect step set their own): 3 minutes leaves room for that, and 30 s for a page to show
  // what a test waits for.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  // A failed test keeps its trace: every action, the DOM before and after it, network and console.
  // Without the screencast: Chromium encoding a frame for every change of every page cost more
  // than a few tests (about 1,600 JPEG frames in a third of the suite).
  use: { trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true } },
});
