import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPhonePlans } from '../../scripts/phone-plans';

const committed = readFileSync(
  new URL('../../utils/phone/plans.generated.ts', import.meta.url),
  'utf8',
);

// Builds the plans from all of libphonenumber's metadata: heavy by design, slower still on a
// loaded machine.
describe('utils/phone/plans.generated.ts', { timeout: 60_000 }, () => {
  it('is exactly what the generator makes from the installed libphonenumber-js (run npm run gen:phone-plans)', () => {
    expect(committed === buildPhonePlans(), 'stale: run npm run gen:phone-plans').toBe(true);
  });
});
