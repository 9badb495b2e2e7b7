import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  // One browser at a time: the machines have two cores, and the policy test writes a
  // machine-wide Chromium policy file that other browsers would read.
  workers: 1,
  fullyParallel: false,
  // Shared two-core machines run a test several times slower under load than alone. The slowest
  // test takes about 16 s alone (Chromium launch included): 3 minutes leaves room for that,
  // and 30 s for a page to show what a test waits for.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  use: { trace: 'retain-on-failure' },
});
