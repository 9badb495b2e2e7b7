/**
 * Writes public/managed_schema.json from the settings schema (see scripts/managed-schema.ts).
 * Run with `npm run gen:managed-schema` (vite-node, because Node 20 cannot run TypeScript).
 * The file is formatted with the project's Prettier settings so `npm run format` leaves it alone.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { buildManagedSchema } from './managed-schema';

const target = fileURLToPath(new URL('../public/managed_schema.json', import.meta.url));
const options = (await resolveConfig(target)) ?? {};
writeFileSync(
  target,
  await format(JSON.stringify(buildManagedSchema()), { ...options, parser: 'json' }),
);
console.log(`Wrote ${target}`);
