/**
 * Writes docs/admin/ (the admin guide and the policy templates) from the settings schema; see
 * scripts/admin/kit.ts. Run with `npm run gen:admin` (also part of `npm run gen:managed-schema`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAdminKit } from './admin/kit';

const dir = fileURLToPath(new URL('../docs/admin', import.meta.url));
for (const [path, text] of await buildAdminKit(dir)) {
  const target = join(dir, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}
console.log(`Wrote ${dir}`);
