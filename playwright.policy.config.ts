import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** The policy test, alone: it writes the machine-wide Chromium policy (playwright.config.ts). */
export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: 'policy.spec.ts',
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-policy.json' }]],
  outputDir: 'test-results/e2e-policy-artifacts',
});
