/**
 * zod building blocks shared by the XiVO wire schemas (wire.ts, wire-features.ts, history.ts):
 * xuc versions differ in whether a field is a string, a number or null, so display fields and ids
 * are read leniently.
 */
import { z } from 'zod';

/** Display-only text that some xuc versions send as a number or null; absent → undefined. */
export const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

/** A numeric id (queue, agent) that some versions send as a string of digits ("11"). */
export const numericId = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d{1,15}$/)
    .transform(Number),
]);

/** A list the page shows as one object in some places and as an array in others. */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), item]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);
