/**
 * Writes utils/phone/plans.generated.ts from libphonenumber-js's metadata (see
 * scripts/phone-plans.ts). Run with `npm run gen:phone-plans` after updating libphonenumber-js;
 * tests/unit/phone-plans.test.ts fails until the committed file matches.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPhonePlans } from './phone-plans';

const target = fileURLToPath(new URL('../utils/phone/plans.generated.ts', import.meta.url));
writeFileSync(target, buildPhonePlans());
console.log(`Wrote ${target}`);
